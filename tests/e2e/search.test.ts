import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, inject, it } from 'vitest';
import { useServedSite } from './browser';
import { serveSite, readExport } from './site-builder';

const site = inject('rootSite');
const { browser, server } = useServedSite(site);
let page: Page;

beforeEach(async () => {
  page = await browser.newPage();
});

const titles = () => page.locator('#search-results .paper-title a').allTextContents();
async function typeQuery(text: string): Promise<void> {
  await page.locator('#search-query').fill('');
  await page.locator('#search-query').pressSequentially(text, { delay: 15 });
  await page.waitForFunction((q) => document.querySelector('#search-status')?.textContent?.includes(`“${q}”`), text);
}

describe('searching in the browser', () => {
  it('answers as the reader types, with the query in the URL', async () => {
    await page.goto(server.url('search/'));
    await typeQuery('speech codec');
    expect(page.url()).toBe(server.url('search/?q=speech+codec'));
    expect(await page.locator('#search-status').textContent()).toMatch(/^\d+ papers match “speech codec”\.$/);
    const top = await titles();
    expect(top.length).toBe(20);
    expect(top.slice(0, 3).every((t) => /speech/i.test(t) && /codec/i.test(t))).toBe(true);
    expect(await page.locator('#search-results mark').first().textContent()).toMatch(/speech|codec/i);
  });

  it('shows the same results for a shared URL, and Back returns to the page before the search', async () => {
    await page.goto(server.url('about/'));
    await page.goto(server.url('search/'));
    await typeQuery('unlearning');
    const first = await titles();
    const shared = await browser.newPage();
    await shared.goto(server.url('search/?q=unlearning'));
    await shared.waitForSelector('#search-results li');
    expect(await shared.locator('#search-results .paper-title a').allTextContents()).toEqual(first);
    await shared.close();
    // Back undoes the search (same page, so no navigation event: wait for the state instead).
    await page.evaluate(() => history.back());
    await page.waitForFunction(() => location.search === '' && (document.querySelector('#search-query') as HTMLInputElement).value === '');
    expect(await page.locator('#search-results li').count()).toBe(0);
    await page.goBack();
    expect(page.url()).toBe(server.url('about/'));
  });

  it('keeps phrases and exclusions in the URL: a shared address gives the same answer, typed or pasted', async () => {
    await page.goto(server.url('search/'));
    await typeQuery('"speech codec" -music');
    expect(page.url()).toBe(server.url('search/?q=%22speech+codec%22+-music'));
    const typed = await titles();
    expect(typed.length).toBeGreaterThanOrEqual(2);
    const status = await page.locator('#search-status').textContent();
    expect(status).toMatch(/^\d+ papers? match(es)? “"speech codec" -music”\.$/);
    // Every result holds the phrase and not the excluded word, in its title or abstract (the export has both).
    const exported = readExport<{ title: string; abstract: string }>(site.out);
    const textOf = new Map(exported.map((p) => [p.title, `${p.title} ${p.abstract}`]));
    for (const title of typed) {
      expect(textOf.get(title)).toMatch(/speech codecs?\b/i);
      expect(textOf.get(title)).not.toMatch(/\bmusic/i);
    }
    const shared = await browser.newPage();
    await shared.goto(server.url('search/?q=%22speech+codec%22+-music'));
    await shared.waitForSelector('#search-results li');
    expect(await shared.locator('#search-query').inputValue()).toBe('"speech codec" -music');
    expect(await shared.locator('#search-results .paper-title a').allTextContents()).toEqual(typed);
    await shared.goto(server.url('search/?q=codec+-speech'));
    await shared.waitForSelector('#search-results li');
    for (const text of await shared.locator('#search-results .paper-title a').allTextContents()) expect(text).not.toMatch(/speech/i);
    await shared.close();
    expect(await page.locator('#search-help').textContent()).toContain('-word');
  });

  it('holds its place when results arrive: layout shift at most 0.02, on a phone and a desktop', async () => {
    for (const viewport of [
      { width: 390, height: 844 },
      { width: 1280, height: 900 },
    ]) {
      const p = await browser.newPage({ viewport });
      await p.goto(server.url('search/?q=codec'));
      await p.waitForSelector('#search-results li');
      await p.waitForTimeout(300);
      const shift = await p.evaluate(
        () =>
          new Promise<number>((resolve) => {
            let total = 0;
            new PerformanceObserver((list) => {
              for (const entry of list.getEntries()) total += (entry as unknown as { value: number }).value;
            }).observe({ type: 'layout-shift', buffered: true });
            setTimeout(() => resolve(total), 100);
          }),
      );
      expect(shift).toBeLessThanOrEqual(0.02);
      await p.close();
    }
  });

  it('is reached from the search box in every page’s header', async () => {
    await page.goto(server.url('topics/'));
    await page.keyboard.press('/');
    await page.keyboard.type('masked autoencoders');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#search-results li');
    expect(page.url()).toBe(server.url('search/?q=masked+autoencoders'));
    expect((await titles()).slice(0, 3)).toContain('Masked Autoencoders Are Scalable Vision Learners');
  });

  it.each([
    ['HNeRV', 'HNeRV: A Hybrid Neural Representation for Videos'],
    ['NeRV++', 'HNeRV: A Hybrid Neural Representation for Videos'],
    ['DeepSeek-Coder', 'DeepSeek-Coder: When the Large Language Model Meets Programming -- The Rise of Code Intelligence'],
    ['quantisation ternary', 'TernaryLLM: Ternarized Large Language Model'],
    ['unlern hessian', 'Deep Unlearning via Randomized Conditionally Independent Hessians'],
    ['1-bit', 'Unlocking Efficient Large Inference Models: One-Bit Unrolling Tips the Scales'],
    ['compres imag', 'Idempotence and Perceptual Image Compression'],
  ])('finds %s in the top results', async (query, title) => {
    await page.goto(server.url('search/'));
    await typeQuery(query);
    expect((await titles()).slice(0, query === 'compres imag' ? 10 : 3)).toContain(title);
  });

  it('filters by topic and says how many matched', async () => {
    await page.goto(server.url('search/?q=compression'));
    await page.waitForSelector('#search-results li');
    const all = Number((await page.locator('#search-status').textContent())!.match(/^\d+/)![0]);
    await page.locator('summary', { hasText: 'Filter by topic' }).click();
    await page.getByLabel('Quantization & low-bit networks').check();
    await page.waitForFunction(() => document.querySelector('#search-status')?.textContent?.includes('chosen topic'));
    const filtered = Number((await page.locator('#search-status').textContent())!.match(/^\d+/)![0]);
    expect(filtered).toBeGreaterThan(0);
    expect(filtered).toBeLessThan(all);
    expect(page.url()).toBe(server.url('search/?q=compression&topic=quantization'));
    const chips = await page.locator('#search-results > li').evaluateAll((lis) => lis.map((li) => li.textContent ?? ''));
    for (const chip of chips) expect(chip).toContain('Quantization & low-bit networks');
  });

  it('moves through results with the arrow keys and opens one with Enter', async () => {
    await page.goto(server.url('search/'));
    await typeQuery('neural codec');
    const expected = (await titles())[1];
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(expected);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/papers\//);
    expect(await page.locator('h1').textContent()).toBe(expected);
  });

  it('shows HTML in a title as text in the results', async () => {
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(server.url('search/'));
    await typeQuery('evil bold');
    expect((await titles())[0]).toBe('<script>alert(1)</script> Evil & <b>Bold</b> Codec ]]> Paper');
    expect(await page.locator('#search-results script, #search-results b, #search-results img').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it('loads no search file until the reader uses search', async () => {
    const requested: string[] = [];
    page.on('request', (r) => requested.push(new URL(r.url()).pathname));
    await page.goto(server.url('search/'));
    await page.waitForLoadState('networkidle');
    expect(requested.filter((p) => p.startsWith('/search-index/'))).toEqual([]);
    requested.length = 0;
    await page.goto(server.url('papers/hnerv-a-hybrid-neural-representation-for-videos/'));
    await page.waitForLoadState('networkidle');
    expect(requested.filter((p) => p.endsWith('.json') || /search.*\.js$/.test(p))).toEqual([]);
  });

  it('downloads under 45 KB compressed before the first results, reading each result’s record by range', async () => {
    const received: { path: string; status: number; bytes: number }[] = [];
    page.on('response', (r) => {
      void r.body().then(
        (body) => received.push({ path: new URL(r.url()).pathname, status: r.status(), bytes: gzipSync(body).length }),
        () => undefined,
      );
    });
    await page.goto(server.url('search/'));
    await page.waitForLoadState('networkidle');
    const script = received.filter((r) => /\/_astro\/search.*\.js$/.test(r.path));
    received.length = 0;
    // The query arrives whole (pasted, or a shared link), so the figure is one search's: typed key by key, each
    // intermediate prefix's results load records too, and how many of those land depends on the machine's speed.
    await page.locator('#search-query').fill('neural speech codec');
    await page.waitForFunction(() => document.querySelector('#search-status')?.textContent?.includes('“neural speech codec”'));
    await page.waitForLoadState('networkidle');
    expect(await titles()).toHaveLength(20);
    const records = received.filter((r) => r.path.endsWith('.bin') && /\/r-\d+\.bin$/.test(r.path));
    expect(records.length).toBeGreaterThan(0);
    expect(records.every((r) => r.status === 206)).toBe(true);
    const bytes = [...script, ...received].reduce((sum, r) => sum + r.bytes, 0);
    expect(bytes).toBeLessThan(45_000);
  });
});

describe('on a host that ignores Range requests', () => {
  it('still shows every result, cut from the whole record file', async () => {
    const plain = await serveSite(site, { ranges: false });
    const page = await browser.newPage();
    await page.goto(plain.url('search/?q=speech+codec'));
    await page.waitForFunction(() => document.querySelectorAll('#search-results > li').length === 20);
    const shown = await page.locator('#search-results .paper-title a').allTextContents();
    await page.goto(server.url('search/?q=speech+codec'));
    await page.waitForFunction(() => document.querySelectorAll('#search-results > li').length === 20);
    expect(await page.locator('#search-results .paper-title a').allTextContents()).toEqual(shown);
    await page.close();
    await plain.close();
  });
});
