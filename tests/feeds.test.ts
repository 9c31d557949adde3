import { parseAtomFeed, parseJsonFeed, parseOpml, parseRssFeed } from 'feedsmith';
import { describe, expect, it } from 'vitest';
import {
  assertWellFormed,
  atomFeed,
  dailyItems,
  feedText,
  itemDate,
  jsonFeed,
  opmlDocument,
  paperItems,
  recentPapers,
  rssFeed,
  type DailyContext,
  type FeedChannel,
} from '../src/lib/feeds/feeds';
import type { Paper } from '../src/lib/schema';

const paper = (id: string, title: string, firstSeen: string, rank: number, topics = ['codecs']): Paper => ({
  id,
  title,
  abstract: `An abstract of ${id} with a link https://example.org/${id}. We propose ${id}, which works.`,
  firstSeen,
  seen: [{ date: firstSeen, rank }],
  links: [],
  topics: topics.map((slug) => ({ slug, score: 12, evidence: ['codec'] })),
});

const HOSTILE = 'A <b>bold</b> & “quoted” title ]]> and ]]> again';
const papers = [
  paper('old', 'An Older Codec', '2026-11-25', 1),
  paper('second', 'The Second of the Day', '2026-11-26', 2, ['vision']),
  paper('hostile', HOSTILE, '2026-11-26', 1),
  paper('loose', 'A Paper About Weather', '2026-11-26', 3, []),
];
const ctx: DailyContext = {
  paperUrl: (id) => `https://digest.test/papers/${id}/`,
  dayUrl: (date) => `https://digest.test/days/${date}/`,
  topicName: (slug) => (slug === 'codecs' ? 'Neural codecs & compression' : 'Vision'),
  topicOrder: ['codecs', 'vision'],
  unsortedName: 'Unsorted',
};
const channel: FeedChannel = {
  title: 'Digest',
  description: 'Papers.',
  home: 'https://digest.test/',
  self: 'https://digest.test/rss.xml',
  language: 'en',
  author: 'Digest',
  categoryScheme: 'https://digest.test/topics/',
};

describe('itemDate', () => {
  it('gives each rank of a day its own time, the top of the list the latest, all on the same date', () => {
    const times = [1, 2, 3, 224].map((rank) => itemDate('2026-11-26', rank).toISOString());
    expect(times).toEqual(['2026-11-26T12:00:00.000Z', '2026-11-26T11:59:59.000Z', '2026-11-26T11:59:58.000Z', '2026-11-26T11:56:17.000Z']);
  });
});

describe('recentPapers', () => {
  it('carries every paper of the latest day, however many, newest day first in trending order', () => {
    const big = Array.from({ length: 300 }, (_, i) => paper(`p${i}`, `Paper ${i}`, '2026-11-27', i + 1));
    const recent = recentPapers([...papers, ...big], 1);
    expect(recent).toHaveLength(300);
    expect(recent.slice(0, 3).map((p) => p.id)).toEqual(['p0', 'p1', 'p2']);
    expect(
      recentPapers([...papers, ...big], 2)
        .map((p) => p.id)
        .slice(300),
    ).toEqual(['hostile', 'second', 'loose']);
  });

  it('counts a paper seen again on a recent day, though first seen earlier', () => {
    const again = { ...papers[0]!, seen: [...papers[0]!.seen, { date: '2026-11-26', rank: 9 }] };
    expect(recentPapers([again, papers[1]!], 1).map((p) => p.id)).toEqual(['second', 'old']);
  });
});

