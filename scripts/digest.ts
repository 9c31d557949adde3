#!/usr/bin/env -S npx tsx
/** The papers-digest command line: parse a dump, ingest dumps into paper records, explain a paper's topics. */
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { formatProblem, hasErrors, type Problem } from '../src/lib/problems';
import { mergeDumps, type DatedDump } from '../src/lib/records';
import { compileTaxonomy, orderKey, scoreTopics, tagPaper } from '../src/lib/tag';
import { CONTENT, FatalError, dumpDate, loadTaxonomyFile, readAllDumps, readDump, readPaperFiles, writeFileAtomic, writePaperFiles } from '../src/store/content-store';
import { runCommand } from './cli';

const HELP = `papers-digest: turn pasted trending-paper dumps into a static digest.

Usage: npm run digest -- <command> [options]

Commands:
  parse FILE                 Print the papers of one dump as a JSON array (problems go to stderr). Writes nothing.
  ingest [FILE] [--date D]   Add a dump (copied to content/dumps/D.txt; D defaults to today, or to FILE's
                             name if it is a date) and regenerate content/papers/ from all dumps.
                             With no FILE, regenerate from the dumps already there.
  explain TITLE|ID           Show every topic's score for one paper and the phrases behind it.

Options:
  --quiet                    Print errors only, not notes.
  -h, --help                 Show this help.

Exit codes: 0 fine; 1 some paper could not be read (all others are still produced); 2 nothing usable.`;

function report(problems: readonly Problem[], quiet: boolean): void {
  for (const p of problems) if (!quiet || p.severity === 'error') console.error(formatProblem(p));
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
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

function commandIngest(file: string | undefined, dateOption: string | undefined, quiet: boolean): number {
  const taxonomy = loadTaxonomyFile(CONTENT.topics);
  const compiled = compileTaxonomy(taxonomy);
  const problems: Problem[] = [];
  let newDump: { target: string; bytes: Uint8Array } | undefined;
  const dumpsToAdd: DatedDump[] = [];
  if (file) {
    const date = dateOption ?? dumpDate(file) ?? today();
    if (!dumpDate(`${date}.txt`)) throw new FatalError(`--date ${date} is not a date written YYYY-MM-DD.`);
    const parsed = readDump(file);
    report(parsed.problems, quiet);
    if (parsed.fatal || !parsed.bytes) throw new FatalError(`${file} ${parsed.fatal ?? 'cannot be read'}; nothing was added.`);
    newDump = { target: join(CONTENT.dumps, `${date}.txt`), bytes: parsed.bytes };
    dumpsToAdd.push({ date, file: newDump.target, papers: parsed.papers });
  }
  const all = readAllDumps(CONTENT.dumps);
  const target = newDump?.target;
  // The new dump is merged in memory first; it is copied into content/ only once the papers are ready.
  const dumps = [...all.dumps.filter((d) => d.file !== target), ...dumpsToAdd];
  report(
    all.problems.filter((p) => p.file !== target),
    quiet,
  );
  if (all.fatal.length > 0) throw new FatalError(all.fatal.join('\n'));
  if (dumps.length === 0) throw new FatalError(`There are no dumps in ${CONTENT.dumps}/: add one with \`npm run digest -- ingest FILE\`.`);
  const existing = readPaperFiles(CONTENT.papers);
  const merged = mergeDumps(dumps, existing, (paper) => tagPaper(compiled, paper), CONTENT.papers);
  problems.push(...merged.problems);
  report(problems, quiet);
  if (newDump) writeFileAtomic(newDump.target, newDump.bytes);
  const { changed, removed } = writePaperFiles(CONTENT.papers, merged.papers, existing);
  console.error(
    `${merged.papers.length} papers from ${dumps.length} dump${dumps.length > 1 ? 's' : ''}; ${changed} file${changed === 1 ? '' : 's'} written, ${removed} removed.`,
  );
  return hasErrors(all.problems) || hasErrors(problems) ? 1 : 0;
}

function commandExplain(query: string): number {
  const compiled = compileTaxonomy(loadTaxonomyFile(CONTENT.topics));
  const papers = readPaperFiles(CONTENT.papers);
  const needle = query.toLowerCase();
  const paper = papers.get(query) ?? [...papers.values()].find((p) => p.title.toLowerCase().includes(needle));
  if (!paper) throw new FatalError(`No paper has the id or a title containing “${query}”.`);
  const stored = paper.topics.map((t) => t.slug);
  const now = tagPaper(compiled, paper).map((t) => t.slug);
  console.log(`${paper.title}\n  id ${paper.id}\n  topics: ${stored.join(', ')}`);
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

function main(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { date: { type: 'string' }, quiet: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
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
      return commandIngest(rest[0], values.date, values.quiet);
    case 'explain':
      if (rest.length === 0) throw new FatalError('explain takes a paper id or part of its title (see --help).');
      return commandExplain(rest.join(' '));
    default:
      throw new FatalError(`Unknown command “${command}” (see --help).`);
  }
}

runCommand(main, '--help');
