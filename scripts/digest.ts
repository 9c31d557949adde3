#!/usr/bin/env -S npx tsx
/** The papers-digest command line: parse a dump, ingest dumps into paper records, explain a paper's topics. */
import { readFileSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { basename, join } from 'node:path';
import { formatProblem, hasErrors, type Problem } from '../src/lib/ingest/problems';
import { mergeDumps, mergeNewDumps, type DatedDump, type Tagger } from '../src/lib/ingest/records';
import { dayWarnings, daysToCheck, type DayPapers } from '../src/lib/ingest/day-checks';
import { titleKey } from '../src/lib/ingest/normalise';
import type { Taxonomy } from '../src/lib/topics/taxonomy';
import { compileTaxonomy, orderKey, outsideSubjects, scoreTopics, tagPaper, topicThreshold } from '../src/lib/topics/tag';
import { listInWords } from '../src/lib/text/wording';
import { recurringWords } from '../src/lib/topics/review';
import { decodeDump, parseDump, type DumpParse } from '../src/lib/ingest/parse';
import {
  CONTENT,
  ContentFiles,
  FatalError,
  INGEST_STAMP,
  dumpDate,
  dumpFileNames,
  dumpName,
  ingestFingerprint,
  ingestIsCurrent,
  loadTaxonomyFile,
  lostPapers,
  paperChanges,
  paperWrites,
  placeDump,
  readAllDumps,
  readDump,
  readIngestIndex,
  readPaperFile,
  readPaperFiles,
  writeIngestIndex,
  writeIngestStamp,
} from '../src/store/content-store';
import { commitChanges, withContentLock } from '../src/store/transaction';
import { chooseEntry, parseArxivFeed, type ArxivEntry } from '../src/lib/ingest/arxiv';
import { serializePaper } from '../src/lib/ingest/paper-file';
import type { Paper } from '../src/lib/schema';
import { ArxivClient, DEFAULT_API_URL } from '../src/net/arxiv-client';
import { runCommand } from './cli';

const VERSION = '0.1.0';

const HELP = `papers-digest: turn pasted trending-paper dumps into a static digest.

Usage: npm run digest -- <command> [options]

Commands:
  parse FILE                 Print the papers of one dump as a JSON array (problems go to stderr). Writes nothing.
  ingest [FILE|-] [--date D] Add a dump (FILE, or - for standard input) as content/dumps/D.txt, where D
                             defaults to FILE's name if it is a date, else today's local date. A dump
                             already there is never overwritten: a second dump of the same day is kept
                             as D.2.txt, and a copy of one already there adds nothing. Then update
                             content/papers/ from all dumps, all or nothing. With no FILE, update from
                             the dumps already there.
  --strict                   With ingest: refuse (exit 2, nothing written) a day that looks wrong: dated
                             after today or before the newest day, all papers already in the day
                             before, or under half the usual count. Without it these are warnings.
  --backfill                 With ingest: the dump fills in a missed day, older than the newest.
  --regenerate               With ingest: allow writing content/papers/ from the dumps alone when the
                             folder is missing or empty (hand edits that were in it are not restored).
  explain TITLE|ID           Show every topic's score for one paper and the phrases behind it.
  enrich [--delay S]         The one command that uses the network: look up each paper without an arXiv id
                             on the arXiv API by its title, and record its id, authors, first-published
                             date and category in its file (fields already set, by hand or before, are
                             kept). One request every S seconds (default 3). ARXIV_API_URL sets the API.
  topics review              List the unsorted papers and the close calls (papers whose topics clear their
                             bars by a point or less), each with its best-scoring topics: what the
                             taxonomy may be missing.
  status                     Show the days, papers per day, the last dump, unsorted papers, and whether
                             content/papers/ is what the dumps and content/topics.yaml give now.
                             Like every command, it first finishes or undoes a stopped ingest.

Options:
  --quiet                    Print errors only, not notes.
  -h, --help                 Show this help.

Exit codes: 0 fine; 1 some paper could not be read (all others are still produced); 2 nothing usable.`;

function report(problems: readonly Problem[], quiet: boolean): void {
  for (const p of problems) if (!quiet || p.severity === 'error') console.error(formatProblem(p));
}

/** Today's date where the person running the command is: a morning ingest in Tokyo is that morning's day. */
function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/**
 * The latest date it is anywhere now (UTC+14): a dump is "in the future" only if it is dated after that, so a day
 * ingested in Tokyo and checked by a deploy in UTC an hour later is not refused.
 */
function latestToday(): string {
  return new Date(Date.now() + 14 * 3600_000).toISOString().slice(0, 10);
}

/** Reads a dump from a file, or from standard input for `-`. */
function readDumpSource(file: string): DumpParse & { bytes?: Uint8Array } {
  if (file !== '-') return readDump(file);
  const bytes = readFileSync(0);
  const decoded = decodeDump(bytes);
  return decoded.ok ? { ...parseDump(decoded.text, '<stdin>'), bytes } : { papers: [], problems: [], fatal: decoded.reason };
}

function commandParse(file: string, quiet: boolean): number {
  const parsed = readDump(file);
  report(parsed.problems, quiet);
  if (parsed.fatal) throw new FatalError(`${file} ${parsed.fatal}.`);
  const compiled = compileTaxonomy(loadTaxonomyFile(CONTENT.topics));
  const date = dumpDate(file) ?? today();
  // The same records ingest would make from this dump alone, in the dump's order.
  const { papers, problems } = mergeDumps([{ date, file, papers: parsed.papers }], new Map(), (paper) => tagPaper(compiled, paper));
  papers.sort((a, b) => a.seen[0]!.rank - b.seen[0]!.rank);
  report(problems, quiet);
  process.stdout.write(`${JSON.stringify(papers, null, 2)}\n`);
  return hasErrors(parsed.problems) || hasErrors(problems) ? 1 : 0;
}

interface IngestOptions {
  date: string | undefined;
  quiet: boolean;
  regenerate: boolean;
  strict: boolean;
  backfill: boolean;
}

/** Each day's papers as title keys, from the dumps (a day's several dumps together). */
function dayPapers(dumps: readonly DatedDump[]): DayPapers[] {
  const byDay = new Map<string, Set<string>>();
  for (const dump of dumps) {
    const keys = byDay.get(dump.date) ?? new Set<string>();
    for (const paper of dump.papers) keys.add(titleKey(paper.title));
    byDay.set(dump.date, keys);
  }
  return [...byDay].map(([date, keys]) => ({ date, keys }));
}

/** The day's summary: papers in the dump, new and seen before, per topic, unsorted. */
function daySummary(date: string, papers: readonly Paper[], taxonomy: Taxonomy): string {
  const onDay = papers.filter((p) => p.seen.some((s) => s.date === date));
  const fresh = onDay.filter((p) => p.firstSeen === date).length;
  const counts = taxonomy.topics
    .map((t) => [t.slug, onDay.filter((p) => p.topics[0]?.slug === t.slug).length] as const)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1]);
  const unsorted = onDay.filter((p) => p.topics.length === 0).length;
  return (
    `${date}: ${onDay.length} papers, ${fresh} new and ${onDay.length - fresh} seen before.\n` +
    `  By primary topic: ${counts.map(([slug, n]) => `${slug} ${n}`).join(', ') || 'none'}; unsorted ${unsorted}.`
  );
}

