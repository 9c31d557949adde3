import { describe, expect, it } from 'vitest';
import { parsePaperFile, serializePaper } from '../src/lib/paper-file';
import type { DumpPaper } from '../src/lib/parse';
import { mergeDumps, type Tagger } from '../src/lib/records';
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

  it('keeps a paper file that no dump mentions, with a note', () => {
    const orphan = mergeDumps([{ date: '2026-11-26', file: 'a.txt', papers: [paper('Only Paper', 1)] }], new Map(), noTopics).papers[0]!;
    const result = mergeDumps([{ date: '2026-11-26', file: 'a.txt', papers: [paper('Other Paper', 1)] }], new Map([[orphan.id, orphan]]), noTopics);
    expect(result.papers.map((p) => p.id)).toEqual(['only-paper', 'other-paper']);
    expect(result.problems).toEqual([{ file: 'content/papers/only-paper.md', line: 0, severity: 'note', message: 'is in no dump; kept as it is' }]);
  });
});

describe('paper files', () => {
  const record = mergeDumps(
    [
      {
        date: '2026-11-26',
        file: 'a.txt',
        papers: [paper('Title: with “quotes” & <b>html</b>', 3, 'An abstract: 10\\% of data, see https://github.com/a/b.\nSecond line?')],
      },
    ],
    new Map(),
    noTopics,
  ).papers[0]!;

  it('round-trips a record through its Markdown file', () => {
    const text = serializePaper(record);
    expect(parsePaperFile(text)).toEqual({ ok: true, value: record });
  });

  it('writes dates as strings and keys in a fixed order', () => {
    const text = serializePaper(record);
    expect(text.split('\n').slice(0, 4)).toEqual([
      '---',
      'id: title-with-quotes-b-html-b',
      "title: 'Title: with “quotes” & <b>html</b>'",
      "firstSeen: '2026-11-26'",
    ]);
    expect(serializePaper(record)).toBe(text);
  });

  it('names the bad field of a hand-broken file', () => {
    const broken = serializePaper(record).replace("firstSeen: '2026-11-26'", "firstSeen: '2026-13-45'");
    expect(parsePaperFile(broken)).toEqual({ ok: false, message: 'firstSeen: is not a real calendar date' });
    const unclosed = parsePaperFile('---\nid: [unclosed\n---\nx');
    expect(unclosed.ok).toBe(false);
    if (!unclosed.ok) expect(unclosed.message).toMatch(/^front matter is not valid YAML/);
    expect(
      parsePaperFile(
        serializePaper(record)
          .replace(/^---[\s\S]*?---\n/, (m) => m)
          .replace(/\n---\n[\s\S]*$/, '\n---\n\n'),
      ),
    ).toEqual({ ok: false, message: 'abstract: must not be empty' });
  });
});
