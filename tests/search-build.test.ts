/** Building the search files (src/lib/search/build.ts) from small made-up papers: what goes where, and its name. */
import { inflateRawSync, gunzipSync } from 'node:zlib';
import { Charset, Index } from 'flexsearch';
import { describe, expect, it } from 'vitest';
import { PairLog, bucketOf, buildSearchFiles, fieldPostings, packBytesFor, packTerms, searchIndexVersion } from '../src/lib/search/build';
import { SearchEngine, type FlexIndexClass } from '../src/lib/search/engine';
import {
  INDEX_OPTIONS,
  MASKS_FILE,
  RECORDS_PER_FILE,
  encodePostings,
  indexTokens,
  packName,
  recordFileName,
  recordPlaces,
  type Buckets,
  type SearchDoc,
  wordTokens,
  wordsByFrequency,
} from '../src/lib/search/format';
import { memoryFiles } from '../src/lib/search/memory-files';
import type { Paper } from '../src/lib/schema';
import { madePaper } from './helpers';

const flex = Index as unknown as FlexIndexClass;
const topics = [
  { slug: 'codecs', name: 'Neural codecs' },
  { slug: 'vision', name: 'Computer vision' },
];
const paper = madePaper;

function records(files: Map<string, Uint8Array>, sizes: string): SearchDoc[] {
  return recordPlaces(sizes).map(
    (place) => JSON.parse(inflateRawSync(files.get(recordFileName(place.file))!.subarray(place.start, place.end)).toString()) as SearchDoc,
  );
}

describe('pack sizes', () => {
  it('packs at least 8 KB, otherwise a hundredth of the postings, and no more than 3 packs per 100 papers', () => {
    expect(packBytesFor(0, 0)).toBe(8192);
    expect(packBytesFor(500_000, 10)).toBe(8192);
    expect(packBytesFor(2_000_000, 10)).toBe(20_000);
    expect(packBytesFor(2_000_001, 10)).toBe(20_001);
    // 100,000 papers: 3,000 packs at most, so each holds a 3,000th.
    expect(packBytesFor(300_000_000, 100_000)).toBe(100_000);
  });

  it('starts a new pack once a pack holds its bytes, never splitting a term, in sorted order', () => {
    const title = new Map([
      ['bb', 'xxxx'],
      ['aa', 'yyyy'],
    ]);
    const body = new Map([['cc', 'zz']]);
    // "aa": 2 × 2 letters + 4 = 8 bytes, so a pack of 8 is full after it.
    expect(packTerms(title, body, 8)).toEqual([
      { first: 'aa', pack: { t: [['aa', 'yyyy']], b: [] } },
      { first: 'bb', pack: { t: [['bb', 'xxxx']], b: [] } },
      { first: 'cc', pack: { t: [], b: [['cc', 'zz']] } },
    ]);
    // 9 bytes hold "aa" and start to hold "bb" too; then 16 bytes are reached and "cc" starts a pack.
    expect(packTerms(title, body, 9).map((p) => p.first)).toEqual(['aa', 'cc']);
    expect(packTerms(title, body, 1000)).toEqual([
      {
        first: 'aa',
        pack: {
          t: [
            ['aa', 'yyyy'],
            ['bb', 'xxxx'],
          ],
          b: [['cc', 'zz']],
        },
      },
    ]);
    // A term in both fields counts both postings once: 4 + 4 + 2 = 10 bytes.
    const both = packTerms(
      new Map([
        ['aa', 'xxxx'],
        ['ab', 'x'],
      ]),
      new Map([['aa', 'xx']]),
      11,
    );
    expect(both.map((p) => p.first)).toEqual(['aa']);
    expect(
      packTerms(
        new Map([
          ['aa', 'xxxx'],
          ['ab', 'x'],
        ]),
        new Map([['aa', 'xx']]),
        10,
      ).map((p) => p.first),
    ).toEqual(['aa', 'ab']);
  });
});