/** The dumps' days, from their file names. */
function namedDates(names: readonly string[]): string[] {
  return names.flatMap((n) => dumpName(n)?.date ?? []);
}

/**
 * Checks a day as `dayWarnings` does, printing each warning against `where`; `dumps` must hold those of
 * `daysToCheck(day, dates)`. Under --strict a warning refuses the day.
 */
function checkDay(day: string, dumps: readonly DatedDump[], where: string, options: IngestOptions, fromNewDump: boolean): void {
  const days = dayPapers(dumps);
  const warnings = dayWarnings(
    days.find((d) => d.date === day) ?? { date: day, keys: new Set() },
    days.filter((d) => d.date !== day),
    // Only a new dump can be a backfill; without one, the newest day is checked, which is never before itself.
    { today: latestToday(), backfill: options.backfill || !fromNewDump },
  );
  for (const warning of warnings) console.error(`${where}: warning: ${warning}`);
  if (options.strict && warnings.length > 0)
    throw new FatalError(`${warnings.length} warning${warnings.length > 1 ? 's' : ''} about ${day} under --strict; nothing was written.`);
}

/** The dumps so named, parsed; their problems were reported when they were ingested. */
function dumpsNamed(names: Iterable<string>, files: ContentFiles): DatedDump[] {
  return readAllDumps(CONTENT.dumps, files, new Set(names)).dumps;
}

