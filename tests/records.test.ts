import { describe, expect, it } from 'vitest';
import type { DumpPaper } from '../src/lib/ingest/parse';
import { mergeDumps, type Tagger } from '../src/lib/ingest/records';
import type { Paper } from '../src/lib/schema';

const noTopics: Tagger = () => [{ slug: 'vision', score: 5, evidence: ['image'] }];
const paper = (title: string, rank: number, abstract = `Abstract of ${title}. It is prose.`): DumpPaper => ({ title, abstract, rank, line: rank * 2 });

describe('mergeDumps, at the edges', () => {
  const day = (date: string, titles: string[], seq?: number, file = `${date}.txt`) => ({
    date,
    file,
    ...(seq === undefined ? {} : { seq }),
    papers: titles.map((t, i) => paper(t, i + 1)),
  });

  it('reads a day’s dumps in their order (no number counts as the first), whatever order they are given in', () => {
    const { papers } = mergeDumps(
      [day('2026-11-26', ['Second Dump Paper'], 3), day('2026-11-26', ['First Dump Paper']), day('2026-11-26', ['Middle Paper'], 2)],
      new Map(),
      noTopics,
    );
    expect(papers.map((p) => [p.title, p.seen])).toEqual([
      ['First Dump Paper', [{ date: '2026-11-26', rank: 1 }]],
      ['Middle Paper', [{ date: '2026-11-26', rank: 2 }]],
      ['Second Dump Paper', [{ date: '2026-11-26', rank: 3 }]],
    ]);
  });

  it('lists records by id, and takes a third slug when the first two are taken', () => {
    const { papers, problems } = mergeDumps([day('2026-11-26', ['Zeta Paper', 'Alpha Paper', 'Codec!', 'Codec?', 'Codec.'])], new Map(), noTopics);
    expect(papers.map((p) => p.id)).toEqual(['alpha-paper', 'codec', 'codec-2', 'codec-3', 'zeta-paper']);
    expect(problems.map((p) => p.message)).toEqual([
      '“Codec?” gets the id “codec-2”: “codec” is already “Codec!”, a different paper',
      '“Codec.” gets the id “codec-3”: “codec” is already “Codec!”, a different paper',
    ]);
  });

  it('quotes a long title in a note cut at 57 characters', () => {
    const long = `${'L'.repeat(61)}!`;
    const { problems } = mergeDumps([day('2026-11-26', [`${'L'.repeat(61)}?`, long])], new Map(), noTopics);
    expect(problems[0]!.message).toBe(
      `“${'L'.repeat(57)}…” gets the id “${'l'.repeat(61)}-2”: “${'l'.repeat(61)}” is already “${'L'.repeat(57)}…”, a different paper`,
    );
  });

  it('tags by the title and abstract, and takes an arXiv id written in a new paper’s abstract', () => {
    const byTitle: Tagger = ({ title }) => [{ slug: title.includes('Codec') ? 'codecs' : 'vision', score: 5, evidence: [title] }];
    const { papers } = mergeDumps(
      [{ date: '2026-11-26', file: 'a.txt', papers: [paper('A Codec', 1, 'Code at arXiv:2401.01234. It is prose.'), paper('A View', 2)] }],
      new Map(),
      byTitle,
    );
    expect(papers.map((p) => [p.id, p.topics[0]!.slug, p.arxivId])).toEqual([
      ['a-codec', 'codecs', '2401.01234'],
      ['a-view', 'vision', undefined],
    ]);
  });

  it('refuses a record the schema does not take, naming the paper, and keeps the others', () => {
    const bad: Tagger = ({ title }) => [{ slug: title === 'Bad Paper' ? 'Not A Slug' : 'vision', score: 5, evidence: ['x'] }];
    const { papers, problems } = mergeDumps([day('2026-11-26', ['Good Paper', 'Bad Paper'])], new Map(), bad);
    expect(papers.map((p) => p.id)).toEqual(['good-paper']);
    expect(problems).toEqual([
      {
        file: '2026-11-26.txt',
        line: 4,
        severity: 'error',
        message: expect.stringMatching(/^paper “Bad Paper” is not a valid record: topics\.0\.slug: /) as unknown,
      },
    ]);
  });

  it('lets one record claim a paper when two have its title, keeping the other as it is', () => {
    const dumps = [day('2026-11-26', ['Twin Paper'])];
    const made = mergeDumps(dumps, new Map(), noTopics).papers[0]!;
    const copy: Paper = { ...made, id: 'twin-paper-copy' };
    const { papers, problems } = mergeDumps(
      dumps,
      new Map([
        [made.id, made],
        [copy.id, copy],
      ]),
      noTopics,
    );
    expect(papers.map((p) => p.id)).toEqual(['twin-paper', 'twin-paper-copy']);
    expect(problems.map((p) => `${p.file}: ${p.message}`)).toEqual(['content/papers/twin-paper-copy.md: is in no dump; kept as it is']);
  });

  it('matches a record whose title was edited by hand through its first sighting, when one reading’s abstract is its own', () => {
    const day1 = day('2026-11-26', ['Orignal Title']);
    const record = mergeDumps([day1], new Map(), noTopics).papers[0]!;
    const edited: Paper = { ...record, id: 'a-hand-made-id', title: 'Original Title, Fixed' };
    const revised = { date: '2026-11-27', file: 'b.txt', papers: [paper('Orignal Title', 1, 'A revised abstract. It is prose.')] };
    const { papers } = mergeDumps([day1, revised], new Map([[edited.id, edited]]), noTopics);
    expect(papers.map((p) => [p.id, p.title, p.abstract])).toEqual([['a-hand-made-id', 'Original Title, Fixed', 'A revised abstract. It is prose.']]);
  });

  it('does not match a record through its first sighting when another paper now stands there', () => {
    const record = mergeDumps([day('2026-11-26', ['Old Title'])], new Map(), noTopics).papers[0]!;
    const edited: Paper = { ...record, id: 'hand-id', title: 'Retitled' };
    const { papers } = mergeDumps([day('2026-11-26', ['Another Paper'])], new Map([[edited.id, edited]]), noTopics);
    expect(papers.map((p) => [p.id, p.title])).toEqual([
      ['another-paper', 'Another Paper'],
      ['hand-id', 'Retitled'],
    ]);
  });
});