describe('PairLog', () => {
  it('gives back every pair in the order pushed, across chunks, full and not', () => {
    for (const count of [0, 1, 3, 7, 9]) {
      const log = new PairLog(3);
      const pairs = Array.from({ length: count }, (_, i) => [i, 100 - i] as const);
      for (const [a, b] of pairs) log.push(a, b);
      const read: (readonly [number, number])[] = [];
      log.forEach((a, b) => read.push([a, b]));
      expect(log.length).toBe(count);
      expect(read).toEqual(pairs);
    }
  });
});

describe('postings', () => {
  /** What flexsearch itself holds for the same tokens: add every paper to an index and export its map. */
  function flexsearchPostings(tokenLists: readonly string[][]): Map<string, string> {
    const index = new Index({ ...INDEX_OPTIONS, encoder: Charset.Exact });
    tokenLists.forEach((tokens, doc) => {
      if (tokens.length > 0) index.add(doc, tokens.join(' '));
    });
    const postings = new Map<string, string>();
    index.export((key, data) => {
      if (!key.endsWith('map')) return;
      for (const [term, buckets] of JSON.parse(data) as [string, Buckets][]) postings.set(term, encodePostings(buckets));
    });
    return postings;
  }

  it('spreads a text’s terms over the buckets as flexsearch does: the first in 0, up to 9 terms one each, longer texts in proportion', () => {
    expect([0, 1, 8].map((i) => bucketOf(i, 9))).toEqual([0, 1, 8]);
    expect([0, 1, 2, 3, 8, 9, 19].map((i) => bucketOf(i, 20))).toEqual([0, 1, 1, 2, 4, 4, 8]);
    expect(bucketOf(5, 10, 1)).toBe(0);
  });

  it('are the postings flexsearch’s own index holds for the same papers, bucket for bucket', () => {
    // Short and long texts (more terms than buckets, and fewer), repeated words, numbers, accents, a text with no
    // words, and many papers sharing a word, so gaps grow past one base-36 digit.
    const sentences = [
      'Neural audio codecs compress speech at 1.5 kbps with residual vector quantization',
      'We quantize large language models to 4-bit weights; quantization-aware training recovers accuracy',
      'Diffusion models for image generation, image editing and image super-resolution',
      'Machine unlearning removes a forget set without retraining: unlearning, forgetting, erasure',
      'Café naïve Zürich 2024 résumé',
      '',
      'a',
    ];
    const texts = Array.from({ length: 120 }, (_, i) => [sentences[i % sentences.length], sentences[(i * 3) % sentences.length], `paper ${i}`].join(' '));
    const theirs = flexsearchPostings(texts.map((text) => indexTokens(text)));
    expect(theirs.size).toBeGreaterThan(100);
    // The words, each expanded to its tokens once per distinct word, as the build does.
    const ours = fieldPostings(texts.length, (doc) => wordsByFrequency(texts[doc]!), flex, Charset.Exact, wordTokens);
    expect([...ours].sort()).toEqual([...theirs].sort());
    // The tokens as they are.
    const asTokens = fieldPostings(texts.length, (doc) => indexTokens(texts[doc]!), flex, Charset.Exact);
    expect([...asTokens].sort()).toEqual([...theirs].sort());
  });

  it('split a token as flexsearch’s encoder does, and count a term once per paper at its first place', () => {
    // Tokens the encoder splits (a hyphen, a full stop, a space) and whose parts other tokens repeat.
    const tokenLists = [
      ['state-of-the-art', 'art', 'of', 'model'],
      ['model', 'x.y', 'y', 'the state'],
      ['art', 'state-of-the-art', 'art-art'],
      [],
      ['y', 'x', 'model', 'state', 'of', 'the', 'art', 'more', 'words', 'than', 'buckets', 'x.y'],
    ];
    const ours = fieldPostings(tokenLists.length, (doc) => tokenLists[doc]!, flex, Charset.Exact);
    expect([...ours].sort()).toEqual([...flexsearchPostings(tokenLists)].sort());
    expect(ours.get('art')).toBe('2|||0||4');
  });

  it('count a term once per paper however many terms the build has met before it', () => {
    // Forty terms in one paper, then some of them again: the first at the places where the build's record of terms
    // seen grows, and one from before.
    const words = Array.from({ length: 40 }, (_, i) => `w${i}`);
    const tokenLists = [
      [...words, 'w16', 'w32', 'w0', 'w15'],
      ['w39', 'w0', 'w39'],
    ];
    const ours = fieldPostings(tokenLists.length, (doc) => tokenLists[doc]!, flex, Charset.Exact);
    expect([...ours].sort()).toEqual([...flexsearchPostings(tokenLists)].sort());
    expect(ours.get('w16')).toBe('||||0');
  });
});

