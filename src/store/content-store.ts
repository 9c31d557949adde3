/** The disk side of the pipeline: reading dumps, the taxonomy and paper files, and writing them atomically. */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serializePaper, parsePaperFile, unknownPinnedTopics } from '../lib/ingest/paper-file';
import { decodeDump, parseDump, type DumpParse } from '../lib/ingest/parse';
import type { Problem } from '../lib/ingest/problems';
import { z } from 'astro/zod';
import { DaySchema, type Paper } from '../lib/schema';
import { parseSiteSettings, type SiteSettings } from '../lib/site/settings';
import { parseTaxonomy, type Taxonomy } from '../lib/topics/taxonomy';
import type { DatedDump, MergeIndex } from '../lib/ingest/records';

import { FatalError } from './errors';
import type { ContentChange } from './transaction';

export { FatalError } from './errors';

/** The content folder: `content/`, or CONTENT_DIR (tests and benchmarks build from scratch folders). */
const CONTENT_DIR = process.env['CONTENT_DIR'] ?? 'content';
export const CONTENT = {
  root: CONTENT_DIR,
  dumps: join(CONTENT_DIR, 'dumps'),
  papers: join(CONTENT_DIR, 'papers'),
  topics: join(CONTENT_DIR, 'topics.yaml'),
  site: join(CONTENT_DIR, 'site.yaml'),
};

/**
 * The bytes of content files as one command has read them, so that the command reads each file once: an ingest used
 * to read every paper file four times (to check the stamp, to parse it, to compare the new records with it, and to
 * make the new stamp). The command updates it with what it writes (`wrote`, `removed`), and holds the content lock
 * meanwhile, so it always holds what the files hold. Without one, each read goes to the disk.
 */
export class ContentFiles {
  readonly #bytes = new Map<string, Buffer>();

  /** The file's bytes; a file that cannot be read throws as `readFileSync` does. */
  read(file: string): Buffer {
    let bytes = this.#bytes.get(file);
    if (!bytes) this.#bytes.set(file, (bytes = readFileSync(file)));
    return bytes;
  }

  /** The file's text, or undefined when there is no such file. */
  text(file: string): string | undefined {
    if (!this.#bytes.has(file) && !existsSync(file)) return undefined;
    return this.read(file).toString('utf8');
  }

  /** The file now holds `content` (text is written as UTF-8). */
  wrote(file: string, content: string | Uint8Array): void {
    this.#bytes.set(file, Buffer.from(content));
  }

  /** The file is gone. */
  removed(file: string): void {
    this.#bytes.delete(file);
  }
}

export function loadTaxonomyFile(file: string): Taxonomy {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new FatalError(`${file}: cannot read the taxonomy file`);
  }
  const result = parseTaxonomy(text);
  if (!result.ok) throw new FatalError(result.messages.map((m) => `${file}: ${m}`).join('\n'));
  return result.value;
}

/** Reads and validates `content/site.yaml`; a file that cannot be read or is not valid stops the run, naming it. */
export function loadSiteSettingsFile(file: string): SiteSettings {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new FatalError(`${file}: cannot read the site settings file`);
  }
  const result = parseSiteSettings(text);
  if (!result.ok) throw new FatalError(`${file}: ${result.message}`);
  return result.value;
}

/** Reads and parses one dump file, keeping its bytes for a copy. A file that is not a dump at all becomes `fatal`. */
export function readDump(file: string, files?: ContentFiles): DumpParse & { bytes?: Uint8Array } {
  let bytes: Uint8Array;
  try {
    bytes = files ? files.read(file) : readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { papers: [], problems: [], fatal: code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a folder, not a dump file' : 'cannot be read' };
  }
  const decoded = decodeDump(bytes);
  return decoded.ok ? { ...parseDump(decoded.text, file), bytes } : { papers: [], problems: [], fatal: decoded.reason };
}

/** A dump's file name: `2026-11-26.txt` for a day's first dump, `2026-11-26.2.txt` for its second, and so on. */
export function dumpFileName(date: string, seq: number): string {
  return seq === 1 ? `${date}.txt` : `${date}.${seq}.txt`;
}

/** The date and place in its day of a dump file named as `dumpFileName` names it, or undefined. */
export function dumpName(file: string): { date: string; seq: number } | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})(?:\.([2-9]|[1-9]\d+))?\.txt$/.exec(basename(file));
  if (!m || !DaySchema.safeParse(m[1]).success) return undefined;
  return { date: m[1]!, seq: m[2] ? Number(m[2]) : 1 };
}