describe('paper feeds', () => {
  const items = paperItems(recentPapers(papers, 2), ctx);

  it('gives items distinct times that follow the trending order, and the paper page as link and GUID', () => {
    const feed = parseRssFeed(rssFeed(channel, items));
    expect(feed.items!.map((i) => i.link)).toEqual(['hostile', 'second', 'loose', 'old'].map((id) => `https://digest.test/papers/${id}/`));
    expect(feed.items!.map((i) => i.guid?.value)).toEqual(feed.items!.map((i) => i.link));
    const dates = feed.items!.map((i) => Date.parse(i.pubDate!));
    expect(new Set(dates).size).toBe(4);
    expect([...dates].sort((a, b) => b - a)).toEqual(dates);
    expect(feed.lastBuildDate).toBe('Thu, 26 Nov 2026 12:00:00 GMT');
  });

  it('keeps a hostile title as text in RSS, Atom and JSON Feed alike', () => {
    expect(parseRssFeed(rssFeed(channel, items)).items![0]!.title!.trim()).toBe(HOSTILE);
    expect(parseAtomFeed(atomFeed(channel, items)).entries![0]!.title!.value).toBe(HOSTILE);
    expect((JSON.parse(jsonFeed(channel, items)) as { items: { title: string }[] }).items[0]!.title).toBe(HOSTILE);
  });

  it('writes well-formed XML whatever the text: CDATA ends, control characters, lone surrogates, U+FFFE', () => {
    const nasty = paper('nasty', 'Bad \u0001 chars \ud800 here \uFFFE ]]> end', '2026-11-26', 1);
    nasty.abstract = 'Text ]]> with ]]> two CDATA ends, a bell \u0007 and a lone \udc00 surrogate.';
    const nastyItems = paperItems([nasty], ctx);
    for (const xml of [rssFeed(channel, nastyItems), atomFeed(channel, nastyItems)]) {
      expect(() => assertWellFormed(xml, 'feed')).not.toThrow();
      expect([...xml].filter((ch) => ['\u0001', '\u0007', '\uFFFE'].includes(ch))).toEqual([]);
    }
    expect(parseAtomFeed(atomFeed(channel, nastyItems)).entries![0]!.title!.value).toBe('Bad  chars  here  ]]> end');
  });

  it('fails with the name of the item that breaks a feed', () => {
    const render = (some: { title: string }[]) => `<rss>${some.map((i) => (i.title.includes('<') ? `<t>${i.title}</t>` : '<t>ok</t>')).join('')}</rss>`;
    expect(() => assertWellFormed(render(items), 'rss.xml', items, render)).toThrow(
      /rss\.xml is not well-formed XML .*: the item “A <b>bold.*” \(hostile\) breaks it/,
    );
  });

  it('leads from every item to the paper: searches for its title, or the paper itself once its arXiv id is known', () => {
    expect(items[0]!.contentHtml).toContain('<p>Find it: <a href="https://arxiv.org/search/?query=');
    expect(items[0]!.contentHtml).toContain('>Google Scholar</a></p>');
    const [known] = paperItems([{ ...papers[0]!, arxivId: '2401.01234', authors: ['Ada Lovelace'] }], ctx);
    expect(known!.contentHtml).toContain(
      '<p>Read it: <a href="https://arxiv.org/abs/2401.01234">arXiv:2401.01234</a> · <a href="https://arxiv.org/pdf/2401.01234">PDF</a> · <a href="https://huggingface.co/papers/2401.01234">Hugging Face</a></p>',
    );
    const rss = rssFeed(channel, [known!]);
    expect(rss).toContain('<dc:creator>Ada Lovelace</dc:creator>');
    expect(rss).toContain('<atom:link href="https://arxiv.org/abs/2401.01234" rel="related" type="text/html"/>');
  });

  it('names the same topic the same way in every format, and the feed’s author', () => {
    const rss = parseRssFeed(rssFeed(channel, items));
    const atom = parseAtomFeed(atomFeed(channel, items));
    const json = JSON.parse(jsonFeed(channel, items)) as { version: string; authors: { name: string }[]; items: { tags: string[] }[] };
    expect(rss.items![0]!.categories!.map((c) => c.name)).toEqual(['Neural codecs & compression']);
    expect(atom.entries![0]!.categories!.map((c) => c.term)).toEqual(['Neural codecs & compression']);
    expect(json.items[0]!.tags).toEqual(['Neural codecs & compression']);
    expect(atom.authors![0]!.name).toBe('Digest');
    expect(json.version).toBe('https://jsonfeed.org/version/1.1');
    expect(json.authors).toEqual([{ name: 'Digest', url: 'https://digest.test/' }]);
    expect(parseJsonFeed(jsonFeed(channel, items)).items).toHaveLength(4);
  });
});

