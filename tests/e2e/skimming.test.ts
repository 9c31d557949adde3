/**
 * Skimming a day, a day by topic and a week, on a site of two real days in one week (150 papers on 25 November,
 * the bundled 224 on 26 November): at desktop and phone sizes, in light and dark, and with JavaScript off.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { loadSiteSettingsFile } from '../../src/store/content-store';
import { latexResidue } from '../helpers';
import { useServedSite } from './browser';
import { readExport } from './site-builder';

const site = inject('twoDaySite');
const twoDayPapers = readExport<{ id: string }>(site.out);
const { browser, server } = useServedSite(site);
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

let open: Page[] = [];
async function newPage(options: BrowserContextOptions): Promise<Page> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  open.push(page);
  return page;
}
afterEach(async () => {
  for (const page of open) await page.context().close();
  open = [];
});

/** Text as a reader reads it: runs of white space are one space. */
const words = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

/** Paper titles wholly inside the first screen, and the page's height. */
async function firstScreen(page: Page): Promise<{ titles: string[]; height: number }> {
  return page.evaluate(() => ({
    titles: [...document.querySelectorAll('.paper-title')]
      .filter((t) => {
        const r = t.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= innerHeight && r.height > 0;
      })
      .map((t) => t.textContent ?? ''),
    height: document.documentElement.scrollHeight,
  }));
}

describe('the home page at a glance', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    for (const javaScriptEnabled of [true, false]) {
      const how = `${colorScheme}, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`;

      it(`shows at least 6 paper titles in the first desktop screen and stays under 20,000 px (${how})`, async () => {
        const page = await newPage({ viewport: DESKTOP, colorScheme, javaScriptEnabled });
        await page.goto(server.url(''));
        const { titles, height } = await firstScreen(page);
        expect(titles.length).toBeGreaterThanOrEqual(6);
        expect(height).toBeLessThanOrEqual(20_000);
      });

      it(`shows the first paper in the first phone screen (${how})`, async () => {
        const page = await newPage({ viewport: PHONE, colorScheme, javaScriptEnabled });
        await page.goto(server.url(''));
        const { titles } = await firstScreen(page);
        expect(titles[0]).toBe(await page.locator('.paper-title').first().textContent());
      });
    }
  }

  it('leads with what is new: the latest day, what changed since the day before, and this week', async () => {
    const page = await newPage({ viewport: DESKTOP });
    await page.goto(server.url(''));
    expect(await page.locator('#latest-heading').textContent()).toBe('New on 26 November 2026');
    expect(words(await page.locator('.day-summary').textContent())).toMatch(/^224 papers trending, all new since 25 Nov\./);
    expect(await page.locator('.latest .paper-row').count()).toBe(15);
    expect(await page.getByRole('link', { name: 'this week' }).getAttribute('href')).toBe('/weeks/2026-W48/');
    expect(await page.getByRole('link', { name: 'Show all 224 papers of 26 November 2026 →' }).getAttribute('href')).toBe('/days/2026-11-26/');
  });

  it('shows rank, title, gist and topics for each paper, and the abstract on demand with JavaScript off', async () => {
    const page = await newPage({ viewport: DESKTOP, javaScriptEnabled: false });
    await page.goto(server.url(''));
    const first = page.locator('.paper-row').first();
    expect(await first.locator('.rank').textContent()).toBe('Rank 1');
    expect((await first.locator('.gist').textContent())!.length).toBeGreaterThan(30);
    expect(await first.locator('.chip').count()).toBeGreaterThanOrEqual(1);
    const abstract = first.locator('.abstract');
    expect(await abstract.isVisible()).toBe(false);
    await first.locator('summary').click();
    expect(await abstract.isVisible()).toBe(true);
    expect((await abstract.textContent())!.length).toBeGreaterThan(200);
    // A row on the day's page does not repeat the day; its title leads to the paper's page, abstract and all.
    await page.goto(server.url('days/2026-11-26/'));
    expect(await page.locator('.paper-row').count()).toBe(224);
    expect(await page.locator('.paper-row .meta').allTextContents()).not.toContainEqual(expect.stringContaining('26 November'));
    expect(await page.locator('.lede').textContent()).toContain('(#1 the most)');
  });
});