/** The names of the dumps of these days. */
function namesOfDays(names: readonly string[], days: ReadonlySet<string>): string[] {
  return names.filter((n) => days.has(dumpName(n)?.date ?? ''));
}

interface Incoming {
  date: string;
  parsed: DumpParse & { bytes: Uint8Array };
}

/** One ingest's inputs, as its two ways (the new days only, or everything) take them. */
interface IngestRun {
  /** The content files as read so far (each read once). */
  files: ContentFiles;
  /** The dump given on the command line, if any, and what it is called in messages. */
  incoming: Incoming | undefined;
  source: string;
  taxonomy: Taxonomy;
  tag: Tagger;
  options: IngestOptions;
  note: (sentence: string) => void;
  /** The fingerprint of the content as read (`ingestFingerprint`), where it was taken. */
  before: string | undefined;
}

function commandIngest(file: string | undefined, options: IngestOptions): number {
  const taxonomy = loadTaxonomyFile(CONTENT.topics);
  const compiled = compileTaxonomy(taxonomy);
  const tag = (paper: { title: string; abstract: string }) => tagPaper(compiled, paper);
  let incoming: Incoming | undefined;
  // What the dump is called in messages.
  const source = file === '-' ? 'Standard input' : (file ?? '');
  if (file) {
    const date = options.date ?? (file === '-' ? undefined : dumpDate(file)) ?? today();
    if (!dumpDate(`${date}.txt`)) throw new FatalError(`--date ${date} is not a date written YYYY-MM-DD.`);
    const parsed = readDumpSource(file);
    report(parsed.problems, options.quiet);
    if (parsed.fatal || !parsed.bytes) throw new FatalError(`${source} ${parsed.fatal ?? 'cannot be read'}; nothing was added.`);
    incoming = { date, parsed: { ...parsed, bytes: parsed.bytes } };
  }
  const note = (sentence: string) => report([{ file: CONTENT.root, line: 0, severity: 'note', message: sentence }], options.quiet);
  return withContentLock(
    CONTENT.root,
    'ingest',
    () => {
      // Each dump and paper file is read once, whatever reads it next (the check, the merge, the comparison, the stamp).
      const files = new ContentFiles();
      const names = dumpFileNames(CONTENT.dumps);
      const stamp = join(CONTENT.root, INGEST_STAMP);
      // An ingest with nothing to add, as `npm run build` runs it, after one that left the same inputs: nothing to
      // do, but check the newest day under --strict (the deploy's check), from its dumps and the week's before it.
      const before = !incoming && !options.regenerate ? ingestFingerprint(files) : undefined;
      if (before !== undefined && ingestIsCurrent(before)) {
        const dates = namedDates(names);
        const newest = dates.at(-1);
        if (options.strict && newest) {
          const dumps = dumpsNamed(namesOfDays(names, daysToCheck(newest, dates)), files);
          checkDay(newest, dumps, join(CONTENT.dumps, `${newest}.txt`), options, false);
        }
        console.error(`Nothing new to ingest: the dumps, the taxonomy and the paper files are as the last ingest left them (${stamp}).`);
        return 0;
      }
      const run: IngestRun = { files, incoming, source, taxonomy, tag, options, note, before };
      return (options.regenerate ? undefined : newDaysIngest(run, names)) ?? fullIngest(run);
    },
    note,
  );
}