describe('the daily digest', () => {
  const day = { date: '2026-11-26', papers: papers.slice(1) };

  it('is one item a day, titled with the date and count, linking every paper with its gist', () => {
    const [item] = dailyItems([day], ctx);
    expect(item!.title).toBe('26 November 2026: 3 papers');
    expect(item!.url).toBe('https://digest.test/days/2026-11-26/');
    for (const p of day.papers) expect(item!.contentHtml).toContain(`<a href="https://digest.test/papers/${p.id}/">`);
    expect(item!.contentHtml).toContain('We propose hostile, which works.');
    expect(item!.contentHtml).toContain('A &#x3C;b>bold&#x3C;/b> &#x26; “quoted”');
    expect(item!.contentHtml.indexOf('Unsorted (1)')).toBeGreaterThan(item!.contentHtml.indexOf('Vision (1)'));
    expect(parseRssFeed(rssFeed(channel, [item!])).items![0]!.title!.trim()).toBe('26 November 2026: 3 papers');
  });

  it('sums up a day by topic, says “1 paper” for one, and has no categories', () => {
    const [item] = dailyItems([day], ctx);
    expect(item!.summary).toBe('3 papers trending on 26 November 2026, by topic: Neural codecs & compression 1, Vision 1, Unsorted 1.');
    expect(item!.categories).toEqual([]);
    expect(item!.date.toISOString()).toBe('2026-11-26T12:00:00.000Z');
    const [single] = dailyItems([{ date: '2026-11-25', papers: papers.slice(0, 1) }], ctx);
    expect([single!.title, single!.summary]).toEqual([
      '25 November 2026: 1 paper',
      '1 paper trending on 25 November 2026, by topic: Neural codecs & compression 1.',
    ]);
    expect(single!.contentHtml).toBe(
      '<h2>Neural codecs &#x26; compression (1)</h2><ul><li><a href="https://digest.test/papers/old/">An Older Codec</a>: We propose old, which works.</li></ul>',
    );
  });

  it('dates a feed by its newest item, whatever their order', () => {
    const items = dailyItems(
      [
        { date: '2026-11-24', papers: papers.slice(0, 1) },
        { date: '2026-11-26', papers: papers.slice(1) },
        { date: '2026-11-25', papers: papers.slice(0, 1) },
      ],
      ctx,
    );
    expect(parseRssFeed(rssFeed(channel, items)).lastBuildDate).toBe('Thu, 26 Nov 2026 12:00:00 GMT');
  });
});

describe('recentPapers, at the edges', () => {
  it('has nothing for no papers, and dates a paper by its first sighting’s rank', () => {
    expect(recentPapers([], 3)).toEqual([]);
    const [item] = paperItems(
      [
        {
          ...papers[0]!,
          seen: [
            { date: '2026-11-24', rank: 9 },
            { date: '2026-11-25', rank: 4 },
          ],
          firstSeen: '2026-11-25',
        },
      ],
      ctx,
    );
    expect(item!.date.toISOString()).toBe('2026-11-25T11:59:57.000Z');
  });
});

describe('opmlDocument', () => {
  it('lists every feed in its group, readable by an OPML parser', () => {
    const xml = opmlDocument('All & every feed', [
      { title: 'Main', feeds: [{ title: 'Everything', xmlUrl: 'https://digest.test/rss.xml', htmlUrl: 'https://digest.test/', description: 'All.' }] },
      {
        title: 'Topics',
        feeds: [
          { title: 'Codecs & <co>', xmlUrl: 'https://digest.test/topics/codecs/rss.xml', htmlUrl: 'https://digest.test/topics/codecs/', description: 'C.' },
        ],
      },
    ]);
    const opml = parseOpml(xml);
    expect(opml.head!.title).toBe('All & every feed');
    expect(opml.body!.outlines!.map((o) => [o.text, o.outlines!.map((f) => [f.text, f.xmlUrl, f.type])])).toEqual([
      ['Main', [['Everything', 'https://digest.test/rss.xml', 'rss']]],
      ['Topics', [['Codecs & <co>', 'https://digest.test/topics/codecs/rss.xml', 'rss']]],
    ]);
  });
});

describe('feedText', () => {
  it('drops only what XML 1.0 cannot hold', () => {
    expect(feedText('tab\tnew\nline \u0000\u001F\uD800\uFFFF ok 😀 é')).toBe('tab\tnew\nline  ok 😀 é');
  });
});

