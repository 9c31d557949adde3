/**
 * npm run bench: what the person who runs the digest runs, timed beside a bare Astro site of as many pages.
 *
 * For each size (papers in the archive), in bench/.scratch/<size>/, on a synthetic archive whose abstracts vary
 * (bench/synthetic.ts) and whose paper files are already written (as in a real checkout):
 * - cold: `npm run build` with no output folder and no Astro or Vite cache, as on a fresh copy;
 * - daily: one more day's dump added, then `npm run build` over the previous output, as each day on the machine that
 *   ingested the day before (so with the ingest index that ingest left, which a fresh copy does not have);
 * each beside a bare Astro build of as many trivial pages (cold, since Astro has no other kind), alternating, the
 * median of `--runs`. Then the output's size and file count, the search index's, and search in Chromium beside
 * Pagefind on the same output (bench/search-race.ts).
 *
 * Usage: npm run bench [-- --sizes 224,20000 --runs 3 --no-browser]; npm run bench:archive for 100,000 papers.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { decodeDump, parseDump, type DumpPaper } from '../src/lib/ingest/parse';
import { compileTaxonomy, tagPaper } from '../src/lib/topics/tag';
import { INGEST_INDEX, loadTaxonomyFile } from '../src/store/content-store';
import { raceSearch, type RaceFigures } from './search-race';
import { syntheticDumps, syntheticPapers } from './synthetic';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '224,20000' },
    runs: { type: 'string', default: '3' },
    'no-browser': { type: 'boolean', default: false },
  },
});
const SIZES = values.sizes.split(',').map(Number);
const RUNS = Number(values.runs);
const ROOT = join(import.meta.dirname, '..');
const SCRATCH = join(ROOT, 'bench/.scratch');
const ASTRO = join(ROOT, 'node_modules/astro/bin/astro.mjs');
const PER_DAY = 224;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(bytes < 10 * 2 ** 20 ? 1 : 0)} MB`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
const gb = (bytes: number) => (bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(2)} GB` : mb(bytes));

/** Resident memory of each process in a process group, from /proc. */
function groupRss(pgid: number): number[] {
  const sizes: number[] = [];
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // Fields after the command name: [2] is pgrp, [21] is rss in pages.
      if (Number(fields[2]) === pgid) sizes.push(Number(fields[21]) * 4096);
    } catch {
      // The process ended while being read.
    }
  }
  return sizes;
}

interface Timed {
  seconds: number;
  /** Peak resident memory of the largest process, and of all the run's processes together. */
  largest: number;
  total: number;
  /** Each output line with the seconds since the start at which it arrived: the phase profile. */
  lines: [number, string][];
}

