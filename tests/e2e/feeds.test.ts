import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { parseOpml } from 'feedsmith';
import { basename, dirname, join } from 'node:path';
import Parser from 'rss-parser';
import { z } from 'astro/zod';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ROOT } from '../helpers';
import { HOSTILE_DUMP, buildSite, readExport, type BuiltSite } from './site-builder';

const site = inject('rootSite');
const parser = new Parser();
const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
const HOSTILE_TITLE = '<script>alert(1)</script> Evil & <b>Bold</b> Codec ]]> Paper';

/** JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/): the fields it requires and the types of those we use. */
const JsonFeedSchema = z.object({
  version: z.literal('https://jsonfeed.org/version/1.1'),
  title: z.string().min(1),
  home_page_url: z.url().optional(),
  feed_url: z.url().optional(),
  description: z.string().optional(),
  language: z.string().optional(),
  items: z.array(
    z
      .object({
        id: z.string().min(1),
        url: z.url().optional(),
        title: z.string().optional(),
        content_html: z.string().optional(),
        content_text: z.string().optional(),
        summary: z.string().optional(),
        date_published: z.iso.datetime({ offset: true }).optional(),
        date_modified: z.iso.datetime({ offset: true }).optional(),
        tags: z.array(z.string()).optional(),
      })
      .refine((item) => item.content_html !== undefined || item.content_text !== undefined, { error: 'an item needs content_html or content_text' }),
  ),
});