describe('mergeDumps', () => {
  it('gives a paper seen again its first id and firstSeen, and adds the new date', () => {
    const { papers, problems } = mergeDumps(
      [
        { date: '2026-11-27', file: 'b.txt', papers: [paper('New Paper', 1), paper('old paper', 2)] },
        { date: '2026-11-26', file: 'a.txt', papers: [paper('Old Paper', 1)] },
      ],
      new Map(),
      noTopics,
    );
    expect(problems).toEqual([]);
    const old = papers.find((p) => p.id === 'old-paper')!;
    expect(old.title).toBe('Old Paper');
    expect(old.firstSeen).toBe('2026-11-26');
    expect(old.seen).toEqual([
      { date: '2026-11-26', rank: 1 },
      { date: '2026-11-27', rank: 2 },
    ]);
    expect(papers.find((p) => p.id === 'new-paper')!.firstSeen).toBe('2026-11-27');
  });

  it('keeps ids of earlier papers when a later dump brings a colliding title', () => {
    const day1 = { date: '2026-11-26', file: 'a.txt', papers: [paper('Deep Learning!', 1)] };
    const day2 = { date: '2026-11-27', file: 'b.txt', papers: [paper('Deep Learning?', 1)] };
    const once = mergeDumps([day1], new Map(), noTopics).papers.map((p) => p.id);
    const twice = mergeDumps([day2, day1], new Map(), noTopics).papers;
    expect(once).toEqual(['deep-learning']);
    expect(twice.find((p) => p.title === 'Deep Learning!')!.id).toBe('deep-learning');
    expect(twice.find((p) => p.title === 'Deep Learning?')!.id).toBe('deep-learning-2');
  });

  it('keeps a hand-edited title, abstract and pinned topics', () => {
    const dumps = [{ date: '2026-11-26', file: 'a.txt', papers: [paper('Typo Papr', 1)] }];
    const generated = mergeDumps(dumps, new Map(), noTopics).papers[0]!;
    const edited: Paper = { ...generated, title: 'Typo Paper', abstract: 'Fixed abstract at https://github.com/a/b.', pinnedTopics: ['codecs'] };
    const again = mergeDumps(dumps, new Map([[edited.id, edited]]), noTopics).papers[0]!;
    expect(again.title).toBe('Typo Paper');
    expect(again.abstract).toBe('Fixed abstract at https://github.com/a/b.');
    expect(again.links.map((l) => l.url)).toEqual(['https://github.com/a/b']);
    expect(again.topics).toEqual([{ slug: 'codecs', score: 0, evidence: ['set by hand'] }]);
  });

  it('never moves a published id: a backfilled older dump’s paper with a colliding slug gets the suffix, with a note naming both', () => {
    const later = { date: '2026-12-10', file: 'later.txt', papers: [paper('Foo: Bar Baz Codec', 1)] };
    const older = { date: '2026-12-05', file: 'older.txt', papers: [paper('Foo Bar Baz Codec!', 1)] };
    const published = mergeDumps([later], new Map(), noTopics).papers;
    const existing = new Map(published.map((p) => [p.id, p]));
    const { papers, problems } = mergeDumps([later, older], existing, noTopics);
    expect(papers.map((p) => [p.id, p.title, p.firstSeen])).toEqual([
      ['foo-bar-baz-codec', 'Foo: Bar Baz Codec', '2026-12-10'],
      ['foo-bar-baz-codec-2', 'Foo Bar Baz Codec!', '2026-12-05'],
    ]);
    expect(problems).toEqual([
      {
        file: 'older.txt',
        line: 2,
        severity: 'note',
        message: '“Foo Bar Baz Codec!” gets the id “foo-bar-baz-codec-2”: “foo-bar-baz-codec” is already “Foo: Bar Baz Codec”, a different paper',
      },
    ]);
  });

  it('counts a day’s second dump as the same day: the first dump’s ranks stay, new papers come after', () => {
    const { papers } = mergeDumps(
      [
        { date: '2026-12-01', seq: 2, file: 'b.txt', papers: [paper('Evening', 1), paper('Morning', 2)] },
        { date: '2026-12-01', seq: 1, file: 'a.txt', papers: [paper('Morning', 1), paper('Noon', 2)] },
      ],
      new Map(),
      noTopics,
    );
    expect(papers.map((p) => [p.id, p.seen])).toEqual([
      ['evening', [{ date: '2026-12-01', rank: 3 }]],
      ['morning', [{ date: '2026-12-01', rank: 1 }]],
      ['noon', [{ date: '2026-12-01', rank: 2 }]],
    ]);
  });

  it('takes the newest abstract of a revised paper with a note, but keeps one edited by hand', () => {
    const day1 = {
      date: '2026-11-26',
      file: 'a.txt',
      papers: [paper('Revised', 1, 'First version. It is prose.'), paper('Edited', 2, 'First version. It is prose.')],
    };
    const day2 = {
      date: '2026-11-27',
      file: 'b.txt',
      papers: [paper('Revised', 1, 'Second version. It is prose.'), paper('Edited', 2, 'Second version. It is prose.')],
    };
    const first = mergeDumps([day1], new Map(), noTopics).papers;
    const existing = new Map(first.map((p) => [p.id, p.id === 'edited' ? { ...p, abstract: 'Fixed by hand.' } : p]));
    const { papers, problems } = mergeDumps([day2, day1], existing, noTopics);
    expect(papers.map((p) => [p.id, p.abstract])).toEqual([
      ['edited', 'Fixed by hand.'],
      ['revised', 'Second version. It is prose.'],
    ]);
    expect(problems).toEqual([
      { file: 'b.txt', line: 2, severity: 'note', message: 'the abstract of “Revised” changed (a revised version?); the record now has this one' },
    ]);
  });

  it('never gives two different papers one record, though one record’s first sighting now holds another paper', () => {
    const old = mergeDumps([{ date: '2026-11-26', file: 'a.txt', papers: [paper('Old Title', 1)] }], new Map(), noTopics).papers[0]!;
    const { papers } = mergeDumps([{ date: '2026-11-26', file: 'a.txt', papers: [paper('Other Paper', 1)] }], new Map([[old.id, old]]), noTopics);
    expect(papers.map((p) => p.id)).toEqual(['old-title', 'other-paper']);
  });

  it('keeps a paper file that no dump mentions, with a note', () => {
    const orphan = mergeDumps([{ date: '2026-11-26', file: 'a.txt', papers: [paper('Only Paper', 1)] }], new Map(), noTopics).papers[0]!;
    const result = mergeDumps([{ date: '2026-11-26', file: 'a.txt', papers: [paper('Other Paper', 1)] }], new Map([[orphan.id, orphan]]), noTopics);
    expect(result.papers.map((p) => p.id)).toEqual(['only-paper', 'other-paper']);
    expect(result.problems).toEqual([{ file: 'content/papers/only-paper.md', line: 0, severity: 'note', message: 'is in no dump; kept as it is' }]);
  });
});