/** Where the new dump goes, beside the day's others (no dump nor write when an identical one is there already), and what to say of it. */
function placeIncoming(incoming: Incoming, source: string): { dump?: DatedDump; write?: { path: string; content: Uint8Array }; notes: string[] } {
  const place = placeDump(CONTENT.dumps, incoming.date, incoming.parsed.bytes);
  const target = join(CONTENT.dumps, place.name);
  if (place.same) return { notes: [`${source} is already in the digest as ${target}, byte for byte; nothing to add`] };
  return {
    // The dump's problems were reported under the name it was read from; the records point to its new home.
    dump: { date: incoming.date, seq: place.seq, file: target, papers: incoming.parsed.papers },
    write: { path: join('dumps', place.name), content: incoming.parsed.bytes },
    notes:
      place.name === `${incoming.date}.txt` ? [] : [`${incoming.date} has a dump already; this one is kept beside it as ${target} and counts as the same day`],
  };
}

/**
 * The daily ingest: new days' dumps (the one given, or files added to the dumps folder) merged into the records
 * from the index the last ingest left (`mergeNewDumps`), reading and tagging only the papers they name. Taken only
 * when everything else is as that ingest left it (its stamp) and every new day is after every earlier day; returns
 * undefined for the full ingest otherwise, or where the index cannot tell (a hand-edited record meets the new day).
 */
function newDaysIngest({ files, incoming, source, taxonomy, tag, options, note }: IngestRun, names: readonly string[]): number | undefined {
  const stored = readIngestIndex();
  // A paper that cannot be read makes the ingest exit 1 and leave no stamp: the full ingest says so.
  if (!stored || (incoming && hasErrors(incoming.parsed.problems))) return undefined;
  const known = new Set(stored.dumps);
  const added = names.filter((n) => !known.has(n));
  const lastDay = namedDates(stored.dumps).at(-1) ?? '';
  const newDates = [...namedDates(added), ...(incoming ? [incoming.date] : [])];
  if (newDates.length === 0 || added.length !== namedDates(added).length || newDates.some((d) => d <= lastDay)) return undefined;
  const present = new Set(names);
  if (stored.dumps.some((n) => !present.has(n))) return undefined;
  if (ingestFingerprint(files, known) !== stored.stamp || !ingestIsCurrent(stored.stamp)) return undefined;

  // A new dump with a paper that cannot be read: the full ingest reports it, and keeps every other paper.
  const fresh = readAllDumps(CONTENT.dumps, files, new Set(added));
  if (fresh.fatal.length > 0 || hasErrors(fresh.problems)) return undefined;
  const newDumps = fresh.dumps;
  const placed = incoming ? placeIncoming(incoming, source) : { notes: [] };
  if (placed.dump) newDumps.push(placed.dump);
  if (newDumps.length === 0) return undefined;
  const writes = placed.write ? [placed.write] : [];
  const allNames = [...names, ...writes.map((w) => basename(w.path))].sort();
  const dates = namedDates(allNames);
  const merged = mergeNewDumps(stored, newDumps, (id) => readPaperFile(CONTENT.papers, id, files), tag);
  if (!merged.ok) {
    note(`every paper is read again, since ${merged.reason}`);
    return undefined;
  }
  report(fresh.problems, options.quiet);
  placed.notes.forEach(note);
  const checked = incoming?.date ?? dates.at(-1)!;
  const older = dumpsNamed(namesOfDays(stored.dumps, daysToCheck(checked, dates)), files);
  checkDay(checked, [...older, ...newDumps], incoming ? source : join(CONTENT.dumps, `${checked}.txt`), options, incoming !== undefined);
  report(merged.problems, options.quiet);
  const changes = paperWrites(merged.papers, files);
  const committed = { writes: [...writes, ...changes], removes: [] };
  commitChanges(CONTENT.root, committed);
  for (const { path, content } of committed.writes) files.wrote(join(CONTENT.root, path), content);
  console.error(daySummary(checked, merged.papers, taxonomy));
  console.error(
    `${merged.index.records.length} papers from ${allNames.length} dump${allNames.length > 1 ? 's' : ''} (${new Set(dates).size} day${new Set(dates).size > 1 ? 's' : ''}); ` +
      `${changes.length} paper file${changes.length === 1 ? '' : 's'} written, 0 removed${writes.length > 0 ? `, ${writes.length} dump added` : ''}; ` +
      `only the papers of the new day${newDates.length > 1 ? 's' : ''} were read and tagged.`,
  );
  const fingerprint = ingestFingerprint(files);
  writeIngestStamp(fingerprint);
  writeIngestIndex({ stamp: fingerprint, dumps: allNames, records: merged.index.records });
  return 0;
}

