import Parser from 'rss-parser';
import { describe, expect, it } from 'vitest';
import { papersExport } from '../src/lib/export';
import { atomFeed, jsonFeed, latestPapers, rssItems, selfLink, type FeedContext, type FeedMeta } from '../src/lib/feeds';
import { openSearchDescription } from '../src/lib/opensearch';
import type { Paper } from '../src/lib/schema';

const paper = (id: string, title: string, firstSeen: string, rank: number): Paper => ({
  id,
  title,
  abstract: `An abstract of ${id} with a link https://example.org/${id}.`,
  firstSeen,
  seen: [{ date: firstSeen, rank }],
  links: [],
  topics: [{ slug: 'codecs', score: 12, evidence: ['codec'] }],
});

const papers = [
  paper('old', 'An Older Codec', '2026-11-25', 1),
  paper('second', 'The Second of the Day', '2026-11-26', 2),
  paper('hostile', 'A <b>bold</b> & “quoted” title ]]>', '2026-11-26', 1),
];
const ctx: FeedContext = { paperUrl: (id) => `https://digest.test/papers/${id}/`, topicName: () => 'Neural codecs & compression' };
const meta: FeedMeta = {
  title: 'Digest',
  description: 'Papers.',
  home: 'https://digest.test/',
  rss: 'https://digest.test/rss.xml',
  atom: 'https://digest.test/atom.xml',
  json: 'https://digest.test/feed.json',
  stylesheet: '/feed.xsl',
  language: 'en',
};

describe('feeds', () => {
  it('orders the latest papers newest day first, then by the day’s rank', () => {
    expect(latestPapers(papers, 2).map((p) => p.id)).toEqual(['hostile', 'second']);
  });

  it('gives RSS items the paper URL, the first-seen day and topic names', () => {
    const [item] = rssItems(latestPapers(papers, 1), ctx);
    expect(item).toMatchObject({ link: 'https://digest.test/papers/hostile/', categories: ['Neural codecs & compression'] });
    expect(item!.pubDate!.toISOString()).toBe('2026-11-26T00:00:00.000Z');
    expect(item!.description).toContain('<a href="https://example.org/hostile"');
  });

  it('keeps a hostile title as text in Atom, read back by a feed parser', async () => {
    const feed = await new Parser().parseString(atomFeed(latestPapers(papers, 3), meta, ctx));
    // Atom titles are type="html": the parser gives the HTML, which a reader shows as text after one more decoding.
    const shown = feed.items.map((i) => i.title!.replace(/&#x3C;/g, '<').replace(/&#x26;/g, '&'));
    expect(shown).toEqual(['A <b>bold</b> & “quoted” title ]]>', 'The Second of the Day', 'An Older Codec']);
    expect(feed.items[0]!.title).not.toContain('<b>');
    expect(feed.items[0]!.id).toBe('https://digest.test/papers/hostile/');
  });

  it('writes JSON Feed 1.1 with plain-text titles and stable dates', () => {
    const feed = JSON.parse(jsonFeed(latestPapers(papers, 3), meta, ctx)) as { version: string; items: { title: string; date_published: string }[] };
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.items[0]).toMatchObject({ title: 'A <b>bold</b> & “quoted” title ]]>', date_published: '2026-11-26T00:00:00.000Z' });
  });

  it('escapes the self link of an RSS channel', () => {
    expect(selfLink('https://digest.test/a?x=1&y=2')).toBe('<atom:link href="https://digest.test/a?x=1&amp;y=2" rel="self" type="application/rss+xml"/>');
  });
});

describe('papersExport', () => {
  it('writes every record with its keys in a fixed order', () => {
    const records = JSON.parse(papersExport(papers)) as Record<string, unknown>[];
    expect(records.map((r) => Object.keys(r))).toEqual(papers.map(() => ['id', 'title', 'abstract', 'firstSeen', 'seen', 'links', 'topics']));
    expect(records[2]!['title']).toBe(papers[2]!.title);
  });
});

describe('openSearchDescription', () => {
  it('escapes the name and puts the query in q', () => {
    const xml = openSearchDescription({
      shortName: 'R&D <Digest>',
      description: 'Papers.',
      searchUrl: 'https://digest.test/search/',
      selfUrl: 'https://digest.test/opensearch.xml',
      language: 'en',
    });
    expect(xml).toContain('<ShortName>R&amp;D &lt;Digest&gt;</ShortName>');
    expect(xml).toContain('template="https://digest.test/search/?q={searchTerms}"');
  });
});