describe('the three formats, byte for byte', () => {
  // One paper with an arXiv id and two authors; the whole of each feed, so that every element, attribute and type is stated.
  const known = paperItems(
    [
      {
        id: 'a',
        title: 'A Codec',
        abstract: 'An abstract.',
        firstSeen: '2026-11-26',
        seen: [{ date: '2026-11-26', rank: 2 }],
        links: [],
        topics: [{ slug: 'codecs', score: 1, evidence: [] }],
        arxivId: '2401.01234',
        authors: ['Ada Lovelace', 'Alan Turing'],
      },
    ],
    { ...ctx, topicName: () => 'Codecs' },
  );
  const one = { ...channel, self: 'https://digest.test/atom.xml' };

  it('writes RSS 2.0', () => {
    expect(rssFeed({ ...one, self: 'https://digest.test/rss.xml' }, known).trimEnd()).toBe(
      [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">',
        '  <channel>',
        '    <title>Digest</title>',
        '    <link>https://digest.test/</link>',
        '    <description>Papers.</description>',
        '    <language>en</language>',
        '    <lastBuildDate>Thu, 26 Nov 2026 11:59:59 GMT</lastBuildDate>',
        '    <generator>papers-digest</generator>',
        '    <atom:link href="https://digest.test/rss.xml" rel="self" type="application/rss+xml"/>',
        '    <item>',
        '      <title>A Codec</title>',
        '      <link>https://digest.test/papers/a/</link>',
        '      <description><![CDATA[<p>An abstract.</p><p>Read it: <a href="https://arxiv.org/abs/2401.01234">arXiv:2401.01234</a> · <a href="https://arxiv.org/pdf/2401.01234">PDF</a> · <a href="https://huggingface.co/papers/2401.01234">Hugging Face</a></p>]]></description>',
        '      <category domain="https://digest.test/topics/">Codecs</category>',
        '      <guid isPermaLink="true">https://digest.test/papers/a/</guid>',
        '      <pubDate>Thu, 26 Nov 2026 11:59:59 GMT</pubDate>',
        '      <atom:link href="https://arxiv.org/abs/2401.01234" rel="related" type="text/html"/>',
        '      <dc:creator>Ada Lovelace</dc:creator>',
        '      <dc:creator>Alan Turing</dc:creator>',
        '    </item>',
        '  </channel>',
        '</rss>',
      ].join('\n'),
    );
  });

  it('writes Atom', () => {
    expect(atomFeed(one, known).trimEnd()).toBe(
      [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        '  <author>',
        '    <name>Digest</name>',
        '    <uri>https://digest.test/</uri>',
        '  </author>',
        '  <generator>papers-digest</generator>',
        '  <id>https://digest.test/atom.xml</id>',
        '  <link href="https://digest.test/" rel="alternate" type="text/html"/>',
        '  <link href="https://digest.test/atom.xml" rel="self" type="application/atom+xml"/>',
        '  <subtitle type="text">Papers.</subtitle>',
        '  <title type="text">Digest</title>',
        '  <updated>2026-11-26T11:59:59.000Z</updated>',
        '  <entry>',
        '    <author>',
        '      <name>Ada Lovelace</name>',
        '    </author>',
        '    <author>',
        '      <name>Alan Turing</name>',
        '    </author>',
        '    <category term="Codecs" scheme="https://digest.test/topics/"/>',
        '    <content type="html"><![CDATA[<p>An abstract.</p><p>Read it: <a href="https://arxiv.org/abs/2401.01234">arXiv:2401.01234</a> · <a href="https://arxiv.org/pdf/2401.01234">PDF</a> · <a href="https://huggingface.co/papers/2401.01234">Hugging Face</a></p>]]></content>',
        '    <id>https://digest.test/papers/a/</id>',
        '    <link href="https://digest.test/papers/a/" rel="alternate" type="text/html"/>',
        '    <link href="https://arxiv.org/abs/2401.01234" rel="related" type="text/html"/>',
        '    <published>2026-11-26T11:59:59.000Z</published>',
        '    <summary type="text">An abstract.</summary>',
        '    <title type="text">A Codec</title>',
        '    <updated>2026-11-26T11:59:59.000Z</updated>',
        '  </entry>',
        '</feed>',
      ].join('\n'),
    );
  });

  it('writes JSON Feed 1.1', () => {
    expect(jsonFeed({ ...one, self: 'https://digest.test/feed.json' }, known).trimEnd()).toBe(
      [
        '{',
        '  "version": "https://jsonfeed.org/version/1.1",',
        '  "title": "Digest",',
        '  "home_page_url": "https://digest.test/",',
        '  "feed_url": "https://digest.test/feed.json",',
        '  "description": "Papers.",',
        '  "language": "en",',
        '  "authors": [',
        '    {',
        '      "name": "Digest",',
        '      "url": "https://digest.test/"',
        '    }',
        '  ],',
        '  "items": [',
        '    {',
        '      "id": "https://digest.test/papers/a/",',
        '      "url": "https://digest.test/papers/a/",',
        '      "title": "A Codec",',
        '      "summary": "An abstract.",',
        '      "content_html": "<p>An abstract.</p><p>Read it: <a href=\\"https://arxiv.org/abs/2401.01234\\">arXiv:2401.01234</a> · <a href=\\"https://arxiv.org/pdf/2401.01234\\">PDF</a> · <a href=\\"https://huggingface.co/papers/2401.01234\\">Hugging Face</a></p>",',
        '      "date_published": "2026-11-26T11:59:59.000Z",',
        '      "tags": [',
        '        "Codecs"',
        '      ],',
        '      "authors": [',
        '        {',
        '          "name": "Ada Lovelace"',
        '        },',
        '        {',
        '          "name": "Alan Turing"',
        '        }',
        '      ],',
        '      "external_url": "https://arxiv.org/abs/2401.01234"',
        '    }',
        '  ]',
        '}',
      ].join('\n'),
    );
  });
});