describe('the feeds of a built site', () => {
  it('has an RSS feed with every paper of the latest days, newest day first, each day in trending order, with distinct dates', async () => {
    const feed = await parser.parseString(read(site.out, 'rss.xml'));
    expect(feed.title).toBe('Papers Digest');
    const papers = readExport<{ id: string; title: string; firstSeen: string; seen: { date: string; rank: number }[] }>(site.out);
    expect(feed.items).toHaveLength(papers.length);
    const latestDay = papers.filter((p) => p.seen.some((s) => s.date === '2026-11-26'));
    expect(latestDay).toHaveLength(224);
    const expected = [...papers]
      .sort((a, b) => b.firstSeen.localeCompare(a.firstSeen) || a.seen[0]!.rank - b.seen[0]!.rank)
      .map((p) => `https://digest.test/papers/${p.id}/`);
    expect(feed.items.map((i) => i.link)).toEqual(expected);
    const first = feed.items[0]!;
    expect(first.guid).toBe(first.link);
    expect(new Date(first.pubDate!).toISOString()).toBe('2026-11-27T12:00:00.000Z');
    expect(new Date(feed.items[1]!.pubDate!).toISOString()).toBe('2026-11-26T12:00:00.000Z');
    const times = feed.items.map((i) => Date.parse(i.pubDate!));
    expect(new Set(times).size).toBe(times.length);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(first.categories!.map((c: string | { _: string }) => (typeof c === 'string' ? c : c._))).toContain('Neural codecs & compression');
    expect(read(site.out, 'rss.xml')).toContain('<lastBuildDate>Fri, 27 Nov 2026 12:00:00 GMT</lastBuildDate>');
  });

  it('has a daily digest feed whose latest item links every paper of its day, by topic', async () => {
    const daily = await parser.parseString(read(site.out, 'daily.xml'));
    expect(daily.items.map((i) => i.title)).toEqual(['27 November 2026: 2 papers', '26 November 2026: 224 papers']);
    const day = readExport<{ id: string; seen: { date: string }[] }>(site.out);
    const html = daily.items[1]!.content!;
    for (const p of day.filter((x) => x.seen.some((s) => s.date === '2026-11-26'))) expect(html).toContain(`https://digest.test/papers/${p.id}/`);
    expect(html).toContain('<h2>Neural codecs &#x26; compression (');
    const atom = await parser.parseString(read(site.out, 'daily-atom.xml'));
    expect(atom.items.map((i) => i.title)).toEqual(daily.items.map((i) => i.title));
    const json = JsonFeedSchema.parse(JSON.parse(read(site.out, 'daily.json')));
    expect(json.items.map((i) => i.url)).toEqual(['https://digest.test/days/2026-11-27/', 'https://digest.test/days/2026-11-26/']);
  });

  it('parses every feed with Python’s feedparser with no warnings (bozo 0)', () => {
    const feeds = readdirSync(site.out, { recursive: true, encoding: 'utf8' }).filter((f) => /(?:rss|atom|daily)\.xml$|daily-atom\.xml$/.test(f));
    expect(feeds.length).toBeGreaterThan(20);
    const script = 'import sys, feedparser\nfor f in sys.argv[1:]:\n    d = feedparser.parse(f)\n    print(f, int(bool(d.bozo)), len(d.entries))';
    const run = spawnSync('/usr/bin/python3', ['-c', script, ...feeds.map((f) => join(site.out, f))], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const rows = run.stdout
      .trim()
      .split('\n')
      .map((line) => line.split(' '));
    expect(rows).toHaveLength(feeds.length);
    for (const [file, bozo, entries] of rows) {
      expect({ file, bozo }).toEqual({ file, bozo: '0' });
      expect(Number(entries)).toBeGreaterThan(0);
    }
  });

  it('keeps hostile titles and abstracts as text in RSS, Atom and JSON Feed', async () => {
    const rss = await parser.parseString(read(site.out, 'rss.xml'));
    expect(rss.items[0]!.title).toBe(HOSTILE_TITLE);
    expect(rss.items[0]!.content).toContain('&#x3C;img src=x onerror=alert(1)>');
    expect(rss.items[0]!.content).not.toContain('<img');
    const atom = await parser.parseString(read(site.out, 'atom.xml'));
    // Atom titles are type="text": the parser hands back the title, character for character, as text.
    expect(read(site.out, 'atom.xml')).toContain(
      '<title type="text"><![CDATA[<script>alert(1)</script> Evil & <b>Bold</b> Codec ]]]]><![CDATA[> Paper]]></title>',
    );
    expect(atom.items[0]!.title).toBe(HOSTILE_TITLE);
    const json = JsonFeedSchema.parse(JSON.parse(read(site.out, 'feed.json')));
    expect(json.items[0]!.title).toBe(HOSTILE_TITLE);
    expect(json.items[0]!.content_html).not.toContain('<img');
  });

  it('has a valid Atom feed and JSON Feed 1.1 with the same items as RSS', async () => {
    const rss = await parser.parseString(read(site.out, 'rss.xml'));
    const atom = await parser.parseString(read(site.out, 'atom.xml'));
    expect(atom.items.map((i) => i.link)).toEqual(rss.items.map((i) => i.link));
    expect(atom.items.map((i) => i.id as unknown)).toEqual(rss.items.map((i) => i.link));
    const json = JsonFeedSchema.parse(JSON.parse(read(site.out, 'feed.json')) as unknown);
    expect(json.items.map((i) => i.url)).toEqual(rss.items.map((i) => i.link));
    expect(json.items[1]!.date_published).toBe('2026-11-26T12:00:00.000Z');
    expect(json.items[2]!.date_published).toBe('2026-11-26T11:59:59.000Z');
  });

  it('has a feed per topic with every paper of the topic from the latest days (at least its latest 50)', async () => {
    const topics = readdirSync(join(site.out, 'topics'), { withFileTypes: true }).filter((d) => d.isDirectory());
    expect(topics.length).toBe(18);
    const papers = readExport<{ id: string; topics: { slug: string }[] }>(site.out);
    for (const topic of topics) {
      const feed = await parser.parseString(read(site.out, `topics/${topic.name}/rss.xml`));
      // The fixture's two days are both within the latest three, so a topic's feed carries all of its papers.
      const expected = papers.filter((p) => p.topics.some((t) => t.slug === topic.name)).map((p) => `https://digest.test/papers/${p.id}/`);
      expect(feed.items.map((i) => i.link).sort()).toEqual(expected.sort());
    }
    const codecs = await parser.parseString(read(site.out, 'topics/codecs/rss.xml'));
    for (const item of codecs.items)
      expect(item.categories!.map((c: string | { _: string }) => (typeof c === 'string' ? c : c._))).toContain('Neural codecs & compression');
  });

  it('advertises the feeds on every page, the daily digest on a day page and the topic feed on its page', () => {
    expect(read(site.out, 'index.html')).toContain(
      '<link rel="alternate" type="application/rss+xml" title="Papers Digest: every paper (RSS)" href="/rss.xml">',
    );
    expect(read(site.out, 'index.html')).toContain(
      '<link rel="alternate" type="application/rss+xml" title="Papers Digest: daily digest (RSS)" href="/daily.xml">',
    );
    expect(read(site.out, 'topics/codecs/index.html')).toMatch(
      /<link rel="alternate" type="application\/rss\+xml" title="[^"]+" href="\/topics\/codecs\/rss.xml">/,
    );
    expect(read(site.out, 'days/2026-11-26/index.html')).toContain(
      '<link rel="alternate" type="application/rss+xml" title="Papers Digest: daily digest (RSS)" href="/daily.xml">',
    );
    expect(read(site.out, 'about/index.html')).toContain('href="/feeds/"');
    // The other formats on the home and feeds pages only: not repeated in every paper's page.
    for (const page of ['index.html', 'feeds/index.html']) {
      expect(read(site.out, page)).toContain('<link rel="alternate" type="application/atom+xml" title="Papers Digest: every paper (Atom)" href="/atom.xml">');
      expect(read(site.out, page)).toContain(
        '<link rel="alternate" type="application/feed+json" title="Papers Digest: every paper (JSON Feed)" href="/feed.json">',
      );
    }
    const paperPage = read(site.out, 'papers/hnerv-a-hybrid-neural-representation-for-videos/index.html');
    expect(paperPage).toContain('<link rel="alternate" type="application/rss+xml" title="Papers Digest: every paper (RSS)" href="/rss.xml">');
    expect(paperPage).toContain('<link rel="alternate" type="application/rss+xml" title="Papers Digest: daily digest (RSS)" href="/daily.xml">');
    expect(paperPage).not.toContain('application/atom+xml');
    expect(paperPage).not.toContain('application/feed+json');
  });

  it('serves feeds as plain XML and lists them all, with their addresses, on the feeds page', () => {
    for (const f of ['rss.xml', 'atom.xml', 'daily.xml', 'topics/codecs/rss.xml']) expect(read(site.out, f)).not.toContain('xml-stylesheet');
    expect(existsSync(join(site.out, 'feed.xsl'))).toBe(false);
    const page = read(site.out, 'feeds/index.html');
    for (const url of [
      'https://digest.test/rss.xml',
      'https://digest.test/daily.xml',
      'https://digest.test/feeds.opml',
      'https://digest.test/topics/unlearning/rss.xml',
    ])
      expect(page).toContain(`<code class="feed-url">${url}</code>`);
    expect(read(site.out, 'index.html')).toContain('href="/feeds/"');
  });

  it('has an OPML list of the main feed, the daily feed and all 18 topic feeds, each of which exists', () => {
    const opml = parseOpml(read(site.out, 'feeds.opml'));
    const urls = opml.body!.outlines!.flatMap((group) => group.outlines!.map((o) => o.xmlUrl!));
    expect(urls.slice(0, 2)).toEqual(['https://digest.test/rss.xml', 'https://digest.test/daily.xml']);
    expect(urls.filter((u) => /\/topics\/[^/]+\/rss\.xml$/.test(u))).toHaveLength(18);
    expect(new Set(urls).size).toBe(urls.length);
    for (const url of urls) expect(existsSync(join(site.out, new URL(url).pathname))).toBe(true);
  });

  it('has a sitemap, robots.txt and an OpenSearch description', () => {
    expect(read(site.out, 'robots.txt')).toBe('User-agent: *\nAllow: /\n\nSitemap: https://digest.test/sitemap-index.xml\n');
    expect(read(site.out, 'sitemap-0.xml')).toContain('<loc>https://digest.test/papers/hnerv-a-hybrid-neural-representation-for-videos/</loc>');
    expect(read(site.out, 'sitemap-0.xml')).not.toContain('404');
    // Every page built is in the sitemap once, and every URL in it is a page built.
    const index = read(site.out, 'sitemap-index.xml');
    expect([...index.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1])).toEqual(['https://digest.test/sitemap-0.xml']);
    const listed = [...read(site.out, 'sitemap-0.xml').matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);
    const pages = readdirSync(site.out, { recursive: true, encoding: 'utf8' })
      .filter((f) => basename(f) === 'index.html' && !f.startsWith('404'))
      .map((f) => `/${dirname(f) === '.' ? '' : `${dirname(f)}/`}`);
    expect([...listed].sort()).toEqual(pages.sort());
    expect(read(site.out, 'opensearch.xml')).toContain('template="https://digest.test/search/?q={searchTerms}"');
  });
});

