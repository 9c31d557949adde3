import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { HtmlValidate, type ConfigData } from 'html-validate';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { buildDigest } from '../../src/lib/site/digest';
import { relatedOfPapers } from '../../src/lib/site/related';
import { parseSiteSettings } from '../../src/lib/site/settings';
import { loadTaxonomyFile, readPaperFiles } from '../../src/store/content-store';
import { ROOT } from '../helpers';
import { axeViolations, useServedSite } from './browser';
import { readExport } from './site-builder';

const site = inject('rootSite');
const { browser, server } = useServedSite(site);
let page: Page;

beforeAll(async () => {
  page = await browser.newPage();
});

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.html'))
    .map((f) => join(dir, f))
    .sort();
}

const HOSTILE_TITLE = '<script>alert(1)</script> Evil & <b>Bold</b> Codec ]]> Paper';

describe('reading the digest', () => {
  it('goes home → topic → paper → related paper → day page', async () => {
    await page.goto(server.url('/'));
    await expect(page.title()).resolves.toBe('Papers Digest');
    expect(await page.locator('h1').textContent()).toBe('Papers Digest');
    const latest = await page.locator('#latest-heading').textContent();
    expect(latest).toContain('27 November 2026');
    // The latest day holds one new paper and one trending again since the day before.
    expect((await page.locator('.day-summary').textContent())!.replace(/\s+/g, ' ')).toMatch(
      /^ ?2 papers trending: 1 new since 26 Nov, 1 still trending from earlier days\./,
    );

    await page
      .getByRole('link', { name: /^Neural codecs & compression/ })
      .first()
      .click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Neural codecs & compression');
    expect(page.url()).toBe(server.url('topics/codecs/'));
    const count = await page.locator('.paper-list > li').count();
    expect(count).toBeGreaterThan(10);

    const firstPaper = page.locator('.paper-list .paper-title a').first();
    const paperTitle = await firstPaper.textContent();
    await firstPaper.click();
    await expect(page.locator('h1').textContent()).resolves.toBe(paperTitle);
    expect((await page.locator('.abstract p').textContent())!.length).toBeGreaterThan(80);
    expect(await page.locator('article .topic-evidence li').count()).toBeGreaterThanOrEqual(1);

    // Related papers share a topic with the paper, and say which, and the words they share.
    const topicNames = await page.locator('.topic-evidence .chip').allTextContents();
    const related = page.locator('.related li');
    expect(await related.count()).toBeGreaterThanOrEqual(1);
    expect(await related.count()).toBeLessThanOrEqual(5);
    for (const why of await related.locator('.why').allTextContents()) {
      expect(topicNames.some((name) => why.startsWith(`Also in ${name}`) || why.includes(` and ${name}`))).toBe(true);
      expect(why).toMatch(/; both about \S/);
    }
    const relatedTitle = await related.locator('a').first().textContent();
    await related.locator('a').first().click();
    await expect(page.locator('h1').textContent()).resolves.toBe(relatedTitle);

    await page.locator('.seen a').first().click();
    expect(page.url()).toMatch(/\/days\/2026-11-2[67]\/$/);
    expect(await page.locator('.paper-list > li').count()).toBeGreaterThan(0);
  });

  it('has a page for each of the 224 bundled papers, and one more for the second day', () => {
    const ids = readdirSync(join(site.out, 'papers'));
    expect(ids).toHaveLength(225);
    const exported = readExport<{ id: string; topics: unknown[] }>(site.out);
    expect(exported.map((p) => p.id).sort()).toEqual(ids.sort());
    for (const p of exported) expect(p.topics.length).toBeLessThanOrEqual(4);
  });

  it('lists on every paper page the related papers the site itself would find (made by the search worker)', () => {
    // The build takes them from the search worker (src/integrations/related-channel.ts); `astro dev` makes them in
    // process. Both must give every page the same list, in the same order.
    const taxonomy = loadTaxonomyFile(join(site.content, 'topics.yaml'));
    const settings = parseSiteSettings(readFileSync(join(site.content, 'site.yaml'), 'utf8'));
    if (!settings.ok) throw new Error(settings.message);
    const { papers } = buildDigest([...readPaperFiles(join(site.content, 'papers')).values()], taxonomy);
    const expected = relatedOfPapers(papers, settings.value.relatedCount);
    let listed = 0;
    for (const paper of papers) {
      const html = readFileSync(join(site.out, 'papers', paper.id, 'index.html'), 'utf8');
      const list = /<ul class="related">(.*?)<\/ul>/s.exec(html)?.[1] ?? '';
      const ids = [...list.matchAll(/<a href="\/papers\/([^/"]+)\/"/g)].map((m) => m[1]);
      expect(ids, paper.id).toEqual(expected.get(paper.id)!.map((r) => r.id));
      listed += ids.length;
    }
    expect(listed).toBeGreaterThan(papers.length);
  });

  it('shows a paper seen on two days on both day pages, with its first date', async () => {
    await page.goto(server.url('papers/one-shot-face-video-re-enactment-using-hybrid-latent-spaces-of-stylegan2/'));
    expect(await page.locator('.seen a').allTextContents()).toEqual(['#1 on 26 November 2026', '#2 on 27 November 2026']);
    expect(await page.locator('header .meta').textContent()).toContain('First seen here 26 November 2026');
  });

  it('renders LaTeX-ish abstracts and links', async () => {
    await page.goto(server.url('papers/one-shot-face-video-re-enactment-using-hybrid-latent-spaces-of-stylegan2/'));
    expect(await page.locator('.abstract sub').first().textContent()).toBe('ID');
    await page.goto(server.url('papers/hnerv-a-hybrid-neural-representation-for-videos/'));
    expect(await page.locator('.links a').evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute('rel')]))).toEqual([
      ['haochen-rye.github.io/HNeRV', 'nofollow'],
      ['github.com/haochen-rye/HNeRV', 'nofollow'],
    ]);
    expect(await page.locator('.abstract').textContent()).toContain('(NeRV, E-NeRV, etc.)');
  });

  it('shows hostile text as text on every page that lists it', async () => {
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    for (const path of ['/', 'days/2026-11-27/', 'topics/codecs/', 'papers/script-alert-1-script-evil-b-bold-b-codec-paper/']) {
      await page.goto(server.url(path));
      const titles = await page.locator('.paper-title, h1').allTextContents();
      expect(titles).toContain(HOSTILE_TITLE);
      expect(await page.locator('main script, main b, main img').count()).toBe(0);
    }
    expect(await page.title()).toBe(`${HOSTILE_TITLE} · Papers Digest`);
    expect(dialogs).toEqual([]);
  });

  it('reads without JavaScript, and the search page says what to do instead', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const noJs = await context.newPage();
    await noJs.goto(server.url('topics/quantization/'));
    expect(await noJs.locator('.paper-list > li').count()).toBeGreaterThan(3);
    await noJs.goto(server.url('search/'));
    expect(await noJs.locator('noscript').first().innerHTML()).toContain('browse the papers by topic');
    await context.close();
  });

  it('lists a topic’s papers under the day each was first seen, each day once, linking to that day', async () => {
    await page.goto(server.url('topics/codecs/'));
    expect(await page.locator('.day-run h2').allTextContents()).toEqual(['First seen 27 November 2026', 'First seen 26 November 2026']);
    expect(await page.locator('.day-run').first().locator('.paper-title').allTextContents()).toEqual([HOSTILE_TITLE]);
    const codecs = readExport<{ firstSeen: string; topics: { slug: string }[] }>(site.out).filter((p) => p.topics.some((t) => t.slug === 'codecs'));
    expect(codecs.length).toBeLessThanOrEqual(50);
    expect(await page.locator('.day-run').nth(1).locator('.paper-row').count()).toBe(codecs.filter((p) => p.firstSeen === '2026-11-26').length);
    // The rows do not say the day again.
    expect((await page.locator('.paper-row .meta').allTextContents()).join(' ')).not.toContain('First seen');
    await page.getByRole('link', { name: 'First seen 26 November 2026' }).click();
    expect(page.url()).toBe(server.url('days/2026-11-26/'));
  });

  it('shows a paper outside the taxonomy as unsorted on its day, in search and the main feed, and on no topic page or topic feed', async () => {
    const papers = readExport<{ id: string; title: string; topics: unknown[] }>(site.out);
    const unsorted = papers.filter((p) => p.topics.length === 0);
    expect(unsorted.length).toBeGreaterThanOrEqual(1);
    const { id, title } = unsorted[0]!;
    await page.goto(server.url('days/2026-11-26/'));
    const card = page.locator('.paper-row', { has: page.locator(`a[href="/papers/${id}/"]`) });
    expect(await card.locator('.chip.unsorted').textContent()).toBe('Unsorted');
    // Search says so too, where a sorted paper shows its topics.
    await page.goto(server.url(`search/?q=${encodeURIComponent(`"${title}"`)}`));
    const result = page.locator('#search-results li.paper-card', { has: page.locator(`a[href="/papers/${id}/"]`) });
    await result.waitFor();
    expect(await result.locator('.chips li').allTextContents()).toEqual(['Unsorted']);
    const everyFile = readdirSync(join(site.out, 'topics'), { recursive: true, encoding: 'utf8' }).filter((f) => /\.(html|xml)$/.test(f));
    expect(everyFile.length).toBeGreaterThan(36);
    for (const f of everyFile) expect(readFileSync(join(site.out, 'topics', f), 'utf8')).not.toContain(`/papers/${id}/`);
    expect(readFileSync(join(site.out, 'rss.xml'), 'utf8')).toContain(`/papers/${id}/`);
  });

  it('says when the digest was last updated on the pages that change each day, and not on a paper’s or a day’s page', async () => {
    for (const path of ['', 'topics/', 'topics/codecs/', 'days/', 'search/', 'feeds/', 'about/']) {
      await page.goto(server.url(path));
      expect(await page.locator('footer .updated').textContent(), path).toBe('Last updated 27 November 2026 · 2 papers that day · 225 in all');
    }
    for (const path of [
      `papers/${readExport<{ id: string }>(site.out)[0]!.id}/`,
      'days/2026-11-26/',
      'days/2026-11-26/topics/',
      'weeks/2026-W48/',
      'months/2026-11/',
    ]) {
      await page.goto(server.url(path));
      expect(await page.locator('footer').count(), path).toBe(1);
      expect(await page.locator('footer .updated').count(), path).toBe(0);
    }
  });

  it('serves the 404 page for a missing address', async () => {
    const response = await page.goto(server.url('papers/no-such-paper/'));
    expect(response?.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toBe('Page not found');
  });
});

