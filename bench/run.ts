/**
 * npm run bench: times parse, tag, ingest and the full build on synthetic corpora of 224, 2,000 and 20,000 papers,
 * against a plain Astro build of as many trivial pages, and measures search download sizes and query times.
 * Works in bench/.scratch/ and never touches content/. Usage: npm run bench [-- --sizes 224,2000 --runs 5]
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { Charset, Index } from 'flexsearch';
import { decodeDump, parseDump } from '../src/lib/parse';
import { SearchEngine, boostPhrases, type FlexIndexClass } from '../src/lib/search';
import { parseTaxonomy } from '../src/lib/taxonomy';
import { compileTaxonomy, tagPaper } from '../src/lib/tag';
import { syntheticDumps } from './synthetic';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '224,2000,20000' },
    runs: { type: 'string', default: '5' },
    'build-runs': { type: 'string', default: '3' },
    browser: { type: 'boolean', default: true },
    'no-browser': { type: 'boolean', default: false },
  },
});
const SIZES = values.sizes.split(',').map(Number);
const RUNS = Number(values.runs);
const BUILD_RUNS = Number(values['build-runs']);
const ROOT = join(import.meta.dirname, '..');
const SCRATCH = join(ROOT, 'bench/.scratch');
const BIN = join(ROOT, 'node_modules/.bin');
const QUERIES = [
  'speech codec',
  'unlearning',
  'quantization',
  'masked autoencoders',
  'neural image compression',
  'HNeRV',
  'compres',
  'retrieval dense',
  'diffusion model',
  'encoder free',
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (f: () => void) => {
  const t = performance.now();
  f();
  return performance.now() - t;
};
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

/** Total resident memory of a process group, from /proc: the build and the search-index process it starts. */
function groupRssBytes(pgid: number): number {
  let total = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // Fields after the command name: [2] is pgrp, [21] is rss in pages.
      if (Number(fields[2]) === pgid) total += Number(fields[21]) * 4096;
    } catch {
      // The process ended while being read.
    }
  }
  return total;
}

/** Runs a command in its own process group; wall time, and peak memory of the whole group sampled every 100 ms. */
async function timed(command: string, args: string[], env: Record<string, string>): Promise<{ seconds: number; peakMB: number }> {
  const started = performance.now();
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
  child.stderr.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
  let peak = 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, groupRssBytes(child.pid!));
  }, 100);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearInterval(sampler);
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${output}`);
  return { seconds: (performance.now() - started) / 1000, peakMB: peak / 2 ** 20 };
}

function folderBytes(dir: string): { bytes: number; files: number; html: number } {
  let bytes = 0;
  let files = 0;
  let html = 0;
  for (const f of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const s = statSync(join(dir, f));
    if (!s.isFile()) continue;
    bytes += s.size;
    files += 1;
    if (f.endsWith('.html')) html += 1;
  }
  return { bytes, files, html };
}

/** Any node flags our `build:site` script runs Astro with (read from package.json, so the bench times that command). */
const BUILD_NODE_FLAGS = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts['build:site']!.split(
  /\s+/,
).filter((word) => word.startsWith('--'));
const ASTRO = join(ROOT, 'node_modules/astro/bin/astro.mjs');

/**
 * A plain Astro project of `n` trivial pages: the yardstick our build time is divided by. `tuned` gives it the
 * build settings ours uses (four pages in flight, and any node flags), to show what those settings alone are worth.
 */
function baselineProject(n: number, tuned: boolean): string {
  const dir = join(SCRATCH, `baseline-${n}${tuned ? '-tuned' : ''}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'src/pages/p'), { recursive: true });
  const config = tuned ? "{ site: 'https://example.org', build: { concurrency: 4 } }" : "{ site: 'https://example.org' }";
  writeFileSync(join(dir, 'astro.config.mjs'), `import { defineConfig } from 'astro/config';\nexport default defineConfig(${config});\n`);
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(
    join(dir, 'src/pages/p/[n].astro'),
    `---\nexport function getStaticPaths() { return Array.from({ length: ${n} }, (_, i) => ({ params: { n: String(i) } })); }\nconst { n } = Astro.params;\n---\n<html lang="en"><head><title>Page {n}</title></head><body><h1>Page {n}</h1><p>A trivial page.</p></body></html>\n`,
  );
  return dir;
}