/** Every dump parsed and merged with every paper file: after a hand edit, a taxonomy or code change, or a backfill. */
function fullIngest({ files, incoming, source, taxonomy, tag, options, note, before }: IngestRun): number {
  const all = readAllDumps(CONTENT.dumps, files);
  report(all.problems, options.quiet);
  if (all.fatal.length > 0) throw new FatalError(all.fatal.join('\n'));
  const lost = options.regenerate ? undefined : lostPapers(all.dumps.length);
  if (lost) throw new FatalError(`${lost} Nothing was written.`);
  const dumps = [...all.dumps];
  const writes: { path: string; content: Uint8Array }[] = [];
  const problems: Problem[] = [];
  if (incoming) {
    const placed = placeIncoming(incoming, source);
    placed.notes.forEach(note);
    if (placed.dump) dumps.push(placed.dump);
    if (placed.write) writes.push(placed.write);
  }
  if (dumps.length === 0) throw new FatalError(`There are no dumps in ${CONTENT.dumps}/: add one with \`npm run digest -- ingest FILE\`.`);
  // The day to check and summarise: the new dump's, or the newest day when regenerating.
  const checked = incoming?.date ?? dumps.reduce((max, d) => (d.date > max ? d.date : max), dumps[0]!.date);
  checkDay(checked, dumps, incoming ? source : join(CONTENT.dumps, `${checked}.txt`), options, incoming !== undefined);
  // A hand-set topic must be one of the taxonomy's: a typo stops the ingest, naming the file and line.
  const existing = readPaperFiles(CONTENT.papers, new Set(taxonomy.topics.map((t) => t.slug)), files);
  const merged = mergeDumps(dumps, existing, tag, CONTENT.papers);
  problems.push(...merged.problems);
  report(problems, options.quiet);
  const change = paperChanges(merged.papers, existing, files);
  const wrote = writes.length > 0 || change.writes.length > 0 || change.removes.length > 0;
  if (wrote) {
    const committed = { writes: [...writes, ...change.writes], removes: change.removes };
    commitChanges(CONTENT.root, committed);
    for (const { path, content } of committed.writes) files.wrote(join(CONTENT.root, path), content);
    for (const path of committed.removes) files.removed(join(CONTENT.root, path));
  }
  const days = new Set(dumps.map((d) => d.date)).size;
  console.error(daySummary(checked, merged.papers, taxonomy));
  // The new dump's problems were reported as it was read, before the lock.
  const unread = [...(incoming?.parsed.problems ?? []), ...all.problems, ...problems].filter((p) => p.severity === 'error');
  if (unread.length > 0) console.error(`  ${unread.length} paper${unread.length > 1 ? 's' : ''} could not be read: see the errors above (FILE:LINE).`);
  console.error(
    `${merged.papers.length} papers from ${dumps.length} dump${dumps.length > 1 ? 's' : ''} (${days} day${days > 1 ? 's' : ''}); ` +
      `${change.changed} paper file${change.changed === 1 ? '' : 's'} written, ${change.removed} removed${writes.length > 0 ? `, ${writes.length} dump added` : ''}.`,
  );
  if (unread.length > 0) return 1;
  // Nothing written: the files are as they were read, and so is their fingerprint.
  const fingerprint = before !== undefined && !wrote ? before : ingestFingerprint(files);
  writeIngestStamp(fingerprint);
  // For the next day's ingest; every dump it covers, by name.
  writeIngestIndex({ stamp: fingerprint, dumps: dumps.map((d) => basename(d.file)).sort(), records: merged.index.records });
  return 0;
}