describe('quality over the whole built site', () => {
  const pages = () => htmlFiles(site.out);

  it('is valid HTML (html-validate, recommended rules)', async () => {
    // .htmlvalidate.json: the recommended rules; long titles are paper titles, and checkboxes may share a name.
    const validator = new HtmlValidate(JSON.parse(readFileSync(join(ROOT, '.htmlvalidate.json'), 'utf8')) as ConfigData);
    const problems: string[] = [];
    for (const file of pages()) {
      const report = await validator.validateFile(file);
      for (const r of report.results) for (const m of r.messages) problems.push(`${relative(site.out, file)}:${m.line}: ${m.ruleId}: ${m.message}`);
    }
    expect(problems.slice(0, 20)).toEqual([]);
  });

  it('ends every page at </html>, with nothing after it (HTML has no place for it; html-validate lets it pass)', () => {
    const trailing = pages().filter((file) => !/<\/html>\s*$/.test(readFileSync(file, 'utf8')));
    expect(trailing.map((file) => relative(site.out, file))).toEqual([]);
  });

  it('has no broken internal links', () => {
    const broken: string[] = [];
    for (const file of pages()) {
      const html = readFileSync(file, 'utf8');
      for (const match of html.matchAll(/\s(?:href|src)="([^"]+)"/g)) {
        const target = match[1]!.replace(/&amp;/g, '&');
        if (/^(https?:|mailto:|#|data:)/.test(target)) continue;
        const path = target.split(/[?#]/)[0]!;
        const onDisk = join(site.out, decodeURIComponent(path));
        const exists = readdirSync(join(onDisk, '..')).includes(onDisk.split('/').pop()!) || path.endsWith('/');
        const resolved = path.endsWith('/') ? join(onDisk, 'index.html') : onDisk;
        try {
          readFileSync(resolved);
        } catch {
          broken.push(`${relative(site.out, file)} → ${target}${exists ? '' : ''}`);
        }
      }
    }
    expect([...new Set(broken)].slice(0, 20)).toEqual([]);
  });

  it('gives every page a title, description, canonical URL and Open Graph tags', () => {
    for (const file of pages()) {
      const html = readFileSync(file, 'utf8');
      const where = relative(site.out, file);
      expect(html, where).toMatch(/<title>[^<]+<\/title>/);
      expect(html, where).toMatch(/<meta name="description" content="[^"]+"/);
      expect(html, where).toMatch(/<link rel="canonical" href="https:\/\/digest\.test\/[^"]*"/);
      for (const tag of ['og:title', 'og:description', 'og:url', 'og:type']) expect(html, where).toContain(`property="${tag}"`);
    }
  });

  it('keeps a paper page under 30 KB compressed, HTML and CSS, with no web fonts', () => {
    const file = join(site.out, 'papers/hnerv-a-hybrid-neural-representation-for-videos/index.html');
    const html = readFileSync(file, 'utf8');
    const css = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => readFileSync(join(site.out, m[1]!)));
    const bytes = gzipSync(html).length + css.reduce((sum, c) => sum + gzipSync(c).length, 0);
    expect(bytes).toBeLessThan(30_000);
    expect(html).not.toMatch(/@font-face|fonts\.googleapis/);
  });

  it.each([
    ['home', '/'],
    ['topics', 'topics/'],
    ['topic', 'topics/codecs/'],
    ['paper', 'papers/hnerv-a-hybrid-neural-representation-for-videos/'],
    ['days', 'days/'],
    ['day', 'days/2026-11-26/'],
    ['day by topic', 'days/2026-11-26/topics/'],
    ['week', 'weeks/2026-W48/'],
    ['month', 'months/2026-11/'],
    ['about', 'about/'],
    ['search', 'search/?q=speech+codec'],
    ['404', 'no-such-page/'],
  ])('has no axe violations on the %s page, in light and dark themes', async (_, path) => {
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await page.goto(server.url(path));
      if (path.startsWith('search')) await page.waitForSelector('#search-results li');
      expect(await axeViolations(page), `${path} ${colorScheme}`).toEqual([]);
    }
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('is usable at 320 px wide: nothing overflows sideways', async () => {
    const narrow = await browser.newPage({ viewport: { width: 320, height: 640 } });
    for (const path of ['/', 'papers/hnerv-a-hybrid-neural-representation-for-videos/', 'search/?q=codec', 'weeks/2026-W48/', 'days/2026-11-26/topics/']) {
      await narrow.goto(server.url(path));
      const overflow = await narrow.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
    await narrow.close();
  });

  it('remembers the dark theme chosen with the toggle', async () => {
    await page.goto(server.url('about/'));
    await page.locator('.theme-toggle').click();
    await page.goto(server.url('topics/'));
    expect(await page.evaluate(() => document.documentElement.dataset['theme'])).toMatch(/^(dark|light)$/);
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).toBe('rgb(20, 22, 25)');
  });
});