/** The date a dump file is named by (`2026-11-26.txt`, `2026-11-26.2.txt`), or undefined. */
export function dumpDate(file: string): string | undefined {
  return dumpName(file)?.date;
}

/**
 * Where a new dump of `date` goes without touching any dump already there: the day's first free name, or the
 * existing file that holds exactly these bytes already (then there is nothing to add).
 */
export function placeDump(dir: string, date: string, bytes: Uint8Array): { name: string; seq: number; same: boolean } {
  for (let seq = 1; ; seq += 1) {
    const name = dumpFileName(date, seq);
    const file = join(dir, name);
    if (!existsSync(file)) return { name, seq, same: false };
    if (Buffer.compare(readFileSync(file), bytes) === 0) return { name, seq, same: true };
  }
}

/** The names of the files in the dumps folder (hidden files aside: a dump being written), sorted. */
export function dumpFileNames(dir: string): string[] {
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => !f.startsWith('.'))
        .sort()
    : [];
}

/**
 * Every dump in the dumps folder (or those `only` names), parsed, oldest first. Files not named by a date are
 * reported and skipped.
 */
export function readAllDumps(dir: string, files?: ContentFiles, only?: ReadonlySet<string>): { dumps: DatedDump[]; problems: Problem[]; fatal: string[] } {
  const problems: Problem[] = [];
  const fatal: string[] = [];
  const dumps: DatedDump[] = [];
  for (const name of dumpFileNames(dir).filter((n) => !only || only.has(n))) {
    const file = join(dir, name);
    const named = dumpName(name);
    if (!named) {
      problems.push({ file, line: 0, severity: 'error', message: 'is not named by a date (YYYY-MM-DD.txt or YYYY-MM-DD.N.txt); it was not read' });
      continue;
    }
    const parsed = readDump(file, files);
    problems.push(...parsed.problems);
    if (parsed.fatal) fatal.push(`${file} ${parsed.fatal}.`);
    else dumps.push({ ...named, file, papers: parsed.papers });
  }
  return { dumps, problems, fatal };
}

/** Every paper file, validated. An invalid file is fatal: regenerating would lose its hand edits. */
export function readPaperFiles(dir: string, topics?: ReadonlySet<string>, files?: ContentFiles): Map<string, Paper> {
  const papers = new Map<string, Paper>();
  if (!existsSync(dir)) return papers;
  const failures: string[] = [];
  for (const name of readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()) {
    const file = join(dir, name);
    const text = files ? files.read(file).toString('utf8') : readFileSync(file, 'utf8');
    const result = parsePaperFile(text);
    if (!result.ok) failures.push(`${file}: ${result.message}`);
    else if (`${result.value.id}.md` !== name) failures.push(`${file}: id: “${result.value.id}” does not match the file name`);
    else {
      const unknown = topics ? unknownPinnedTopics(text, result.value, topics) : [];
      for (const { line, slug } of unknown) failures.push(`${file}:${line}: pinnedTopics: “${slug}” is not a topic in ${CONTENT.topics}`);
      if (unknown.length === 0) papers.set(result.value.id, result.value);
    }
  }
  if (failures.length > 0)
    throw new FatalError(`${failures.join('\n')}\nFix the file${failures.length > 1 ? 's' : ''} above (or delete to regenerate); nothing was written.`);
  return papers;
}