function commandStatus(): number {
  const note = (sentence: string) => console.log(`Settled: ${sentence}.`);
  return withContentLock(
    CONTENT.root,
    'status',
    () => {
      const all = readAllDumps(CONTENT.dumps);
      if (all.fatal.length > 0) throw new FatalError(all.fatal.join('\n'));
      const existing = readPaperFiles(CONTENT.papers);
      const papers = [...existing.values()];
      const perDay = new Map<string, number>();
      for (const paper of papers) for (const s of paper.seen) perDay.set(s.date, (perDay.get(s.date) ?? 0) + 1);
      const dumpsPerDay = new Map<string, string[]>();
      for (const dump of all.dumps) dumpsPerDay.set(dump.date, [...(dumpsPerDay.get(dump.date) ?? []), dump.file]);
      const days = [...new Set([...perDay.keys(), ...dumpsPerDay.keys()])].sort().reverse();
      console.log(`${papers.length} papers over ${days.length} day${days.length === 1 ? '' : 's'} in ${CONTENT.root}/`);
      for (const day of days)
        console.log(`  ${day}  ${String(perDay.get(day) ?? 0).padStart(5)} papers  ${(dumpsPerDay.get(day) ?? ['(no dump)']).join(', ')}`);
      const unsorted = papers.filter((p) => p.topics.length === 0).length;
      console.log(`Unsorted (no topic): ${unsorted}`);
      const newest = all.dumps.map((d) => ({ file: d.file, at: statSync(d.file).mtime })).sort((a, b) => b.at.getTime() - a.at.getTime())[0];
      if (newest) console.log(`Last ingest: ${newest.file}, written ${newest.at.toISOString().replace('T', ' ').slice(0, 16)} UTC`);
      const compiled = compileTaxonomy(loadTaxonomyFile(CONTENT.topics));
      const merged = mergeDumps(all.dumps, existing, (paper) => tagPaper(compiled, paper), CONTENT.papers);
      const change = paperChanges(merged.papers, existing);
      if (change.changed === 0 && change.removed === 0) console.log(`${CONTENT.papers}/ is up to date with the dumps and ${CONTENT.topics}.`);
      else
        console.log(
          `${CONTENT.papers}/ is stale: ${change.changed} paper file${change.changed === 1 ? '' : 's'} would change and ${change.removed} would go ` +
            `(after an edit of ${CONTENT.topics}, or a dump added by hand); run \`npm run digest -- ingest\`.`,
        );
      return 0;
    },
    note,
  );
}

interface EnrichOptions {
  delay: number;
  timeout: number;
  quiet: boolean;
}

/** Fills the arXiv fields a record lacks from an API entry; a field already set (by hand, or earlier) wins. */
function withArxiv(paper: Paper, entry: ArxivEntry): Paper {
  return {
    ...paper,
    arxivId: paper.arxivId ?? entry.id,
    authors: paper.authors ?? (entry.authors.length > 0 ? entry.authors : undefined),
    published: paper.published ?? entry.published,
    arxivCategory: paper.arxivCategory ?? entry.category,
  };
}

function commandEnrich(options: EnrichOptions): Promise<number> {
  const note = (sentence: string) => console.error(`${CONTENT.root}: note: ${sentence}`);
  return withContentLock(CONTENT.root, 'enrich', () => enrichPapers(options), note);
}