describe('a day by topic', () => {
  it('lists each paper of the day once, under its main topic, unsorted last, with counts that add up', async () => {
    const page = await newPage({ viewport: DESKTOP });
    await page.goto(server.url('days/2026-11-26/topics/'));
    const links = await page.locator('.topic-section .paper-title a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links).toHaveLength(224);
    expect(new Set(links).size).toBe(224);
    const sections = await page.locator('.topic-section h2').allTextContents();
    const counts = sections.map((h) => Number(/\((\d+)\)$/.exec(h)![1]));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(224);
    expect(sections.at(-1)).toMatch(/^Unsorted/);
    // A section's own topic is not repeated among its papers' chips.
    const codecs = page.locator('.topic-section', { has: page.locator('h2#topic-codecs') });
    expect(await codecs.locator('.chip', { hasText: 'Neural codecs & compression' }).count()).toBe(0);
  });
});

describe('a week', () => {
  it('lists the papers first seen that week once each, by topic, with counts and their days, and folds long topics', async () => {
    const page = await newPage({ viewport: DESKTOP, javaScriptEnabled: false });
    await page.goto(server.url('weeks/2026-W48/'));
    expect(await page.locator('h1').textContent()).toBe('Week 48: 23–29 November 2026');
    expect(await page.locator('.lede').textContent()).toMatch(/^374 papers first seen this week/);
    const all = await page.locator('.topic-section a[href^="/papers/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(all).toHaveLength(374);
    expect(new Set(all).size).toBe(374);
    const days = await page.locator('.paper-row .meta').allTextContents();
    expect(days.some((d) => d.includes('Trending 25 Nov'))).toBe(true);
    expect(days.some((d) => d.includes('Trending 26 Nov'))).toBe(true);
    const fold = page.locator('.more-papers').first();
    expect(await fold.locator('.title-list').isVisible()).toBe(false);
    await fold.locator('summary').click();
    expect(await fold.locator('.title-list').isVisible()).toBe(true);
    await page.goto(server.url('days/'));
    expect(await page.locator('#weeks-heading + ol').textContent()).toContain('Week 48: 23–29 November 2026 · 374 new papers');
    expect(await page.locator('#months-heading + ol').textContent()).toContain('November 2026 · 374 new papers');
  });
});

describe('a topic of more than one page', () => {
  it('keeps its newest papers on its front page and the oldest on page 1, numbered from the oldest, each paper once', async () => {
    // The site's largest topic, at the site's papers a page: two pages of it, the front page holding the rest.
    const size = loadSiteSettingsFile(join(site.content, 'site.yaml')).pageSize;
    const papers = readExport<{ id: string; topics: { slug: string }[] }>(site.out);
    const counts = new Map<string, number>();
    for (const p of papers) for (const t of p.topics) counts.set(t.slug, (counts.get(t.slug) ?? 0) + 1);
    const slug = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
    const inTopic = papers.filter((p) => p.topics.some((t) => t.slug === slug));
    expect(inTopic.length).toBeGreaterThanOrEqual(2 * size);
    expect(inTopic.length).toBeLessThan(3 * size);
    const page = await newPage({ viewport: DESKTOP });
    // Each row with the number its list shows it with (what a browser draws: a reversed list counts down from start).
    const rows = async () =>
      page.locator('ol.paper-list').evaluateAll((lists) =>
        lists.flatMap((ol) =>
          [...(ol as HTMLOListElement).querySelectorAll(':scope > .paper-row')].map((li, i) => ({
            number: (ol as HTMLOListElement).reversed ? (ol as HTMLOListElement).start - i : (ol as HTMLOListElement).start + i,
            href: li.querySelector('.paper-title a')!.getAttribute('href')!,
          })),
        ),
      );
    await page.goto(server.url(`topics/${slug}/`));
    const name = await page.locator('h1').textContent();
    const front = await rows();
    expect(front).toHaveLength(inTopic.length - size);
    expect(front.map((r) => r.number)).toEqual(Array.from({ length: front.length }, (_, i) => inTopic.length - i));
    expect(words(await page.locator('.pager').textContent())).toBe('2 pages, numbered from the oldest Older papers →');
    await page.getByRole('link', { name: 'Older papers →' }).click();
    expect(page.url()).toBe(server.url(`topics/${slug}/page/1/`));
    expect(await page.locator('h1').textContent()).toBe(`${name} (page 1)`);
    const oldest = await rows();
    expect(oldest.map((r) => r.number)).toEqual(Array.from({ length: size }, (_, i) => size - i));
    // Every paper of the topic once, newest first across the pages, in the digest's order (the export's).
    expect([...front, ...oldest].map((r) => r.href)).toEqual(inTopic.map((p) => `/papers/${p.id}/`));
    // Nothing on it grows with the topic: no count of papers or pages, no "Last updated".
    expect(await page.locator('main').textContent()).not.toContain(String(inTopic.length));
    expect(await page.locator('footer .updated').count()).toBe(0);
    await page.getByRole('link', { name: '← Newer papers' }).click();
    expect(page.url()).toBe(server.url(`topics/${slug}/`));
  });
});

describe('new since the last visit', () => {
  it('marks papers first seen after the reader’s last visit, keeps the marks while the reader browses, and marks nothing on a first visit', async () => {
    const page = await newPage({ viewport: DESKTOP });
    await page.goto(server.url(''));
    expect(await page.locator('.new-mark').count()).toBe(0);
    // The visit is remembered as the newest day the reader was shown.
    expect(await page.evaluate(() => localStorage.getItem('papers-digest:latest-day-seen'))).toBe('2026-11-26');
    // A reader who last came when 25 November was the latest day, and comes back to a paper's page first: a page
    // that lists no papers leaves the last visit as it was.
    const returning = await newPage({ viewport: DESKTOP });
    await returning.addInitScript(() => {
      if (!sessionStorage.getItem('seeded')) localStorage.setItem('papers-digest:latest-day-seen', '2026-11-25');
      sessionStorage.setItem('seeded', '1');
    });
    await returning.goto(server.url(`papers/${twoDayPapers[0]!.id}/`));
    expect(await returning.evaluate(() => localStorage.getItem('papers-digest:latest-day-seen'))).toBe('2026-11-25');
    await returning.goto(server.url('weeks/2026-W48/'));
    expect(await returning.evaluate(() => localStorage.getItem('papers-digest:latest-day-seen'))).toBe('2026-11-26');
    const marked = await returning.locator('.paper-row:has(.new-mark)').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset['firstSeen']));
    const unmarked = await returning.locator('.paper-row:not(:has(.new-mark))').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset['firstSeen']));
    expect(marked.length).toBeGreaterThan(0);
    expect(new Set(marked)).toEqual(new Set(['2026-11-26']));
    expect(new Set(unmarked)).toEqual(new Set(['2026-11-25']));
    expect(await returning.locator('.new-mark').first().textContent()).toBe('New since your last visit: ');
  });

  it('leaves the page whole without storage', async () => {
    const page = await newPage({ viewport: DESKTOP });
    await page.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', {
        get() {
          throw new DOMException('blocked', 'SecurityError');
        },
      });
    });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server.url(''));
    expect(await page.locator('.paper-row').count()).toBe(15);
    expect(errors).toEqual([]);
  });
});

