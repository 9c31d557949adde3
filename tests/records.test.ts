import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { titleKey } from '../src/lib/ingest/normalise';
import { baseSlug } from '../src/lib/ingest/slug';
import { parsePaperFile, serializePaper } from '../src/lib/ingest/paper-file';
import type { DumpPaper } from '../src/lib/ingest/parse';
import type { Problem } from '../src/lib/ingest/problems';
import { mergeDumps, mergeNewDumps, type DatedDump, type Tagger } from '../src/lib/ingest/records';
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
    // Sixty characters are quoted whole.
    const sixty = mergeDumps([day('2026-11-26', [`${'S'.repeat(59)}?`, `${'S'.repeat(59)}!`])], new Map(), noTopics);
    expect(sixty.problems[0]!.message).toContain(`“${'S'.repeat(59)}!” gets the id`);
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

describe('mergeNewDumps: a new day merged from the index, reading only the records it names', () => {
  // Titles that are one paper in different case, titles that make the same slug but are different papers, plain ones.
  const TITLES = ['Codec!', 'Codec?', 'CODEC!', 'Sparse Codes', 'sparse  codes', 'Dense Retrieval', 'Token Pruning', 'Token-Pruning', 'Image Models', 'Speech'];
  const ABSTRACTS = ['First version. It is prose.', 'Second version, see https://github.com/a/b. It is prose.', 'Third version. It is prose.'];
  // A tagger that reads the text, so a changed abstract changes the topics.
  const tagger: Tagger = ({ abstract }) => [
    { slug: abstract.startsWith('Second') ? 'code' : 'vision', score: abstract.length, evidence: [abstract.slice(0, 5)] },
  ];
  const date = (n: number) => `2026-11-${String(10 + n).padStart(2, '0')}`;

  type Edit =
    | { kind: 'abstract' | 'pin' | 'enrich' | 'title'; at: number; title: number }
    | { kind: 'orphan'; at: number; title: number; day: number; rank: number; abstract: number; slugId: boolean; ownTitle: boolean };
  const edit: fc.Arbitrary<Edit> = fc.oneof(
    fc.record({
      kind: fc.constantFrom('abstract' as const, 'pin' as const, 'enrich' as const, 'title' as const),
      at: fc.nat(),
      title: fc.nat(TITLES.length - 1),
    }),
    fc.record({
      kind: fc.constant('orphan' as const),
      at: fc.nat(),
      title: fc.nat(TITLES.length - 1),
      day: fc.nat(8),
      rank: fc.integer({ min: 1, max: 3 }),
      abstract: fc.nat(ABSTRACTS.length),
      slugId: fc.boolean(),
      ownTitle: fc.boolean(),
    }),
  );
  const dump = fc.array(fc.record({ title: fc.nat(TITLES.length - 1), abstract: fc.nat(ABSTRACTS.length - 1) }), { minLength: 1, maxLength: 7 });
  // Each day: one or two dumps, and hand edits made before it is ingested.
  const days = fc.array(fc.record({ dumps: fc.array(dump, { minLength: 1, maxLength: 2 }), edits: fc.array(edit, { maxLength: 2 }) }), {
    minLength: 2,
    maxLength: 6,
  });

  /** A record as the disk gives it back. */
  const reread = (p: Paper) => {
    const parsed = parsePaperFile(serializePaper(p));
    if (!parsed.ok) throw new Error(parsed.message);
    return parsed.value;
  };

  function applyEdit(records: Map<string, Paper>, e: Edit): void {
    const ids = [...records.keys()].sort();
    if (e.kind === 'orphan') {
      // A record added by hand, or one whose dump was taken away: it may say it was seen on a day yet to come, at a
      // rank a paper of that day will have, with that paper's abstract or an id made from its title.
      const id = e.slugId ? `${baseSlug(TITLES[e.title]!)}-9` : `hand-made-${records.size}`;
      if (records.has(id)) return;
      const title = e.ownTitle ? `Hand Title ${records.size}` : TITLES[e.title]!;
      const abstract = ABSTRACTS[e.abstract] ?? 'Added by hand.';
      records.set(id, { id, title, abstract, firstSeen: date(e.day), seen: [{ date: date(e.day), rank: e.rank }], links: [], topics: [] });
      return;
    }
    if (ids.length === 0) return;
    const record = records.get(ids[e.at % ids.length]!)!;
    const changed: Paper =
      e.kind === 'abstract'
        ? { ...record, abstract: 'Fixed by hand.' }
        : e.kind === 'pin'
          ? { ...record, pinnedTopics: ['codecs'] }
          : e.kind === 'enrich'
            ? { ...record, authors: ['A. Author'] }
            : { ...record, title: TITLES[e.title]! };
    records.set(record.id, reread(changed));
  }

  const dayDump = (n: number, titles: string[]) => ({ date: date(n), file: `${date(n)}.txt`, papers: titles.map((t, i) => paper(t, i + 1)) });
  const byHand = (seenOn: number): Paper => ({
    id: 'made-by-hand',
    title: 'Made By Hand',
    abstract: 'Added by hand.',
    firstSeen: date(seenOn),
    seen: [{ date: date(seenOn), rank: 1 }],
    links: [],
    topics: [],
  });

  it('indexes every record: the paper of the dumps it is, its own title key where that differs, a hand-kept abstract', () => {
    const first = mergeDumps([dayDump(0, ['Sparse Codes', 'Speech'])], new Map(), tagger).papers;
    const edited = new Map(first.map((p) => [p.id, p.id === 'speech' ? { ...p, title: 'Speech, Retitled', abstract: 'Fixed by hand.' } : p]));
    edited.set('made-by-hand', byHand(0));
    expect(mergeDumps([dayDump(0, ['Sparse Codes', 'Speech'])], edited, tagger).index).toEqual({
      records: [
        { id: 'made-by-hand', claim: null, titleKey: 'madebyhand', firstSeen: date(0) },
        { id: 'sparse-codes', claim: 'sparsecodes' },
        { id: 'speech', claim: 'speech', titleKey: 'speech,retitled', hand: true },
      ],
    });
  });

  it('goes on past a record no dump mentions, unless it says it was first seen on the new day', () => {
    const first = mergeDumps([dayDump(0, ['Sparse Codes'])], new Map([['made-by-hand', byHand(0)]]), tagger);
    const read = (id: string) => (id === 'made-by-hand' ? byHand(0) : first.papers.find((p) => p.id === id)!);
    expect(mergeNewDumps(first.index, [dayDump(1, ['Sparse Codes', 'Speech'])], read, tagger).ok).toBe(true);
    const later = mergeDumps([dayDump(0, ['Sparse Codes'])], new Map([['made-by-hand', byHand(1)]]), tagger);
    expect(mergeNewDumps(later.index, [dayDump(1, ['Speech'])], read, tagger)).toEqual({
      ok: false,
      reason: `made-by-hand is in no dump but was first seen on ${date(1)}, a new day`,
    });
  });

  it('declines a paper that would not be a valid record, so the full merge reports it with its line', () => {
    const first = mergeDumps([dayDump(0, ['Sparse Codes'])], new Map(), tagger);
    const fiveTopics: Tagger = () => ['a', 'b', 'c', 'd', 'e'].map((slug) => ({ slug, score: 5, evidence: [] }));
    expect(mergeNewDumps(first.index, [dayDump(1, ['Speech'])], (id) => first.papers.find((p) => p.id === id)!, fiveTopics)).toEqual({
      ok: false,
      reason: '“Speech” would not be a valid record',
    });
    expect(
      mergeDumps([dayDump(0, ['Sparse Codes']), dayDump(1, ['Speech'])], new Map(), fiveTopics).problems.find((p) => p.message.startsWith('paper “Speech”')),
    ).toMatchObject({
      file: `${date(1)}.txt`,
      line: 2,
      severity: 'error',
    });
  });

  it('gives exactly the records, the index and the notes of a full merge, or declines', () => {
    let fast = 0;
    fc.assert(
      fc.property(days, (plan) => {
        const dumps: DatedDump[] = [];
        let records = new Map<string, Paper>();
        plan.forEach((day, n) => {
          day.edits.forEach((e) => applyEdit(records, e));
          // A hand edit changes the files, so the ingest after it is a full one: its index is what the new day starts
          // from. Records come in file-name order, as they are read from the disk.
          const onDisk = new Map([...records].sort(([a], [b]) => (a < b ? -1 : 1)));
          const before = mergeDumps(dumps, onDisk, tagger);
          records = new Map(before.papers.map((p) => [p.id, reread(p)]));
          const added = day.dumps.map((papers, s) => ({
            date: date(n),
            seq: s + 1,
            file: `${date(n)}.${s + 1}.txt`,
            papers: papers.map((p, i) => paper(TITLES[p.title]!, i + 1, ABSTRACTS[p.abstract])),
          }));
          dumps.push(...added);
          const full = mergeDumps(dumps, records, tagger);
          const result = mergeNewDumps(before.index, added, (id) => records.get(id)!, tagger);
          if (result.ok) {
            fast += 1;
            const merged = new Map(records);
            for (const p of result.papers) merged.set(p.id, p);
            expect([...merged.values()].sort((a, b) => (a.id < b.id ? -1 : 1)).map(serializePaper)).toEqual(full.papers.map(serializePaper));
            expect(result.index).toEqual(full.index);
            // The same notes (in the new dumps' order, where the full merge gives them in first-seen order).
            const lines = (problems: readonly Problem[]) => problems.map((p) => `${p.file}:${p.line}: ${p.message}`).sort();
            expect(lines(result.problems)).toEqual(lines(full.problems.filter((p) => p.message !== 'is in no dump; kept as it is')));
            // Only the records the new dumps name are touched.
            const named = new Set(added.flatMap((d) => d.papers.map((p) => titleKey(p.title))));
            expect(
              result.index.records
                .filter((r) => r.claim !== null && named.has(r.claim))
                .map((r) => r.id)
                .sort(),
            ).toEqual(result.papers.map((p) => p.id));
          } else {
            // Declined only where a hand edit makes a full merge necessary.
            expect(result.reason).toMatch(/edited by hand|no dump/);
          }
          records = new Map(full.papers.map((p) => [p.id, reread(p)]));
        });
      }),
      { numRuns: 400 },
    );
    // Most days take the quick way.
    expect(fast).toBeGreaterThan(500);
  });
});
