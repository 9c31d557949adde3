import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Parser from 'rss-parser';
import { z } from 'astro/zod';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ROOT } from '../helpers';
import { HOSTILE_DUMP, buildSite, type BuiltSite } from './site-builder';

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
  it('has an RSS feed of the latest 100 papers, newest day first, in each day’s order', async () => {
    const feed = await parser.parseString(read(site.out, 'rss.xml'));
    expect(feed.title).toBe('Papers Digest');
    expect(feed.items).toHaveLength(100);
    const papers = JSON.parse(read(site.out, 'papers.json')) as { id: string; title: string; firstSeen: string; seen: { date: string; rank: number }[] }[];
    const expected = [...papers]
      .sort((a, b) => b.firstSeen.localeCompare(a.firstSeen) || a.seen[0]!.rank - b.seen[0]!.rank)
      .slice(0, 100)
      .map((p) => `https://digest.test/papers/${p.id}/`);
    expect(feed.items.map((i) => i.link)).toEqual(expected);
    const first = feed.items[0]!;
    expect(first.guid).toBe(first.link);
    expect(new Date(first.pubDate!).toISOString()).toBe('2026-11-27T00:00:00.000Z');
    expect(new Date(feed.items[1]!.pubDate!).toISOString()).toBe('2026-11-26T00:00:00.000Z');
    expect(first.categories).toContain('Neural codecs & compression');
  });

  it('keeps hostile titles and abstracts as text in RSS, Atom and JSON Feed', async () => {
    const rss = await parser.parseString(read(site.out, 'rss.xml'));
    expect(rss.items[0]!.title).toBe(HOSTILE_TITLE);
    expect(rss.items[0]!.content).toContain('&#x3C;img src=x onerror=alert(1)>');
    expect(rss.items[0]!.content).not.toContain('<img');
    const atom = await parser.parseString(read(site.out, 'atom.xml'));
    // Atom titles are type="html": the parser hands back that HTML, and its text is the title, character for character.
    const atomTitle = atom.items[0]!.title!;
    expect(atomTitle).not.toMatch(/<script|<b>/);
    expect(atomTitle.replace(/&#x3C;/g, '<').replace(/&#x26;/g, '&')).toBe(HOSTILE_TITLE);
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
    expect(json.items[1]!.date_published).toBe('2026-11-26T00:00:00.000Z');
  });

  it('has a feed per topic with that topic’s latest 50 papers', async () => {
    const topics = readdirSync(join(site.out, 'topics'), { withFileTypes: true }).filter((d) => d.isDirectory());
    expect(topics.length).toBe(18);
    for (const topic of topics) {
      const feed = await parser.parseString(read(site.out, `topics/${topic.name}/rss.xml`));
      expect(feed.items.length).toBeGreaterThan(0);
      expect(feed.items.length).toBeLessThanOrEqual(50);
    }
    const codecs = await parser.parseString(read(site.out, 'topics/codecs/rss.xml'));
    for (const item of codecs.items) expect(item.categories).toContain('Neural codecs & compression');
  });

  it('advertises the feeds on every page and the topic feed on its page', () => {
    expect(read(site.out, 'index.html')).toContain('<link rel="alternate" type="application/rss+xml" title="Papers Digest (RSS)" href="/rss.xml">');
    expect(read(site.out, 'topics/codecs/index.html')).toContain('href="/topics/codecs/rss.xml"');
    expect(read(site.out, 'about/index.html')).toContain('https://digest.test/topics/unlearning/rss.xml');
  });

  it('shows the feed as a readable page in a browser through an XSL stylesheet', () => {
    expect(read(site.out, 'rss.xml')).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><\?xml-stylesheet href="\/feed.xsl" type="text\/xsl"\?>/);
    expect(read(site.out, 'rss.xml')).toContain('<atom:link href="https://digest.test/rss.xml" rel="self" type="application/rss+xml"/>');
    expect(read(site.out, 'atom.xml')).toContain('<?xml-stylesheet href="/feed.xsl"');
    expect(read(site.out, 'feed.xsl')).toContain('copy this address into your feed reader');
  });

  it('has a sitemap, robots.txt and an OpenSearch description', () => {
    expect(read(site.out, 'robots.txt')).toBe('User-agent: *\nAllow: /\n\nSitemap: https://digest.test/sitemap-index.xml\n');
    expect(read(site.out, 'sitemap-0.xml')).toContain('<loc>https://digest.test/papers/hnerv-a-hybrid-neural-representation-for-videos/</loc>');
    expect(read(site.out, 'sitemap-0.xml')).not.toContain('404');
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

  it('rebuilds over an earlier build: stale files and folders left aside are gone, nothing left beside the output', () => {
    const list = (dir: string) =>
      readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .filter((f) => /\.\w+$/.test(f))
        .sort();
    writeFileSync(join(again.out, 'stale.html'), 'from an earlier build');
    mkdirSync(join(again.out, 'papers/removed-paper'), { recursive: true });
    writeFileSync(join(again.out, 'papers/removed-paper/index.html'), 'from an earlier build');
    // A folder a stopped build moved aside and never deleted.
    mkdirSync(`${again.out}.old-1/papers`, { recursive: true });
    buildSite({ content: site.content, out: again.out });
    expect(list(again.out)).toEqual(list(site.out));
    const parent = dirname(again.out);
    expect(readdirSync(parent).filter((f) => f.startsWith(`${basename(again.out)}.`))).toEqual([]);
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
    expect(new Date(reseen.pubDate!).toISOString()).toBe('2026-11-26T00:00:00.000Z');
  });
});

describe('day feeds', () => {
  it('has a feed for each day with that day’s papers in its order', async () => {
    const day = await parser.parseString(read(site.out, 'days/2026-11-26/rss.xml'));
    expect(day.items).toHaveLength(224);
    expect(day.items[0]!.title).toBe('One-Shot Face Video Re-enactment using Hybrid Latent Spaces of StyleGAN2');
    const next = await parser.parseString(read(site.out, 'days/2026-11-27/rss.xml'));
    expect(next.items.map((i) => i.title)).toEqual([HOSTILE_TITLE, 'One-Shot Face Video Re-enactment using Hybrid Latent Spaces of StyleGAN2']);
    expect(read(site.out, 'days/2026-11-26/index.html')).toContain('href="/days/2026-11-26/rss.xml"');
  });
});