async function searchFigures(out: string): Promise<{ indexRaw: number; indexGz: number; firstResultGz: number; queryMs: number }> {
  let indexRaw = 0;
  let indexGz = 0;
  // One folder, named by the hash of what the index is built from.
  const folder = join(out, 'search-index', readdirSync(join(out, 'search-index'))[0]!);
  for (const f of readdirSync(folder)) {
    if (!/^[tb]-|^meta/.test(f)) continue;
    const data = readFileSync(join(folder, f));
    indexRaw += data.length;
    indexGz += gzipSync(data).length;
  }
  const script = readdirSync(join(out, '_astro')).find((f) => f.startsWith('search') && f.endsWith('.js'))!;
  const scriptGz = gzipSync(readFileSync(join(out, '_astro', script))).length;
  const firsts: number[] = [];
  const times: number[] = [];
  for (const query of QUERIES) {
    let loaded = 0;
    const engine = new SearchEngine(
      (name) => {
        const data = readFileSync(join(folder, name));
        loaded += gzipSync(data).length;
        return Promise.resolve(JSON.parse(data.toString('utf8')) as unknown);
      },
      Index as unknown as FlexIndexClass,
      Charset.Exact,
    );
    const { hits } = await engine.search(query);
    const docs = await engine.docs(hits.slice(0, 20).map((h) => h.n));
    boostPhrases(hits.slice(0, 20), docs, query);
    firsts.push(loaded + scriptGz);
    // Warm query time: files are loaded; this is the work done per keystroke.
    const runs: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      const t = performance.now();
      await engine.search(query);
      runs.push(performance.now() - t);
    }
    times.push(median(runs));
  }
  return { indexRaw, indexGz, firstResultGz: Math.max(...firsts), queryMs: median(times) };
}

async function browserQueryMs(out: string): Promise<number | undefined> {
  if (!values.browser || values['no-browser'] || !existsSync('/usr/bin/chromium')) return undefined;
  const { launchBrowser } = await import('../tests/e2e/browser');
  const { serveSite } = await import('../tests/e2e/site-builder');
  const browser = await launchBrowser();
  const server = await serveSite({ content: '', out, base: '/' });
  const page = await browser.newPage();
  const times: number[] = [];
  for (const query of QUERIES) {
    await page.goto(server.url(`search/?q=${encodeURIComponent(query)}`));
    await page.waitForFunction(() => document.querySelector('#search-status')?.textContent);
    // The first answer loads files; time the next ones, as the reader keeps typing.
    for (let i = 0; i < 3; i += 1) {
      await page.locator('#search-query').fill(`${query} `);
      await page.waitForTimeout(150);
      const t = Number(await page.locator('#search-results').getAttribute('data-query-ms'));
      if (Number.isFinite(t)) times.push(t);
    }
  }
  await browser.close();
  await server.close();
  return median(times);
}