describe('the small things', () => {
  it('keeps the theme button off a row of its own on a phone, and the header in line with the content', async () => {
    const phone = await newPage({ viewport: PHONE });
    await phone.goto(server.url(''));
    const box = async (p: Page, selector: string) => (await p.locator(selector).first().boundingBox())!;
    const toggle = await box(phone, '.theme-toggle');
    const others = await Promise.all(['.brand', '.site-nav', '.search-form'].map((s) => box(phone, s)));
    expect(others.some((o) => Math.abs(o.y + o.height / 2 - (toggle.y + toggle.height / 2)) < 12)).toBe(true);
    const desktop = await newPage({ viewport: DESKTOP });
    await desktop.goto(server.url(''));
    const [brand, heading] = [await box(desktop, '.brand'), await box(desktop, 'main h1')];
    expect(Math.abs(brand.x - heading.x)).toBeLessThan(2);
    const [toggleBox, main] = [await box(desktop, '.theme-toggle'), await box(desktop, 'main')];
    expect(Math.abs(toggleBox.x + toggleBox.width - (main.x + main.width - 16))).toBeLessThan(2);
  });

  it('says why a paper has a topic in a sentence, and its rank with its day', async () => {
    const page = await newPage({ viewport: DESKTOP });
    await page.goto(server.url('papers/large-dual-encoders-are-generalizable-retrievers/'));
    expect(words(await page.locator('.topic-evidence li').first().textContent())).toMatch(
      /^Tagged Retrieval & embeddings for “[^”]+”(, “[^”]+”)* and “[^”]+” \(its main topic\)\.$/,
    );
    expect(await page.locator('.seen a').allTextContents()).toEqual(['#69 on 26 November 2026']);
  });

  it('names the topics a row’s “+1” stands for once, in a tooltip for the eye and once to a screen reader', async () => {
    const page = await newPage({ viewport: DESKTOP });
    await page.goto(server.url('days/2026-11-26/'));
    const row = page.locator('.paper-row', { has: page.locator('.chip-more') }).first();
    const hidden = await row.locator('.chip-more [title]').getAttribute('title');
    expect(hidden).toBeTruthy();
    expect(await row.locator('.chip-more [title]').innerText()).toBe('+1');
    // The accessibility tree, as a screen reader gets it: the hidden topic once, not as a name and again as content.
    const snapshot = await row.locator('.chip-more').ariaSnapshot();
    expect(snapshot).toBe(`- listitem: "1 more: ${hidden}"`);
    // Its page names it among the paper's topics.
    await row.locator('.paper-title a').click();
    expect(await page.locator('.topic-evidence .chip').allTextContents()).toContain(hidden);
  });
});

