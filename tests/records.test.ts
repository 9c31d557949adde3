import { describe, expect, it } from 'vitest';
import type { DumpPaper } from '../src/lib/ingest/parse';
import { mergeDumps, type Tagger } from '../src/lib/ingest/records';
import type { Paper } from '../src/lib/schema';

const noTopics: Tagger = () => [{ slug: 'vision', score: 5, evidence: ['image'] }];
const paper = (title: string, rank: number, abstract = `Abstract of ${title}. It is prose.`): DumpPaper => ({ title, abstract, rank, line: rank * 2 });

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