/** One paper file, validated; one that cannot be read or is not valid stops the run, naming it. */
export function readPaperFile(dir: string, id: string, files: ContentFiles): Paper {
  const file = join(dir, `${id}.md`);
  const text = files.text(file);
  const result = text === undefined ? undefined : parsePaperFile(text);
  if (!result?.ok) throw new FatalError(`${file}: ${result ? result.message : 'there is no such file'}; nothing was written.`);
  return result.value;
}

/**
 * The change that makes the papers folder hold exactly these papers: the files whose text differs, and the files of
 * papers no longer there. Paths are relative to the content folder (see `commitChanges`).
 */
export function paperChanges(
  papers: readonly Paper[],
  before: ReadonlyMap<string, Paper>,
  files = new ContentFiles(),
): ContentChange & { changed: number; removed: number } {
  const writes = paperWrites(papers, files);
  const ids = new Set(papers.map((p) => p.id));
  const removes = [...before.keys()].filter((id) => !ids.has(id)).map((id) => join('papers', `${id}.md`));
  return { writes, removes, changed: writes.length, removed: removes.length };
}

/** The files to write so that these papers' files hold them: those whose text differs. Relative to the content folder. */
export function paperWrites(papers: readonly Paper[], files: ContentFiles): ContentChange['writes'] {
  const writes: ContentChange['writes'] = [];
  for (const paper of papers) {
    const text = serializePaper(paper);
    if (files.text(join(CONTENT.papers, `${paper.id}.md`)) !== text) writes.push({ path: join('papers', `${paper.id}.md`), content: text });
  }
  return writes;
}

/** How many paper files there are (0 when the folder is missing). */
export function countPaperFiles(dir: string): number {
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.md')).length : 0;
}

/**
 * When the paper files are gone though there are dumps, the sentence that says so (hand edits were in those files:
 * neither ingest nor build may go on as if the digest were new); undefined otherwise.
 */
export function lostPapers(dumpCount: number): string | undefined {
  if (dumpCount === 0 || countPaperFiles(CONTENT.papers) > 0) return undefined;
  return (
    `${CONTENT.papers}/ is missing or empty, but ${CONTENT.dumps}/ has ${dumpCount} dump${dumpCount > 1 ? 's' : ''}: ` +
    'the paper files (and any hand edits in them) are gone. Restore the folder (for example `git checkout -- content/papers`), ' +
    'or run `npm run digest -- ingest --regenerate` to write them again from the dumps alone.'
  );
}

/** Where an ingest that found nothing to change leaves the fingerprint of what it read (see `ingestFingerprint`). */
export const INGEST_STAMP = '.ingested';

/** The code that turns dumps into records: a new version of it must not meet a stamp left by an older one. */
const RECORD_CODE = ['../lib', '../store', '../../scripts'].map((dir) => new URL(`${dir}/`, import.meta.url));
/** The exact versions of the libraries that code stands on (the zod that validates, the YAML reader …). */
const LOCKFILE = new URL('../../package-lock.json', import.meta.url);

function addFolder(hash: ReturnType<typeof createHash>, dir: string, keep: (name: string) => boolean, files?: ContentFiles): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter(keep).sort()) {
    const file = join(dir, name);
    if (!statSync(file).isFile()) continue;
    hash.update(`${name}\u0000`);
    hash.update(files ? files.read(file) : readFileSync(file));
    hash.update('\u0000');
  }
}

/**
 * A hash of everything an ingest reads and writes: the taxonomy, every dump, every paper file (hand edits included),
 * the code that makes records and the locked versions of its libraries. When it equals the stamp an earlier ingest
 * left, that ingest found the records up to date with these very inputs, so doing it again would change nothing:
 * `npm run build` skips it. Reading the files is an eighth of the cost of parsing, merging and tagging them again
 * (1 s against 8 s at 20,000 papers). The stamp is committed with the content, so a fresh clone (a host's build)
 * skips the work too; a clone whose files differ in any byte (line endings converted, a file edited) gets another
 * hash and ingests in full, which costs only time.
 */