describe('every page of two real days', () => {
  const papers = join(site.out, 'papers');
  const pages = readdirSync(papers).map((id) => ({ id, html: readFileSync(join(papers, id, 'index.html'), 'utf8') }));
  /** What a reader sees of the main content: tags, the MathML annotation (TeX for screen readers) and the BibTeX left out. */
  const visibleText = (html: string) =>
    /<main[\s\S]*<\/main>/
      .exec(html)![0]
      .replace(/<annotation[^>]*>[\s\S]*?<\/annotation>/g, '')
      .replace(/<pre class="bibtex"[\s\S]*?<\/pre>/g, '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&#x26;|&amp;/g, '&');

  it('shows no LaTeX residue on any paper page, and renders math as MathML', () => {
    expect(pages).toHaveLength(374);
    expect(pages.flatMap((p) => latexResidue(visibleText(p.html)).map((r) => `${p.id}: ${r}`))).toEqual([]);
    expect(pages.filter((p) => p.html.includes('<math>')).length).toBeGreaterThan(0);
  });

  it('lists related papers that share a topic with the paper, 10% of links or fewer sharing none', () => {
    let links = 0;
    let sharing = 0;
    for (const { html } of pages) {
      for (const why of html.matchAll(/<span class="why"[^>]*>([^<]*)<\/span>/g)) {
        links += 1;
        if (why[1]!.startsWith('Also in ')) sharing += 1;
      }
    }
    expect(links).toBeGreaterThan(500);
    expect((links - sharing) / links).toBeLessThanOrEqual(0.1);
  });
});
