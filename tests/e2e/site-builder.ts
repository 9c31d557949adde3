/** Builds real sites from fixture content into scratch folders, and serves them, for end-to-end tests. */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { gunzipSync } from 'node:zlib';
import { extname, join, normalize } from 'node:path';
import { headersFor, parseHostHeaders } from '../../src/lib/site/host-headers';
import { ROOT, childEnv, scratchOutput } from '../helpers';

export interface BuiltSite {
  content: string;
  out: string;
  base: string;
}

export interface BuildOptions {
  base?: string;
  /** Dump files to ingest, by date. Default: the bundled dump plus a day with hostile text. */
  dumps?: { date: string; file: string }[];
  /** Reuse this content folder (to build the same content twice). */
  content?: string;
  /** Build into this output folder (to rebuild over an earlier build). Default: a fresh folder. */
  out?: string;
  /** Papers a page of a topic, in place of `content/site.yaml`'s. */
  pageSize?: number;
}

export const HOSTILE_DUMP = join(ROOT, 'tests/fixtures/hostile-day.txt');
export const DEFAULT_DUMPS = [
  { date: '2026-11-26', file: join(ROOT, 'content/dumps/2026-11-26.txt') },
  { date: '2026-11-27', file: HOSTILE_DUMP },
];

function run(command: string, args: string[], env: Record<string, string>): void {
  const result = spawnSync(command, args, { cwd: ROOT, env: childEnv(env), encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
}

/** Ingests the dumps into a fresh content folder and builds the site into a fresh output folder. */
export function buildSite(options: BuildOptions = {}): BuiltSite {
  const base = options.base ?? '/';
  let content = options.content;
  if (!content) {
    content = mkdtempSync(join(tmpdir(), 'digest-content-'));
    cpSync(join(ROOT, 'content/topics.yaml'), join(content, 'topics.yaml'));
    const siteYaml = readFileSync(join(ROOT, 'content/site.yaml'), 'utf8');
    writeFileSync(join(content, 'site.yaml'), options.pageSize ? siteYaml.replace(/^pageSize: \d+$/m, `pageSize: ${options.pageSize}`) : siteYaml);
    mkdirSync(join(content, 'dumps'));
    for (const dump of options.dumps ?? DEFAULT_DUMPS) {
      run(join(ROOT, 'node_modules/.bin/tsx'), ['scripts/digest.ts', 'ingest', dump.file, '--date', dump.date, '--quiet'], { CONTENT_DIR: content });
    }
  }
  const out = options.out ?? scratchOutput('dist-');
  run(join(ROOT, 'node_modules/.bin/astro'), ['build', '--silent'], { CONTENT_DIR: content, OUT_DIR: out, BASE_PATH: base, SITE_URL: 'https://digest.test' });
  return { content, out, base };
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.xsl': 'application/xml',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain',
};

/**
 * Serves a built site on loopback under its base path, like a static host (404.html for missing pages), with the
 * headers its `_headers` file sets, as Netlify and Cloudflare Pages would: every page is served under the site's
 * Content-Security-Policy. `ranges: false` makes it a server that ignores Range headers; `headers: false` one that
 * sends no `_headers` (the benchmark's, so Pagefind's WebAssembly runs beside our pages).
 */
export async function serveSite(
  site: BuiltSite,
  { ranges = true, headers = true }: { ranges?: boolean; headers?: boolean } = {},
): Promise<{ origin: string; url: (path: string) => string; close: () => Promise<void> }> {
  const prefix = `/${site.base.replace(/^\/+|\/+$/g, '')}/`.replace('//', '/');
  const rules = headers && existsSync(join(site.out, '_headers')) ? parseHostHeaders(readFileSync(join(site.out, '_headers'), 'utf8')) : [];
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    for (const [name, value] of headersFor(rules, path)) res.setHeader(name, value);
    let file: string | undefined;
    if (path.startsWith(prefix)) {
      const rel = normalize(path.slice(prefix.length)).replace(/^(\.\.[/\\])+/, '');
      const candidate = join(site.out, rel);
      if (existsSync(candidate) && statSync(candidate).isFile()) file = candidate;
      else if (existsSync(join(candidate, 'index.html'))) file = join(candidate, 'index.html');
    }
    if (!file) {
      res.writeHead(404, { 'Content-Type': TYPES['.html']! });
      res.end(readFileSync(join(site.out, '404.html')));
      return;
    }
    const body = readFileSync(file);
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    // One byte range, as every static host serves (the search page reads its records so).
    const range = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? '');
    if (ranges && range && Number(range[1]) <= Number(range[2]) && Number(range[1]) < body.length) {
      const [start, end] = [Number(range[1]), Math.min(Number(range[2]), body.length - 1)];
      res.writeHead(206, { 'Content-Type': type, 'Content-Range': `bytes ${start}-${end}/${body.length}`, 'Accept-Ranges': 'bytes' });
      res.end(body.subarray(start, end + 1));
      return;
    }
    res.writeHead(200, { 'Content-Type': type, 'Accept-Ranges': 'bytes' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    origin,
    url: (path: string) => `${origin}${prefix}${path.replace(/^\/+/, '')}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * Every exported record of a built site, in the digest's order: the monthly files `papers.json` lists, newest first,
 * each gzipped.
 */
export function readExport<T>(out: string): T[] {
  const index = JSON.parse(readFileSync(join(out, 'papers.json'), 'utf8')) as { months: { url: string }[] };
  return index.months.flatMap((m) => JSON.parse(gunzipSync(readFileSync(join(out, m.url.replace(/^.*?\/data\//, 'data/')))).toString('utf8')) as T[]);
}