export function ingestFingerprint(files?: ContentFiles, dumps?: ReadonlySet<string>): string {
  const hash = createHash('sha256');
  hash.update(readFileSync(CONTENT.topics));
  // The dumps and paper files through `files`: the ingest that checks this reads them next. With `dumps`, only the
  // dumps so named: what the content was before dumps were added.
  addFolder(hash, CONTENT.dumps, (name) => !name.startsWith('.') && (!dumps || dumps.has(name)), files);
  addFolder(hash, CONTENT.papers, (name) => name.endsWith('.md'), files);
  for (const dir of RECORD_CODE) addFolder(hash, fileURLToPath(dir), (name) => name.endsWith('.ts'));
  if (existsSync(LOCKFILE)) hash.update(readFileSync(LOCKFILE));
  return hash.digest('hex');
}

/** Whether the last ingest left a stamp equal to `fingerprint`. */
export function ingestIsCurrent(fingerprint: string): boolean {
  const file = join(CONTENT.root, INGEST_STAMP);
  return existsSync(file) && readFileSync(file, 'utf8').trim() === fingerprint;
}

/** Leaves the stamp; a stamp that cannot be written only costs the next build a full ingest. */
export function writeIngestStamp(fingerprint: string): void {
  try {
    writeFileSync(join(CONTENT.root, INGEST_STAMP), `${fingerprint}\n`);
  } catch {
    // Read-only content: nothing is lost but time.
  }
}

/** Where an ingest leaves its `MergeIndex`, for the next day's ingest to read only the records the new dumps name. */
export const INGEST_INDEX = '.ingest-index.json';

/** The index as stored: valid only while the content is as the ingest that wrote it left it (`stamp`). */
const StoredIndexSchema = z.object({
  /** The fingerprint (`ingestFingerprint`) of the content the index describes. */
  stamp: z.string(),
  /** The dump files that content had, by name. */
  dumps: z.array(z.string()),
  records: z.array(
    z.object({
      id: z.string(),
      claim: z.string().nullable(),
      titleKey: z.string().optional(),
      hand: z.literal(true).optional(),
      firstSeen: DaySchema.optional(),
    }),
  ),
});
export type StoredIndex = MergeIndex & { stamp: string; dumps: string[] };

/** The stored index, or undefined when there is none or it cannot be read (it is a cache: a full ingest makes it again). */
export function readIngestIndex(): StoredIndex | undefined {
  try {
    const result = StoredIndexSchema.safeParse(JSON.parse(readFileSync(join(CONTENT.root, INGEST_INDEX), 'utf8')));
    if (!result.success) return undefined;
    const { records, ...rest } = result.data;
    // Optional fields absent rather than undefined, as the merge makes them.
    const entries = records.map(({ id, claim, titleKey, hand, firstSeen }) => ({
      id,
      claim,
      ...(titleKey !== undefined && { titleKey }),
      ...(hand && { hand }),
      ...(firstSeen !== undefined && { firstSeen }),
    }));
    return { ...rest, records: entries };
  } catch {
    return undefined;
  }
}

/** Leaves the index, whole or not at all (renamed into place); one that cannot be written costs the next ingest time only. */
export function writeIngestIndex(index: StoredIndex): void {
  const file = join(CONTENT.root, INGEST_INDEX);
  try {
    // Written in place, not through a temporary file, which a run killed between writing and renaming it would leave
    // in the content folder. A run killed while writing leaves a torn index, which does not parse: the next ingest
    // then reads everything, which costs only time (after an ingest that changed the content, the older index's stamp
    // no longer matched anyway).
    writeFileSync(file, JSON.stringify(index));
  } catch {
    // Read-only content: nothing is lost but time.
  }
}