describe('stable feeds', () => {
  let again: BuiltSite;
  let oneDay: BuiltSite;
  beforeAll(() => {
    again = buildSite({ content: site.content });
    oneDay = buildSite({ dumps: [{ date: '2026-11-26', file: join(ROOT, 'content/dumps/2026-11-26.txt') }] });
  });
  afterAll(() => {
    for (const dir of [again.out, oneDay.out, oneDay.content]) rmSync(dir, { recursive: true, force: true });
  });

  it('rebuilds byte-identical: every file of the site', () => {
    const files = readdirSync(site.out, { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.\w+$/.test(f))
      .sort();
    expect(
      readdirSync(again.out, { recursive: true, encoding: 'utf8' })
        .filter((f) => /\.\w+$/.test(f))
        .sort(),
    ).toEqual(files);
    const differing = files.filter((f) => !readFileSync(join(site.out, f)).equals(readFileSync(join(again.out, f))));
    expect(differing).toEqual([]);
  });

  it('rebuilds over an earlier build: stale files and folders left aside are gone, nothing left beside the output', async () => {
    const list = (dir: string) =>
      readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .filter((f) => /\.\w+$/.test(f))
        .sort();
    writeFileSync(join(again.out, 'stale.html'), 'from an earlier build');
    mkdirSync(join(again.out, 'papers/removed-paper'), { recursive: true });
    writeFileSync(join(again.out, 'papers/removed-paper/index.html'), 'from an earlier build');
    // Folders a stopped build left beside the output and never deleted.
    mkdirSync(`${again.out}.old-1/papers`, { recursive: true });
    mkdirSync(`${again.out}.next-1/papers`, { recursive: true });
    buildSite({ content: site.content, out: again.out });
    expect(list(again.out)).toEqual(list(site.out));
    // The previous output and the leftovers are deleted by a second process, which the build does not wait for.
    const parent = dirname(again.out);
    const beside = () => readdirSync(parent).filter((f) => f.startsWith(`${basename(again.out)}.`));
    for (let i = 0; i < 100 && beside().length > 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(beside()).toEqual([]);
  });

  it('leaves the pages a new day does not change byte for byte as they were, so a host that uploads changed files takes a day, not the site', () => {
    const pages = (dir: string) => readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html'));
    const before = new Set(pages(oneDay.out));
    const changed = pages(site.out).filter((f) => before.has(f) && !readFileSync(join(oneDay.out, f)).equals(readFileSync(join(site.out, f))));
    const papersBefore = [...before].filter((f) => f.startsWith('papers/'));
    const changedPapers = changed.filter((f) => f.startsWith('papers/'));
    expect(papersBefore).toHaveLength(224);
    // A paper page changes when the new day lists the paper, or when the papers related to it change; nothing else
    // on it (no "last updated" line, no latest day) moves with the day.
    const newDay = new Set(
      readExport<{ id: string; seen: { date: string }[] }>(site.out)
        .filter((p) => p.seen.some((s) => s.date === '2026-11-27'))
        .map((p) => p.id),
    );
    const withoutRelated = (html: string) => html.replace(/<h2>Related papers<\/h2>.*?<\/ul>/s, '');
    for (const f of changedPapers) {
      const id = f.split('/')[1]!;
      if (!newDay.has(id)) expect(withoutRelated(read(site.out, f)), f).toBe(withoutRelated(read(oneDay.out, f)));
    }
    expect(changedPapers.length).toBeLessThan(10);
    // The day before's pages, read by rank and by topic, are as they were but for the link to the new day.
    expect(read(oneDay.out, 'days/2026-11-26/topics/index.html')).toBe(read(site.out, 'days/2026-11-26/topics/index.html'));
    expect(read(site.out, 'days/2026-11-26/index.html').replace('<a rel="next" href="/days/2026-11-27/">27 November 2026 →</a>', '<span></span>')).toBe(
      read(oneDay.out, 'days/2026-11-26/index.html'),
    );
  });

  it('adds the next day’s papers without changing the GUIDs or dates of items already published', async () => {
    const before = await parser.parseString(read(oneDay.out, 'rss.xml'));
    const after = await parser.parseString(read(site.out, 'rss.xml'));
    const afterByGuid = new Map(after.items.map((i) => [i.guid, i]));
    const carried = before.items.filter((i) => afterByGuid.has(i.guid));
    expect(carried.length).toBeGreaterThan(90);
    for (const item of carried) expect(afterByGuid.get(item.guid)!.pubDate).toBe(item.pubDate);
    const added = after.items.filter((i) => !before.items.some((b) => b.guid === i.guid));
    expect(added.map((i) => i.title)).toEqual([HOSTILE_TITLE]);
    expect(readFileSync(HOSTILE_DUMP, 'utf8')).toContain('One-Shot Face Video Re-enactment');
    const reseen = after.items.find((i) => i.title === 'One-Shot Face Video Re-enactment using Hybrid Latent Spaces of StyleGAN2')!;
    expect(new Date(reseen.pubDate!).toISOString()).toBe('2026-11-26T12:00:00.000Z');
  });
});

describe('a day and its feed', () => {
  it('points a day page to the daily digest, which carries every day, rather than a feed of one past day', async () => {
    expect(existsSync(join(site.out, 'days/2026-11-26/rss.xml'))).toBe(false);
    const page = read(site.out, 'days/2026-11-26/index.html');
    expect(page).toContain('<a href="/daily.xml">Every day by feed</a>');
    const daily = await parser.parseString(read(site.out, 'daily.xml'));
    const item = daily.items.find((i) => i.link === 'https://digest.test/days/2026-11-26/');
    expect(item?.title).toBe('26 November 2026: 224 papers');
  });
});