async function main(): Promise<void> {
  mkdirSync(SCRATCH, { recursive: true });
  const bundled = decodeDump(readFileSync(join(ROOT, 'content/dumps/2026-11-26.txt')));
  if (!bundled.ok) throw new Error('bundled dump unreadable');
  const source = parseDump(bundled.text, 'bundled').papers;
  const taxonomy = parseTaxonomy(readFileSync(join(ROOT, 'content/topics.yaml'), 'utf8'));
  if (!taxonomy.ok) throw new Error(taxonomy.messages.join('\n'));
  const compiled = compileTaxonomy(taxonomy.value);
  const rows: string[][] = [];
  console.log(
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}. Runs per cheap phase: ${RUNS}.\n`,
  );

  for (const size of SIZES) {
    const dir = join(SCRATCH, String(size));
    rmSync(dir, { recursive: true, force: true });
    const content = join(dir, 'content');
    const incoming = join(dir, 'incoming');
    mkdirSync(join(content, 'dumps'), { recursive: true });
    mkdirSync(incoming, { recursive: true });
    cpSync(join(ROOT, 'content/topics.yaml'), join(content, 'topics.yaml'));
    cpSync(join(ROOT, 'content/site.yaml'), join(content, 'site.yaml'));
    const days = syntheticDumps(source, size);
    for (const day of days) writeFileSync(join(content, 'dumps', `${day.date}.txt`), day.text);

    const parsed = days.map((d) => parseDump(d.text, d.date).papers);
    const parseMs = median(Array.from({ length: RUNS }, () => ms(() => days.forEach((d) => parseDump(d.text, d.date)))));
    const all = parsed.flat();
    const tagMs = median(Array.from({ length: RUNS }, () => ms(() => all.forEach((p) => tagPaper(compiled, p)))));

    const env = { CONTENT_DIR: content, OUT_DIR: join(dir, 'dist'), SITE_URL: 'https://bench.example', BASE_PATH: '/' };
    const ingest = await timed(join(BIN, 'tsx'), ['scripts/digest.ts', 'ingest', '--regenerate', '--quiet'], env);
    // Builds alternate with the plain Astro builds, so load from elsewhere on the machine hits both alike.
    const builds: { seconds: number; peakMB: number }[] = [];
    const baselines: { seconds: number; peakMB: number }[] = [];
    const tunedBaselines: { seconds: number; peakMB: number }[] = [];
    let plainDir = '';
    let tunedDir = '';
    for (let run = 0; run < BUILD_RUNS; run += 1) {
      // Exactly what `npm run build:site` runs.
      builds.push(await timed(process.execPath, [...BUILD_NODE_FLAGS, ASTRO, 'build', '--silent'], env));
      if (!plainDir) {
        const pages = folderBytes(join(dir, 'dist')).html;
        plainDir = baselineProject(pages, false);
        tunedDir = baselineProject(pages, true);
      }
      baselines.push(await timed(process.execPath, [ASTRO, 'build', '--silent', '--root', plainDir], {}));
      tunedBaselines.push(await timed(process.execPath, [...BUILD_NODE_FLAGS, ASTRO, 'build', '--silent', '--root', tunedDir], {}));
    }
    const build = { seconds: median(builds.map((b) => b.seconds)), peakMB: Math.max(...builds.map((b) => b.peakMB)) };
    const baseline = { seconds: median(baselines.map((b) => b.seconds)) };
    const tuned = { seconds: median(tunedBaselines.map((b) => b.seconds)) };
    const site = folderBytes(join(dir, 'dist'));
    const search = await searchFigures(join(dir, 'dist'));
    const browserMs = await browserQueryMs(join(dir, 'dist'));
    rows.push([
      String(size),
      `${parseMs.toFixed(0)} ms`,
      `${tagMs.toFixed(0)} ms`,
      `${ingest.seconds.toFixed(1)} s`,
      `${build.seconds.toFixed(1)} s`,
      `${baseline.seconds.toFixed(1)} s`,
      `${(build.seconds / baseline.seconds).toFixed(2)}×`,
      `${tuned.seconds.toFixed(1)} s`,
      `${(build.seconds / tuned.seconds).toFixed(2)}×`,
      `${build.peakMB.toFixed(0)} MB`,
      `${(site.html / build.seconds).toFixed(0)}`,
      `${(site.bytes / 2 ** 20).toFixed(1)} MB / ${site.files}`,
      `${kb(search.indexRaw)} / ${kb(search.indexGz)}`,
      kb(search.firstResultGz),
      `${search.queryMs.toFixed(2)} ms`,
      browserMs === undefined ? 'n/a' : `${browserMs.toFixed(2)} ms`,
    ]);
    console.log(`done ${size}: build ${build.seconds}s, plain ${baseline.seconds}s, plain with our settings ${tuned.seconds}s`);
  }

  const header = [
    'papers',
    'parse',
    'tag',
    'ingest',
    'build',
    'plain Astro',
    'ratio',
    'plain, our settings',
    'ratio',
    'peak mem (all processes)',
    'pages/s',
    'site size / files',
    'index raw / gz',
    'first result (gz)',
    'query (node)',
    'query (browser)',
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(`\n${line(header)}\n| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |\n${rows.map(line).join('\n')}`);
  console.log(
    `\nparse and tag: median of ${RUNS} in-process runs; ingest: one run; build and plain Astro: median of ${BUILD_RUNS} alternating runs, wall time (“our settings”: build.concurrency 4${BUILD_NODE_FLAGS.length > 0 ? ` and node ${BUILD_NODE_FLAGS.join(' ')}` : ''}, as our build uses); peak memory: highest total RSS of a build's processes (the build and its search-index process), sampled every 100 ms from /proc.`,
  );
  console.log('first result: gzip bytes of the search script, meta file, index shards and data chunks one query loads (worst of 10 queries).');
  console.log('query: median time of a search once its files are loaded (node: engine.search; browser: the page’s own timing).');
}

await main();