describe('the version (the folder name of the search files)', () => {
  const base = [paper('a', 'Neural codecs', 'We compress audio.', ['codecs']), paper('b', 'Seeing', 'We see.', ['vision'])];
  const version = searchIndexVersion(base, topics);

  it('is twelve hex digits, the same for the same papers', () => {
    expect(version).toMatch(/^[0-9a-f]{12}$/);
    expect(searchIndexVersion(structuredClone(base), structuredClone(topics))).toBe(version);
  });

  it.each<[string, (p: Paper) => Paper]>([
    ['id', (p) => ({ ...p, id: 'other' })],
    ['title', (p) => ({ ...p, title: 'Other' })],
    ['abstract', (p) => ({ ...p, abstract: 'Other.' })],
    ['first-seen date', (p) => ({ ...p, firstSeen: '2026-11-27' })],
    ['topics', (p) => ({ ...p, topics: [] })],
    ['link labels', (p) => ({ ...p, links: [{ kind: 'code', url: 'https://github.com/a/b', label: 'github.com/a/b' }] })],
    ['authors', (p) => ({ ...p, authors: ['Ada Lovelace'] })],
    ['arXiv id', (p) => ({ ...p, arxivId: '2401.00001' })],
  ])('changes with a paper’s %s', (_, change) => {
    expect(searchIndexVersion([change(base[0]!), base[1]!], topics)).not.toBe(version);
  });

  it('changes with the papers’ order and with a topic’s name, not with what the files do not hold (ranks)', () => {
    expect(searchIndexVersion([base[1]!, base[0]!], topics)).not.toBe(version);
    expect(searchIndexVersion(base, [topics[0]!, { slug: 'vision', name: 'Vision' }])).not.toBe(version);
    expect(searchIndexVersion([{ ...base[0]!, seen: [{ date: '2026-11-26', rank: 9 }] }, base[1]!], topics)).toBe(version);
  });
});