async function enrichPapers(options: EnrichOptions): Promise<number> {
  const papers = [...readPaperFiles(CONTENT.papers).values()];
  // Unresolved: no arXiv id yet (asked by title), or an id from the text but no authors yet (asked by id).
  const todo = papers.filter((p) => !p.arxivId || !p.authors);
  const baseUrl = process.env['ARXIV_API_URL'] ?? DEFAULT_API_URL;
  const client = new ArxivClient({
    baseUrl,
    delay: options.delay,
    timeout: options.timeout,
    attempts: 4,
    userAgent: `papers-digest/${VERSION} (a static research digest; digest enrich)`,
  });
  const resolved: string[] = [];
  const ambiguous: string[] = [];
  const notFound: string[] = [];
  const failed: string[] = [];
  console.error(`${todo.length} of ${papers.length} papers to look up on ${baseUrl}, one request every ${options.delay} s.`);
  for (const paper of todo) {
    const file = join(CONTENT.papers, `${paper.id}.md`);
    const answer = paper.arxivId ? await client.byId(paper.arxivId) : await client.searchTitle(paper.title);
    const read = answer.ok ? parseArxivFeed(answer.body) : answer;
    if (!read.ok) {
      failed.push(paper.id);
      console.error(`${file}: error: “${paper.title}” could not be looked up: ${read.error}; the others go on`);
      continue;
    }
    const choice = paper.arxivId
      ? read.entries[0]?.id === paper.arxivId
        ? { kind: 'resolved' as const, entry: read.entries[0] }
        : { kind: 'not-found' as const }
      : chooseEntry(paper, read.entries);
    if (choice.kind === 'resolved') {
      // Each paper is written as soon as it is resolved: a run stopped later keeps it.
      commitChanges(CONTENT.root, {
        writes: [{ path: join('papers', `${paper.id}.md`), content: serializePaper(withArxiv(paper, choice.entry)) }],
        removes: [],
      });
      resolved.push(paper.id);
      if (!options.quiet) console.error(`${file}: resolved as arXiv:${choice.entry.id}`);
    } else if (choice.kind === 'ambiguous') {
      ambiguous.push(`${paper.title} (${choice.ids.map((id) => `arXiv:${id}`).join(', ')})`);
    } else {
      notFound.push(paper.id);
    }
  }
  console.error(
    `Resolved ${resolved.length}, ambiguous ${ambiguous.length}, not found ${notFound.length}${failed.length > 0 ? `, failed ${failed.length} (run enrich again to retry them)` : ''}.`,
  );
  for (const line of ambiguous)
    console.error(`  ambiguous: ${line}: several results have this title and none, or more than one, has this abstract; set arxivId by hand`);
  return failed.length > 0 ? 1 : 0;
}

/** Says that a title names subjects outside the taxonomy, and what a topic then needs; empty if it names none. */
function outsideNote(taxonomy: Taxonomy, subjects: readonly string[]): string {
  if (subjects.length === 0 || !taxonomy.outside) return '';
  return `; the title names a subject outside the taxonomy (${listInWords(subjects.map((s) => `“${s}”`))}), so a topic needs ${taxonomy.outside.score}`;
}

function commandTopicsReview(): number {
  const taxonomy = loadTaxonomyFile(CONTENT.topics);
  const compiled = compileTaxonomy(taxonomy);
  const bar = (slug: string) =>
    topicThreshold(
      taxonomy,
      taxonomy.topics.find((t) => t.slug === slug)!,
    );
  const tagged = [...readPaperFiles(CONTENT.papers).values()].map((paper) => ({ paper, given: tagPaper(compiled, paper) }));
  const describe = ({ paper, given }: (typeof tagged)[number]) => {
    const best =
      scoreTopics(compiled, paper)
        .filter((s) => s.score > 0)
        .sort((a, b) => b.score - a.score)
        .slice(0, 3)
        .map((s) => `${s.slug} ${s.score}${given.some((t) => t.slug === s.slug) ? ' (given)' : ''} of ${bar(s.slug)} needed`)
        .join(', ') || 'no rule matched';
    return `${best}${outsideNote(taxonomy, outsideSubjects(compiled, paper))}`;
  };
  const list = (entries: typeof tagged) => {
    for (const entry of entries) console.log(`  ${entry.paper.id}\n    “${entry.paper.title}”: ${describe(entry)}`);
  };
  const unsorted = tagged.filter((t) => t.given.length === 0);
  console.log(`Unsorted papers: ${unsorted.length} of ${tagged.length}. No topic clears its bar; best-scoring topics:`);
  list(unsorted);
  const recurring = recurringWords(
    unsorted.map((t) => t.paper.title),
    tagged.filter((t) => t.given.length > 0).map((t) => t.paper.title),
  );
  if (recurring.length > 0) console.log(`\nWords in two or more of their titles: ${recurring.map((r) => `${r.word} (${r.papers})`).join(', ')}.`);
  // Barely sorted: no given topic clears its bar by more than a point, so a word more or less would unsort it.
  const close = tagged.filter((t) => t.given.length > 0 && t.given.every((g) => g.score <= bar(g.slug) + 1));
  console.log(`\nClose calls: ${close.length} papers whose topics clear their bars by a point or less:`);
  list(close);
  console.log('\nA subject that keeps coming up among these is a topic the taxonomy may be missing: add it to content/topics.yaml and run ingest.');
  return 0;
}

