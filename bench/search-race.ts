/**
 * Our search and Pagefind side by side, in Chromium, on the same built site: Pagefind indexes the site's paper pages
 * (the pages our index covers) into the output folder; each query runs on a freshly loaded page with an empty cache,
 * in each engine, one after the other.
 *
 * - first results: from the query being submitted on a loaded page to 20 results (title and excerpt) being ready:
 *   ours on our search page, rendered; Pagefind through its JavaScript API, each result's data loaded;
 * - repeated: the same query again on the same page;
 * - bytes: every response while the query ran, gzipped (what a host sends compressed), plus the search script.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../tests/e2e/browser';
import { serveSite } from '../tests/e2e/site-builder';

export const QUERIES = [
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

const RESULTS = 20;

export interface EngineFigures {
  firstMs: number;
  repeatMs: number;
  bytesMedian: number;
  bytesMax: number;
}

export interface RaceFigures {
  ours: EngineFigures;
  pagefind: EngineFigures;
  pagefindIndex: { bytes: number; files: number; seconds: number };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function folder(dir: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  for (const f of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const s = statSync(join(dir, f));
    if (s.isFile()) {
      bytes += s.size;
      files += 1;
    }
  }
  return { bytes, files };
}

/** A page that loads Pagefind's API at load time, as its UI does, and searches when asked. */
const PAGEFIND_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Pagefind</title>
<script type="module">
window.pagefind = await import('/pagefind/pagefind.js');
window.ready = true;
window.race = async (query) => {
  const t0 = performance.now();
  const found = await window.pagefind.search(query);
  const data = await Promise.all(found.results.slice(0, ${RESULTS}).map((r) => r.data()));
  return { ms: performance.now() - t0, shown: data.filter((d) => d.excerpt !== undefined && d.meta.title).length };
};
</script></head><body></body></html>`;

/**
 * Submits the query on our loaded search page and waits for the results to be rendered. Kept as source text: the
 * benchmark runs under tsx, whose transform would name inner functions with a helper the page does not have.
 */
const OURS_ONCE = `async (q) => {
  const input = document.querySelector('#search-query');
  const list = document.querySelector('#search-results');
  const status = document.querySelector('#search-status');
  list.replaceChildren();
  status.textContent = '';
  const t0 = performance.now();
  const done = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (list.children.length > 0 || (status.textContent || '').startsWith('No papers')) {
        observer.disconnect();
        resolve();
      }
    });
    observer.observe(list, { childList: true });
    observer.observe(status, { childList: true, characterData: true, subtree: true });
  });
  input.value = q;
  input.form.requestSubmit();
  await done;
  return performance.now() - t0;
}`;

function oursOnce(page: Page, query: string): Promise<number> {
  return page.evaluate<number>(`(${OURS_ONCE})(${JSON.stringify(query)})`);
}

async function measure(
  browser: Browser,
  url: string,
  ready: (page: Page) => Promise<void>,
  once: (page: Page, query: string) => Promise<number>,
): Promise<EngineFigures> {
  const firsts: number[] = [];
  const repeats: number[] = [];
  const bytes: number[] = [];
  for (const query of QUERIES) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const sizes: Promise<number>[] = [];
    let counting = false;
    let scriptBytes = 0;
    page.on('response', (r) => {
      const path = new URL(r.url()).pathname;
      const size = r.body().then(
        (body) => gzipSync(body).length,
        () => 0,
      );
      if (counting) sizes.push(size);
      else if (/\/_astro\/search.*\.js$|\/pagefind\/pagefind\.js$/.test(path)) void size.then((n) => (scriptBytes += n));
    });
    await page.goto(url);
    await ready(page);
    await page.waitForLoadState('networkidle');
    counting = true;
    firsts.push(await once(page, query));
    await page.waitForLoadState('networkidle');
    counting = false;
    bytes.push((await Promise.all(sizes)).reduce((a, b) => a + b, 0) + scriptBytes);
    repeats.push(await once(page, query));
    await context.close();
  }
  return { firstMs: median(firsts), repeatMs: median(repeats), bytesMedian: median(bytes), bytesMax: Math.max(...bytes) };
}

/** Indexes the built site with Pagefind (paper pages only), races the two engines, and removes Pagefind's files. */
export async function raceSearch(out: string): Promise<RaceFigures> {
  const started = performance.now();
  const pf = spawnSync(
    join(import.meta.dirname, '../node_modules/.bin/pagefind'),
    ['--site', out, '--glob', 'papers/**/*.html', '--output-subdir', 'pagefind'],
    {
      encoding: 'utf8',
    },
  );
  if (pf.status !== 0) throw new Error(`pagefind failed:\n${pf.stdout}\n${pf.stderr}`);
  const seconds = (performance.now() - started) / 1000;
  const pagefindIndex = { ...folder(join(out, 'pagefind')), seconds };
  mkdirSync(join(out, 'pagefind-race'), { recursive: true });
  writeFileSync(join(out, 'pagefind-race/index.html'), PAGEFIND_PAGE);
  const browser = await launchBrowser();
  const server = await serveSite({ content: '', out, base: '/' }, { headers: false });
  try {
    const ours = await measure(
      browser,
      server.url('search/'),
      (page) => page.waitForFunction('document.readyState === "complete"').then(() => undefined),
      oursOnce,
    );
    const pagefind = await measure(
      browser,
      server.url('pagefind-race/'),
      (page) => page.waitForFunction('window.ready === true').then(() => undefined),
      async (page, query) => {
        const { ms } = await page.evaluate<{ ms: number }>(`window.race(${JSON.stringify(query)})`);
        return ms;
      },
    );
    return { ours, pagefind, pagefindIndex };
  } finally {
    await browser.close();
    await server.close();
    rmSync(join(out, 'pagefind'), { recursive: true, force: true });
    rmSync(join(out, 'pagefind-race'), { recursive: true, force: true });
  }
}