describe('the search files', () => {
  const papers = [
    paper('a', 'Neural audio codecs', 'We compress $x^2$ audio & speech.', ['codecs', 'vision'], { authors: ['Ada Lovelace'], arxivId: '2401.00001' }),
    paper('b', 'Seeing things', 'We see with cameras.', ['vision'], { links: [{ kind: 'code', url: 'https://github.com/lab/seeing', label: 'lab/seeing' }] }),
    paper('c', 'Weather', 'Rain tomorrow.', []),
  ];
  const built = buildSearchFiles(papers, topics, flex, Charset.Exact);

  it('keeps each paper’s record: title, the abstract as readers see it, topic slugs and date, in order', () => {
    expect(records(built.files, built.meta.recordSizes)).toEqual([
      { id: 'a', title: 'Neural audio codecs', abstract: 'We compress x² audio & speech.', topics: ['codecs', 'vision'], date: '2026-11-26' },
      { id: 'b', title: 'Seeing things', abstract: 'We see with cameras.', topics: ['vision'], date: '2026-11-26' },
      { id: 'c', title: 'Weather', abstract: 'Rain tomorrow.', topics: [], date: '2026-11-26' },
    ]);
  });

  it('describes the files in meta.json, with a topic mask per paper', () => {
    expect(JSON.parse(Buffer.from(built.files.get('meta.json')!).toString())).toEqual(built.meta);
    expect(built.meta).toMatchObject({ version: 3, count: 3, topics, maskWords: 1 });
    expect(JSON.parse(Buffer.from(built.files.get(MASKS_FILE)!).toString())).toEqual([0b11, 0b10, 0]);
    // Small postings: one pack, named by its first term.
    expect(built.meta.packs).toHaveLength(1);
    const pack = JSON.parse(gunzipSync(built.files.get(packName(0))!).toString()) as { t: [string, string][]; b: [string, string][] };
    expect(built.meta.packs[0]).toBe([...pack.t, ...pack.b].map(([term]) => term).sort()[0]);
    expect(pack.t.map(([term]) => term)).toContain('seeing');
    expect(pack.t.map(([term]) => term)).not.toContain('cameras');
    expect(pack.b.map(([term]) => term)).toContain('cameras');
  });

  it('finds a paper by its abstract, authors, arXiv id, link labels and topic names, and a title word first', async () => {
    const engine = new SearchEngine(memoryFiles(built.files), flex, Charset.Exact);
    const ids = async (q: string) => {
      const { hits } = await engine.search(q, []);
      const docs = await engine.docs(hits.map((h) => h.n));
      return hits.map((h) => docs.get(h.n)!.id);
    };
    expect(await ids('cameras')).toEqual(['b']);
    expect(await ids('lovelace')).toEqual(['a']);
    expect(await ids('2401.00001')).toEqual(['a']);
    expect(await ids('lab')).toEqual(['b']);
    // "Computer vision" is the topic of a and b, and a word of neither.
    expect((await ids('computer')).sort()).toEqual(['a', 'b']);
    expect(await ids('rain')).toEqual(['c']);
    // "seeing" is b's title; a paper whose abstract says "see" comes after it.
    expect((await ids('seeing'))[0]).toBe('b');
  });

  it('splits records into files of RECORDS_PER_FILE papers, and packs the postings of many papers into several packs', () => {
    const many = Array.from({ length: RECORDS_PER_FILE + 1 }, (_, i) => paper(`p${i}`, `Paper ${i} word${i}`, `Abstract term${i} of paper ${i}.`));
    const big = buildSearchFiles(many, topics, flex, Charset.Exact, { packBytes: 4096 });
    expect(big.files.has(recordFileName(0))).toBe(true);
    expect(big.files.has(recordFileName(1))).toBe(true);
    expect(big.files.has(recordFileName(2))).toBe(false);
    const docs = records(big.files, big.meta.recordSizes);
    expect(docs).toHaveLength(RECORDS_PER_FILE + 1);
    expect(docs.at(-1)!.id).toBe(`p${RECORDS_PER_FILE}`);
    expect(big.meta.packs.length).toBeGreaterThan(3);
    expect([...big.meta.packs].sort()).toEqual(big.meta.packs);
    for (let i = 0; i < big.meta.packs.length; i += 1) expect(big.files.has(packName(i))).toBe(true);
    expect(big.files.has(packName(big.meta.packs.length))).toBe(false);
  });

  it('uses as many mask numbers as 31-topic groups, and skips a topic slug the taxonomy does not have', () => {
    const wide = Array.from({ length: 40 }, (_, i) => ({ slug: `t${i}`, name: `Topic ${i}` }));
    const one = buildSearchFiles([paper('a', 'A', 'B.', ['t0', 't35', 'gone'])], wide, flex, Charset.Exact);
    expect(one.meta.maskWords).toBe(2);
    expect(JSON.parse(Buffer.from(one.files.get(MASKS_FILE)!).toString())).toEqual([1, 1 << 4]);
  });
});
