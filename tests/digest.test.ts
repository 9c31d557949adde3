import { describe, expect, it } from 'vitest';
import { buildDigest, byBestRank, compareNewestFirst, dayNews, groupByPrimaryTopic, rankOn, runsByFirstSeen, topicSections } from '../src/lib/site/digest';
import { parseRelated, relatedOfPapers, stringifyRelated } from '../src/lib/site/related';
import type { Paper } from '../src/lib/schema';
import type { Taxonomy } from '../src/lib/topics/taxonomy';

const paper = (id: string, seen: [string, number][], topics: string[] = ['codecs']): Paper => ({
  id,
  title: `Paper ${id}`,
  abstract: `We propose ${id}, a codec for ${id} signals.`,
  firstSeen: seen[0]![0],
  seen: seen.map(([date, rank]) => ({ date, rank })),
  links: [],
  topics: topics.map((slug) => ({ slug, score: 10, evidence: [] })),
});

const taxonomy = {
  topics: ['codecs', 'vision'].map((slug) => ({ slug, name: slug, description: slug })),
  settings: {},
} as unknown as Taxonomy;

describe('buildDigest', () => {
  const papers = [
    paper('a', [['2026-11-20', 2]]),
    paper(
      'b',
      [
        ['2026-11-20', 1],
        ['2026-11-24', 1],
      ],
      ['vision'],
    ),
    // First seen on the 24th below b, which was trending again on the top of that day's list.
    paper('c', [['2026-11-24', 2]], []),
    paper('d', [['2026-11-24', 3]]),
    paper('e', [['2026-12-01', 1]], ['vision', 'codecs']),
  ];
  const digest = buildDigest(papers, taxonomy);

  it('lists each day newest first, its papers in the order they were trending', () => {
    expect(digest.days.map((d) => [d.date, d.papers.map((p) => p.id)])).toEqual([
      ['2026-12-01', ['e']],
      ['2026-11-24', ['b', 'c', 'd']],
      ['2026-11-20', ['b', 'a']],
    ]);
  });

  it('lists all papers newest first by first sighting, then by rank', () => {
    expect(digest.papers.map((p) => p.id)).toEqual(['e', 'c', 'd', 'b', 'a']);
  });

  it('groups papers by the ISO week and the month they were first seen in, each paper once, with the period’s days', () => {
    expect(digest.weeks.map((w) => [w.key, w.days, w.papers.map((p) => p.id)])).toEqual([
      ['2026-W49', ['2026-12-01'], ['e']],
      ['2026-W48', ['2026-11-24'], ['c', 'd']],
      ['2026-W47', ['2026-11-20'], ['b', 'a']],
    ]);
    expect(digest.weeks[1]!.week).toEqual({ key: '2026-W48', first: '2026-11-23', last: '2026-11-29' });
    expect(digest.months.map((m) => [m.key, m.days, m.papers.map((p) => p.id)])).toEqual([
      ['2026-12', ['2026-12-01'], ['e']],
      ['2026-11', ['2026-11-24', '2026-11-20'], ['c', 'd', 'b', 'a']],
    ]);
  });

  it('groups papers under their primary topic in the taxonomy’s order, papers with no topic last', () => {
    expect(groupByPrimaryTopic(digest.days[1]!.papers, ['codecs', 'vision']).map((g) => [g.slug, g.papers.map((p) => p.id)])).toEqual([
      ['codecs', ['d']],
      ['vision', ['b']],
      [undefined, ['c']],
    ]);
    // A topic with no paper that day has no group.
    expect(groupByPrimaryTopic([digest.byId.get('c')!], ['codecs', 'vision']).map((g) => g.slug)).toEqual([undefined]);
  });

  it('lists each topic’s papers, newest first, a paper under every topic it has; finds papers and topics by id', () => {
    expect(digest.topics.map((g) => [g.topic.slug, g.papers.map((p) => p.id)])).toEqual([
      ['codecs', ['e', 'd', 'a']],
      ['vision', ['e', 'b']],
    ]);
    expect(digest.byId.get('d')!.id).toBe('d');
    expect(digest.byId.size).toBe(5);
    expect(digest.topicBySlug.get('vision')!.papers.map((p) => p.id)).toEqual(['e', 'b']);
  });

  it('finds related papers among those sharing a topic, at most as many as asked', () => {
    const on = (id: string, abstract: string, topics = ['codecs']) => ({ ...paper(id, [['2026-11-20', 1]], topics), abstract });
    const papers = [on('x', 'Zorblat quintaxe mirvelo.'), on('y', 'Zorblat.'), on('w', 'Quintaxe.'), on('z', 'Mirvelo.', ['vision'])];
    const { papers: ordered } = buildDigest(papers, taxonomy);
    expect(
      relatedOfPapers(ordered)
        .get('x')!
        .map((r) => r.id),
    ).toEqual(['w', 'y']);
    expect(
      relatedOfPapers(ordered, 1)
        .get('x')!
        .map((r) => r.id),
    ).toEqual(['w']);
    // Handed from the search worker to the pages as text, and read back the same.
    const related = relatedOfPapers(ordered);
    expect(parseRelated(stringifyRelated(related))).toEqual(related);
  });

  it('tells a day’s new papers from those trending again', () => {
    expect(dayNews(digest.days[1]!)).toEqual({ fresh: [digest.byId.get('c'), digest.byId.get('d')], returning: [digest.byId.get('b')] });
    expect(dayNews(digest.days[0]!)).toEqual({ fresh: [digest.byId.get('e')], returning: [] });
  });
});

