/** The disk side of the pipeline: reading dumps, the taxonomy and paper files, and writing them atomically. */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { serializePaper, parsePaperFile } from '../lib/paper-file';
import { decodeDump, parseDump, type DumpParse } from '../lib/parse';
import type { Problem } from '../lib/problems';
import { DaySchema, type Paper } from '../lib/schema';
import { parseTaxonomy, type Taxonomy } from '../lib/taxonomy';
import type { DatedDump } from '../lib/records';

/** A problem that stops the command: printed as one sentence, exit code 1 or 2. */
export class FatalError extends Error {}

/** The content folder: `content/`, or CONTENT_DIR (tests and benchmarks build from scratch folders). */
const CONTENT_DIR = process.env['CONTENT_DIR'] ?? 'content';
export const CONTENT = {
  dumps: join(CONTENT_DIR, 'dumps'),
  papers: join(CONTENT_DIR, 'papers'),
  topics: join(CONTENT_DIR, 'topics.yaml'),
  site: join(CONTENT_DIR, 'site.yaml'),
};

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

/** Reads and parses one dump file, keeping its bytes for a copy. A file that is not a dump at all becomes `fatal`. */
export function readDump(file: string): DumpParse & { bytes?: Uint8Array } {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { papers: [], problems: [], fatal: code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a folder, not a dump file' : 'cannot be read' };
  }
  const decoded = decodeDump(bytes);
  return decoded.ok ? { ...parseDump(decoded.text, file), bytes } : { papers: [], problems: [], fatal: decoded.reason };
}

/** The date a dump file is named by (`2026-11-26.txt`), or undefined. */
export function dumpDate(file: string): string | undefined {
  const stem = basename(file).replace(/\.txt$/, '');
  return DaySchema.safeParse(stem).success ? stem : undefined;
}

/** Every dump in the dumps folder, parsed, oldest first. Files not named by a date are reported and skipped. */
export function readAllDumps(dir: string): { dumps: DatedDump[]; problems: Problem[]; fatal: string[] } {
  const problems: Problem[] = [];
  const fatal: string[] = [];
  const dumps: DatedDump[] = [];
  const files = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => !f.startsWith('.'))
        .sort()
    : [];
  for (const name of files) {
    const file = join(dir, name);
    const date = dumpDate(name);
    if (!date) {
      problems.push({ file, line: 0, severity: 'error', message: 'is not named by a date (YYYY-MM-DD.txt); it was not read' });
      continue;
    }
    const parsed = readDump(file);
    problems.push(...parsed.problems);
    if (parsed.fatal) fatal.push(`${file} ${parsed.fatal}.`);
    else dumps.push({ date, file, papers: parsed.papers });
  }
  return { dumps, problems, fatal };
}

/** Every paper file, validated. An invalid file is fatal: regenerating would lose its hand edits. */
export function readPaperFiles(dir: string): Map<string, Paper> {
  const papers = new Map<string, Paper>();
  if (!existsSync(dir)) return papers;
  const failures: string[] = [];
  for (const name of readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()) {
    const file = join(dir, name);
    const result = parsePaperFile(readFileSync(file, 'utf8'));
    if (!result.ok) failures.push(`${file}: ${result.message}`);
    else if (`${result.value.id}.md` !== name) failures.push(`${file}: id: “${result.value.id}” does not match the file name`);
    else papers.set(result.value.id, result.value);
  }
  if (failures.length > 0)
    throw new FatalError(`${failures.join('\n')}\nFix the file${failures.length > 1 ? 's' : ''} above (or delete to regenerate); nothing was written.`);
  return papers;
}

/** Writes a file by writing a sibling temporary file and renaming it over the target. */
export function writeFileAtomic(file: string, content: string | Uint8Array): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  writeFileSync(temp, content);
  renameSync(temp, file);
}

/**
 * Replaces the papers folder with exactly these papers, atomically: the new folder is written beside the old one
 * and swapped in by renames, so an interrupted run leaves the old folder whole. Returns how many files changed;
 * when none did, nothing is written at all.
 */
export function writePaperFiles(dir: string, papers: readonly Paper[], before: ReadonlyMap<string, Paper>): { changed: number; removed: number } {
  const texts = new Map(papers.map((p) => [`${p.id}.md`, serializePaper(p)]));
  let changed = 0;
  for (const [name, text] of texts) {
    const file = join(dir, name);
    if (!existsSync(file) || readFileSync(file, 'utf8') !== text) changed += 1;
  }
  const removed = [...before.keys()].filter((id) => !texts.has(`${id}.md`)).length;
  if (changed === 0 && removed === 0 && existsSync(dir)) return { changed, removed };
  const staging = `${dir}.staging-${process.pid}`;
  const old = `${dir}.old-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  for (const [name, text] of texts) writeFileSync(join(staging, name), text);
  if (existsSync(dir)) renameSync(dir, old);
  renameSync(staging, dir);
  rmSync(old, { recursive: true, force: true });
  return { changed, removed };
}