function commandExplain(query: string): number {
  const taxonomy = loadTaxonomyFile(CONTENT.topics);
  const compiled = compileTaxonomy(taxonomy);
  const papers = readPaperFiles(CONTENT.papers);
  const needle = query.toLowerCase();
  const paper = papers.get(query) ?? [...papers.values()].find((p) => p.title.toLowerCase().includes(needle));
  if (!paper) throw new FatalError(`No paper has the id or a title containing “${query}”.`);
  const stored = paper.topics.map((t) => t.slug);
  const now = tagPaper(compiled, paper).map((t) => t.slug);
  console.log(
    `${paper.title}\n  id ${paper.id}\n  topics: ${stored.join(', ') || 'none (unsorted)'}${outsideNote(taxonomy, outsideSubjects(compiled, paper))}`,
  );
  if (now.join() !== stored.join()) console.log(`  with the rules as they are now: ${now.join(', ')} (npm run digest -- ingest stores them)`);
  console.log(`\n  ${'topic'.padEnd(26)} ${'score'.padStart(6)} ${'title'.padStart(6)} ${'opening'.padStart(8)} ${'order'.padStart(6)}  evidence`);
  const rows = scoreTopics(compiled, paper).map((s, index) => ({ ...s, order: orderKey(compiled, s, index) }));
  for (const s of rows.sort((a, b) => b.score - a.score)) {
    if (s.score === 0) continue;
    const mark = now.includes(s.slug) ? '*' : ' ';
    const cells = [s.score, s.titleScore, s.openingScore, s.order].map((n, i) => String(n).padStart(i === 2 ? 8 : 6));
    console.log(`${mark} ${s.slug.padEnd(26)} ${cells.join(' ')}  ${s.evidence.map((e) => `“${e}”`).join(', ')}`);
  }
  console.log(
    '\n  * given. A topic is given on its score; the given topics are listed by their order (score plus the opening\n' +
      '  sentence’s share again, times the topic’s primaryBias), so the first is the primary topic.',
  );
  return 0;
}

function main(argv: string[]): number | Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      date: { type: 'string' },
      quiet: { type: 'boolean', default: false },
      regenerate: { type: 'boolean', default: false },
      strict: { type: 'boolean', default: false },
      backfill: { type: 'boolean', default: false },
      delay: { type: 'string', default: '3' },
      timeout: { type: 'string', default: '30' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    console.log(HELP);
    return command || values.help ? 0 : 2;
  }
  switch (command) {
    case 'parse':
      if (rest.length !== 1) throw new FatalError('parse takes exactly one FILE (see --help).');
      return commandParse(rest[0]!, values.quiet);
    case 'ingest':
      if (rest.length > 1) throw new FatalError('ingest takes at most one FILE (see --help).');
      return commandIngest(rest[0], {
        date: values.date,
        quiet: values.quiet,
        regenerate: values.regenerate,
        strict: values.strict,
        backfill: values.backfill,
      });
    case 'enrich': {
      if (rest.length > 0) throw new FatalError('enrich takes no arguments (see --help).');
      const delay = Number(values.delay);
      const timeout = Number(values.timeout);
      if (!Number.isFinite(delay) || delay < 0) throw new FatalError(`--delay ${values.delay} is not a number of seconds.`);
      if (!Number.isFinite(timeout) || timeout <= 0) throw new FatalError(`--timeout ${values.timeout} is not a number of seconds.`);
      return commandEnrich({ delay, timeout, quiet: values.quiet });
    }
    case 'topics':
      if (rest[0] !== 'review' || rest.length > 1) throw new FatalError('topics takes one subcommand: review (see --help).');
      return commandTopicsReview();
    case 'status':
      if (rest.length > 0) throw new FatalError('status takes no arguments (see --help).');
      return commandStatus();
    case 'explain':
      if (rest.length === 0) throw new FatalError('explain takes a paper id or part of its title (see --help).');
      return commandExplain(rest.join(' '));
    default:
      throw new FatalError(`Unknown command “${command}” (see --help).`);
  }
}

runCommand(main, '--help');