describe('compareNewestFirst', () => {
  it('orders by first sighting, newest first, then rank that day, then id', () => {
    const order = (...ps: Paper[]) => [...ps].sort(compareNewestFirst).map((p) => p.id);
    expect(order(paper('old', [['2026-11-01', 1]]), paper('new', [['2026-11-02', 9]]))).toEqual(['new', 'old']);
    expect(order(paper('second', [['2026-11-02', 2]]), paper('first', [['2026-11-02', 1]]))).toEqual(['first', 'second']);
    expect(order(paper('b', [['2026-11-02', 1]]), paper('a', [['2026-11-02', 1]]))).toEqual(['a', 'b']);
    expect(compareNewestFirst(paper('a', [['2026-11-02', 1]]), paper('a', [['2026-11-02', 1]]))).toBe(0);
    // Either way round, whatever order the sort asks in.
    expect(order(paper('new', [['2026-11-02', 9]]), paper('old', [['2026-11-01', 1]]))).toEqual(['new', 'old']);
    expect(compareNewestFirst(paper('old', [['2026-11-01', 1]]), paper('new', [['2026-11-02', 9]]))).toBeGreaterThan(0);
    expect(compareNewestFirst(paper('new', [['2026-11-02', 9]]), paper('old', [['2026-11-01', 1]]))).toBeLessThan(0);
    expect(compareNewestFirst(paper('b', [['2026-11-02', 1]]), paper('a', [['2026-11-02', 1]]))).toBeGreaterThan(0);
    expect(compareNewestFirst(paper('a', [['2026-11-02', 1]]), paper('b', [['2026-11-02', 1]]))).toBeLessThan(0);
  });

  it('ranks a paper last on a day it was not on', () => {
    expect(rankOn(paper('a', [['2026-11-02', 3]]), '2026-11-02')).toBe(3);
    expect(rankOn(paper('a', [['2026-11-02', 3]]), '2026-11-03')).toBe(Number.MAX_SAFE_INTEGER);
  });
});

describe('runsByFirstSeen', () => {
  it('cuts a newest-first list where the first-seen day changes, numbering each run counting down from the newest', () => {
    const list = [paper('a', [['2026-11-27', 1]]), paper('b', [['2026-11-27', 2]]), paper('c', [['2026-11-25', 1]]), paper('d', [['2026-11-24', 4]])];
    expect(runsByFirstSeen(list, 54).map((r) => [r.date, r.start, r.papers.map((p) => p.id)])).toEqual([
      ['2026-11-27', 54, ['a', 'b']],
      ['2026-11-25', 52, ['c']],
      ['2026-11-24', 51, ['d']],
    ]);
    expect(runsByFirstSeen([], 1)).toEqual([]);
  });
});

describe('byBestRank', () => {
  it('puts the most trending paper first, whatever the day, then the newest', () => {
    const papers = [
      paper('x', [['2026-11-20', 5]]),
      paper('y', [
        ['2026-11-21', 9],
        ['2026-11-22', 1],
      ]),
      paper('z', [['2026-11-23', 5]]),
    ];
    expect(byBestRank(papers).map((p) => p.id)).toEqual(['y', 'z', 'x']);
  });
});

describe('topicSections', () => {
  it('names each primary-topic group and gives it the anchor its section has on a page, unsorted last', () => {
    const papers = [paper('a', [['2026-11-20', 1]], ['vision']), paper('b', [['2026-11-20', 2]], []), paper('c', [['2026-11-20', 3]])];
    const topics = [
      { slug: 'codecs', name: 'Neural codecs' },
      { slug: 'vision', name: 'Computer vision' },
    ] as unknown as Taxonomy['topics'];
    expect(topicSections(papers, topics, 'Unsorted').map((s) => [s.name, s.anchor, s.papers.map((p) => p.id)])).toEqual([
      ['Neural codecs', 'topic-codecs', ['c']],
      ['Computer vision', 'topic-vision', ['a']],
      ['Unsorted', 'topic-unsorted', ['b']],
    ]);
  });
});