/** Runs a command in its own process group: wall time, peak memory sampled every 100 ms, output lines timed. */
async function timed(command: string, args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<Timed> {
  const started = performance.now();
  const child = spawn(command, args, {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, ...options.env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: [number, string][] = [];
  const take = (d: Buffer) => {
    const at = (performance.now() - started) / 1000;
    for (const line of d.toString().split('\n')) if (line.trim()) lines.push([at, line]);
  };
  child.stdout.on('data', take);
  child.stderr.on('data', take);
  let largest = 0;
  let total = 0;
  const sampler = setInterval(() => {
    const sizes = groupRss(child.pid!);
    largest = Math.max(largest, ...sizes);
    total = Math.max(
      total,
      sizes.reduce((a, b) => a + b, 0),
    );
  }, 100);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearInterval(sampler);
  if (code !== 0)
    throw new Error(
      `${command} ${args.join(' ')} failed:\n${lines
        .slice(-30)
        .map((l) => l[1])
        .join('\n')}`,
    );
  return { seconds: (performance.now() - started) / 1000, largest, total, lines };
}

interface Folder {
  bytes: number;
  files: number;
  pages: number;
  gzip?: number;
  /** Bytes by the part of the site a file belongs to (`outputPart`). */
  parts: Map<string, number>;
}

const PARTS = ['paper pages', 'topic pages', 'topic feeds', 'day pages', 'days by topic', 'weeks and months', 'export', 'search index', 'other'];

/** Which part of the site an output file is, for the table of where the bytes go. */
function outputPart(file: string): string {
  const [top, , sub] = file.split('/');
  if (top === 'papers') return 'paper pages';
  if (top === 'topics') return file.endsWith('.xml') ? 'topic feeds' : 'topic pages';
  if (top === 'days') return sub === 'topics' ? 'days by topic' : 'day pages';
  if (top === 'weeks' || top === 'months') return 'weeks and months';
  if (top === 'data' || file === 'papers.json') return 'export';
  if (top === 'search-index') return 'search index';
  return 'other';
}

function folder(dir: string, gzip = false): Folder {
  const result: Folder = { bytes: 0, files: 0, pages: 0, ...(gzip ? { gzip: 0 } : {}), parts: new Map() };
  for (const f of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const s = statSync(join(dir, f));
    if (!s.isFile()) continue;
    result.bytes += s.size;
    result.files += 1;
    const part = outputPart(f);
    result.parts.set(part, (result.parts.get(part) ?? 0) + s.size);
    if (f.endsWith('.html')) result.pages += 1;
    if (gzip) result.gzip! += f.endsWith('.bin') ? s.size : gzipSync(readFileSync(join(dir, f))).length;
  }
  return result;
}

/**
 * A bare Astro project of `pages` trivial pages with Astro's defaults: the yardstick. One folder, its page count
 * rewritten for each build (the cold and daily sites differ by a day's pages): a folder per count (until the
 * eighteenth session) left a copy of every yardstick's output behind, 3 GB after a few runs; those are removed.
 */
function bareProject(pages: number): string {
  const dir = join(SCRATCH, 'bare');
  for (const old of readdirSync(SCRATCH).filter((name) => /^bare-\d+$/.test(name))) rmSync(join(SCRATCH, old), { recursive: true, force: true });
  mkdirSync(join(dir, 'src/pages/p'), { recursive: true });
  writeFileSync(join(dir, 'astro.config.mjs'), "import { defineConfig } from 'astro/config';\nexport default defineConfig({ site: 'https://example.org' });\n");
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(
    join(dir, 'src/pages/p/[n].astro'),
    `---\nexport function getStaticPaths() { return Array.from({ length: ${pages} }, (_, i) => ({ params: { n: String(i) } })); }\nconst { n } = Astro.params;\n---\n<html lang="en"><head><title>Page {n}</title></head><body><h1>Page {n}</h1><p>A trivial page.</p></body></html>\n`,
  );
  return dir;
}

/** Astro's and Vite's caches: gone on a fresh copy. */
function dropCaches(root: string): void {
  for (const cache of ['.astro', 'node_modules/.astro', 'node_modules/.vite']) rmSync(join(root, cache), { recursive: true, force: true });
}

async function bareBuild(pages: number): Promise<Timed> {
  const dir = bareProject(pages);
  rmSync(join(dir, 'dist'), { recursive: true, force: true });
  dropCaches(dir);
  // Not --silent: Astro's default output (a line per page), as `npm run build` prints for ours.
  return timed(process.execPath, [ASTRO, 'build', '--root', dir]);
}

/** Milestones of a build's output, as seconds from its start: where the time went. */
function profile(run: Timed): string {
  const at = (pattern: RegExp) => run.lines.find(([, line]) => pattern.test(line))?.[0];
  const last = (pattern: RegExp) => run.lines.findLast(([, line]) => pattern.test(line))?.[0];
  const marks: [string, number | undefined][] = [
    ['ingest done', at(/astro build|building client|\[build\]|\[content\]|\[types\]/)],
    ['static routes start', at(/generating static routes/)],
    ['pages done', last(/✓ Completed in/)],
    ['search index in', at(/search files for/)],
    ['done', run.seconds],
  ];
  return marks
    .filter(([, s]) => s !== undefined)
    .map(([name, s]) => `${name} ${s!.toFixed(1)} s`)
    .join(' · ');
}

/** Each file of a folder with a digest of its bytes. */
function fingerprints(dir: string): Map<string, { hash: string; size: number }> {
  const files = new Map<string, { hash: string; size: number }>();
  for (const f of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const path = join(dir, f);
    if (!statSync(path).isFile()) continue;
    const bytes = readFileSync(path);
    files.set(f, { hash: createHash('sha1').update(bytes).digest('hex'), size: bytes.length });
  }
  return files;
}

/** What a host that uploads only new and changed files (Netlify, Cloudflare Pages, rsync) takes for a day. */
interface Deploy {
  files: number;
  bytes: number;
  of: number;
}

function changed(before: Map<string, { hash: string; size: number }>, after: Map<string, { hash: string; size: number }>): Deploy {
  const fresh = [...after].filter(([f, { hash }]) => before.get(f)?.hash !== hash);
  return { files: fresh.length, bytes: fresh.reduce((n, [, { size }]) => n + size, 0), of: after.size };
}

interface Row {
  size: number;
  deploy?: Deploy;
  cold: { ours: Timed[]; bare: Timed[] };
  daily: { ours: Timed[]; bare: Timed[] };
  site: Folder;
  index: Folder;
  race?: RaceFigures;
}

async function benchSize(size: number, sources: ReturnType<typeof parseDump>['papers'], kindOf: (p: DumpPaper) => string): Promise<Row> {
  const dir = join(SCRATCH, String(size));
  const content = join(dir, 'content');
  const base = join(dir, 'content.base');
  const out = join(dir, 'dist');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(content, 'dumps'), { recursive: true });
  cpSync(join(ROOT, 'content/topics.yaml'), join(content, 'topics.yaml'));
  cpSync(join(ROOT, 'content/site.yaml'), join(content, 'site.yaml'));
  const days = syntheticDumps(syntheticPapers(sources, size + PER_DAY, kindOf), PER_DAY);
  const nextDay = days.pop()!;
  for (const day of days) writeFileSync(join(content, 'dumps', `${day.date}.txt`), day.text);
  const env = { CONTENT_DIR: content, OUT_DIR: out, SITE_URL: 'https://bench.example', BASE_PATH: '/' };
  // The archive as a checkout has it: dumps and paper files, written once here, untimed.
  await timed(join(ROOT, 'node_modules/.bin/tsx'), ['scripts/digest.ts', 'ingest', '--regenerate', '--quiet'], { env });
  cpSync(content, base, { recursive: true });

  const row: Row = {
    size,
    cold: { ours: [], bare: [] },
    daily: { ours: [], bare: [] },
    site: { bytes: 0, files: 0, pages: 0, parts: new Map() },
    index: { bytes: 0, files: 0, pages: 0, parts: new Map() },
  };
  for (let run = 0; run < RUNS; run += 1) {
    rmSync(content, { recursive: true, force: true });
    cpSync(base, content, { recursive: true });
    // A fresh copy has what is committed: the dumps, the paper files and the stamp the last ingest left (see
    // ingestFingerprint), which the build's ingest checks by reading every file; not the ingest index (gitignored).
    // No output, no Astro or Vite cache.
    rmSync(join(content, INGEST_INDEX));
    rmSync(out, { recursive: true, force: true });
    dropCaches(ROOT);
    row.cold.ours.push(await timed('npm', ['run', 'build'], { env }));
    const before = run === 0 ? fingerprints(out) : undefined;
    if (run === 0) {
      row.site = folder(out);
      row.index = folder(join(out, 'search-index'), true);
    }
    row.cold.bare.push(await bareBuild(row.site.pages));
    // The machine that ingests each day has the index its last ingest left.
    cpSync(join(base, INGEST_INDEX), join(content, INGEST_INDEX));
    writeFileSync(join(content, 'dumps', `${nextDay.date}.txt`), nextDay.text);
    row.daily.ours.push(await timed('npm', ['run', 'build'], { env }));
    if (before) row.deploy = changed(before, fingerprints(out));
    row.daily.bare.push(await bareBuild(folder(out).pages));
    process.stdout.write(
      `${size} run ${run + 1}: cold ${row.cold.ours.at(-1)!.seconds.toFixed(1)} s (bare ${row.cold.bare.at(-1)!.seconds.toFixed(1)} s), daily ${row.daily.ours.at(-1)!.seconds.toFixed(1)} s (bare ${row.daily.bare.at(-1)!.seconds.toFixed(1)} s)\n`,
    );
  }
  if (!values['no-browser'] && existsSync('/usr/bin/chromium')) row.race = await raceSearch(out);
  return row;
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  mkdirSync(SCRATCH, { recursive: true });
  const read = (file: string) => {
    const decoded = decodeDump(readFileSync(join(ROOT, file)));
    if (!decoded.ok) throw new Error(`${file} unreadable`);
    return parseDump(decoded.text, file).papers;
  };
  // Real titles and sentences from both dumps the project has: 374 papers.
  const sources = [...read('content/dumps/2026-11-26.txt'), ...read('eval/papers-extra.txt')];
  console.log(
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}. Runs: ${RUNS}.\n`,
  );
  // The tagger alone (the goal: 20,000 papers in under 2 s), on the same synthetic papers, in this process.
  const compiled = compileTaxonomy(loadTaxonomyFile(join(ROOT, 'content/topics.yaml')));
  // A synthetic paper borrows sentences from real papers with its source's main topic, so it has as many topics as
  // real papers do (each topic a paper has puts it in one more list).
  const kindOf = (p: DumpPaper) => tagPaper(compiled, p)[0]?.slug ?? '';
  const shape = (papers: readonly DumpPaper[]) =>
    `${(papers.reduce((n, p) => n + tagPaper(compiled, p).length, 0) / papers.length).toFixed(2)} topics and ${(papers.reduce((n, p) => n + p.abstract.length, 0) / papers.length).toFixed(0)} characters of abstract a paper`;
  console.log(`The real papers: ${shape(sources)}; 20,000 synthetic ones: ${shape(syntheticPapers(sources, 20_000, kindOf))}.`);
  for (const size of SIZES) {
    const papers = syntheticPapers(sources, size, kindOf);
    const times = Array.from({ length: 3 }, () => {
      const start = performance.now();
      for (const paper of papers) tagPaper(compiled, paper);
      return performance.now() - start;
    });
    console.log(`Tagging ${size.toLocaleString('en')} papers: ${median(times).toFixed(0)} ms (median of 3).`);
  }
  const rows: Row[] = [];
  for (const size of SIZES) rows.push(await benchSize(size, sources, kindOf));

  const s = (runs: Timed[]) => median(runs.map((r) => r.seconds));
  const peak = (runs: Timed[], key: 'largest' | 'total') => Math.max(...runs.map((r) => r[key]));
  console.log(`\nBuilds (median of ${RUNS}, wall time; memory: peak resident memory, largest process / all processes):\n`);
  console.log(
    table(
      ['papers', 'pages', 'cold build', 'bare Astro', 'ratio', 'daily rebuild', 'bare Astro', 'ratio', 'memory (cold)', 'bare Astro', 'memory (daily)'],
      rows.map((r) => [
        r.size.toLocaleString('en'),
        r.site.pages.toLocaleString('en'),
        `${s(r.cold.ours).toFixed(1)} s`,
        `${s(r.cold.bare).toFixed(1)} s`,
        `${(s(r.cold.ours) / s(r.cold.bare)).toFixed(2)}×`,
        `${s(r.daily.ours).toFixed(1)} s`,
        `${s(r.daily.bare).toFixed(1)} s`,
        `${(s(r.daily.ours) / s(r.daily.bare)).toFixed(2)}×`,
        `${gb(peak(r.cold.ours, 'largest'))} / ${gb(peak(r.cold.ours, 'total'))}`,
        `${gb(peak(r.cold.bare, 'largest'))} / ${gb(peak(r.cold.bare, 'total'))}`,
        `${gb(peak(r.daily.ours, 'largest'))} / ${gb(peak(r.daily.ours, 'total'))}`,
      ]),
    ),
  );
  console.log('\nOutput (after the cold build):\n');
  console.log(
    table(
      ['papers', 'dist/', 'files', 'files per page', 'bytes per paper', 'search index (raw / gzip)', 'index files'],
      rows.map((r) => [
        r.size.toLocaleString('en'),
        gb(r.site.bytes),
        r.site.files.toLocaleString('en'),
        (r.site.files / r.site.pages).toFixed(3),
        kb(r.site.bytes / r.size),
        `${gb(r.index.bytes)} / ${gb(r.index.gzip!)}`,
        r.index.files.toLocaleString('en'),
      ]),
    ),
  );
  console.log('\nWhere the output’s bytes go (KB per paper, after the cold build):\n');
  console.log(
    table(
      ['papers', ...PARTS],
      rows.map((r) => [r.size.toLocaleString('en'), ...PARTS.map((part) => ((r.site.parts.get(part) ?? 0) / 1000 / r.size).toFixed(2))]),
    ),
  );
  console.log(
    '\nA day’s deploy: the files the daily rebuild made new or changed, which is what a host that uploads only those takes (Netlify, Cloudflare Pages, rsync; GitHub Pages takes the whole site):\n',
  );
  console.log(
    table(
      ['papers', 'files new or changed', 'of', 'bytes'],
      rows
        .filter((r) => r.deploy)
        .map((r) => [r.size.toLocaleString('en'), r.deploy!.files.toLocaleString('en'), r.deploy!.of.toLocaleString('en'), gb(r.deploy!.bytes)]),
    ),
  );
  const raced = rows.filter((r) => r.race);
  if (raced.length > 0) {
    console.log('\nSearch in Chromium, beside Pagefind on the same output (medians of 10 queries; bytes gzipped, median / max):\n');
    console.log(
      table(
        ['papers', 'first results: ours', 'Pagefind', 'repeated: ours', 'Pagefind', 'bytes: ours', 'Pagefind', 'Pagefind index (raw / files)'],
        raced.map((r) => [
          r.size.toLocaleString('en'),
          `${r.race!.ours.firstMs.toFixed(1)} ms`,
          `${r.race!.pagefind.firstMs.toFixed(1)} ms`,
          `${r.race!.ours.repeatMs.toFixed(1)} ms`,
          `${r.race!.pagefind.repeatMs.toFixed(1)} ms`,
          `${kb(r.race!.ours.bytesMedian)} / ${kb(r.race!.ours.bytesMax)}`,
          `${kb(r.race!.pagefind.bytesMedian)} / ${kb(r.race!.pagefind.bytesMax)}`,
          `${gb(r.race!.pagefindIndex.bytes)} / ${r.race!.pagefindIndex.files.toLocaleString('en')}`,
        ]),
      ),
    );
  }
  console.log('\nWhere a cold build’s time went (first run; seconds from the start of `npm run build`):\n');
  for (const r of rows) console.log(`${r.size}: ${profile(r.cold.ours[0]!)}`);
  console.log('Where a daily rebuild’s time went:\n');
  for (const r of rows) console.log(`${r.size}: ${profile(r.daily.ours[0]!)}`);
}

await main();
