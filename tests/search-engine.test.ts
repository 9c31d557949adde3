/**
 * The search engine (src/lib/search/engine.ts) over small made-up papers: scoring, forgiving lookups, filters,
 * verification, reading records and remembering answers. Search over the bundled papers is in search.test.ts.
 */
import { gunzipSync } from 'node:zlib';
import { Charset, Index } from 'flexsearch';
import { describe, expect, it } from 'vitest';
import { buildSearchFiles } from '../src/lib/search/build';
import { SearchEngine, typoVariants, type FlexIndexClass } from '../src/lib/search/engine';
import { RECORDS_PER_FILE, packName } from '../src/lib/search/format';
import { memoryFiles, type FileRequest } from '../src/lib/search/memory-files';
import { madePaper } from './helpers';

const flex = Index as unknown as FlexIndexClass;
const topics = [
  { slug: 'codecs', name: 'Neural codecs' },
  { slug: 'vision', name: 'Computer vision' },
];
const paper = madePaper;
const papers = [
  paper('codec-title', 'A speech codec', 'We compress audio for phones.', ['codecs']),
  paper('codec-body', 'Audio for phones', 'Our codec compresses speech and audio.', ['codecs']),
  paper('rare', 'Quaternion layers', 'Layers built from quaternion numbers, with audio examples.', ['vision']),
  paper('access', 'Access control for models', 'Who may use a model: access rules.', []),
  paper('vision', 'Seeing with cameras', 'Cameras and audio together; not a codec paper at all.', ['vision']),
];
const built = buildSearchFiles(papers, topics, flex, Charset.Exact);

function engineOver(files: Map<string, Uint8Array> = built.files, requests: FileRequest[] = []): SearchEngine {
  return new SearchEngine(memoryFiles(files, requests), flex, Charset.Exact);
}

async function ids(engine: SearchEngine, query: string, filter: string[] = []): Promise<string[]> {
  const result = await engine.search(query, filter);
  const { hits } = await engine.verify(result);
  const docs = await engine.docs(hits.map((h) => h.n));
  return hits.map((h) => docs.get(h.n)!.id);
}

describe('scoring', () => {
  const engine = engineOver();

  it('ranks a word in the title above the same word in the abstract', async () => {
    expect((await ids(engine, 'codec')).slice(0, 2)).toEqual(['codec-title', 'codec-body']);
  });

  it('ranks papers with more of the words first, and a rare word above a common one', async () => {
    // "audio" is in four papers, "quaternion" in one: the paper with the rare word leads those with one word each.
    const result = await engine.search('quaternion audio');
    const first = result.hits[0]!;
    expect(first.matched).toBe(2);
    expect((await engine.docs([first.n])).get(first.n)!.id).toBe('rare');
    const rare = await engine.search('quaternion');
    const common = await engine.search('audio');
    expect(rare.hits[0]!.score).toBeGreaterThan(Math.max(...common.hits.map((h) => h.score)));
  });

  it('orders equal papers by number (newest first), and every paper once', async () => {
    const { hits } = await engine.search('audio');
    expect(hits.length).toBe(new Set(hits.map((h) => h.n)).size);
    for (let i = 1; i < hits.length; i += 1) {
      const [a, b] = [hits[i - 1]!, hits[i]!];
      expect(a.matched > b.matched || (a.matched === b.matched && (a.score > b.score || (a.score === b.score && a.n < b.n)))).toBe(true);
    }
  });
});

describe('a word and longer words that start with it', () => {
  it('ranks a paper by where it uses the word itself, though it uses a longer word too', async () => {
    const own = buildSearchFiles(
      [paper('many', 'Alpha', 'Others say other things first, then code.', []), paper('both', 'Beta', 'Code, code and code again, and a codec.', [])],
      topics,
      flex,
      Charset.Exact,
    );
    const search = new SearchEngine(memoryFiles(own.files), flex, Charset.Exact);
    expect(await ids(search, 'code ')).toEqual(['both', 'many']);
    expect(await ids(search, 'codec ')).toEqual(['both']);
  });
});

describe('forgiving a typo', () => {
  const engine = engineOver();

  it('lists one-typo spellings in the first six letters, neighbours swapped first, each once and longer than four letters', () => {
    expect(typoVariants('codec')).toEqual(['ocdec', 'cdoec', 'coedc', 'codce']);
    expect(typoVariants('speech')).toEqual(['pseech', 'sepech', 'speceh', 'speehc', 'peech', 'seech', 'spech', 'speeh']);
    expect(typoVariants('quantize')).toEqual([
      'uqantize',
      'qauntize',
      'qunatize',
      'quatnize',
      'quanitze',
      'quantzie',
      'uantize',
      'qantize',
      'quntize',
      'quatize',
      'quanize',
      'quantze',
    ]);
  });

  it('finds a word with letters too many at the end, two letters swapped or a letter too many early on, at half the score', async () => {
    const exact = await engine.search('quaternion ');
    for (const typo of ['quaternionx ', 'qauternion ', 'quaxternion ']) {
      const fuzzy = await engine.search(typo);
      expect(fuzzy.hits.map((h) => h.n)).toEqual(exact.hits.map((h) => h.n));
      expect(fuzzy.hits[0]!.score).toBeCloseTo(exact.hits[0]!.score / 2, 6);
      // What was searched, for highlighting: the spelling that matched.
      expect(fuzzy.words[0]!.length).toBeGreaterThanOrEqual(4);
      expect('quaternion'.startsWith(fuzzy.words[0]!)).toBe(true);
    }
    expect((await engine.search('quaternion')).words).toEqual(['quaternion']);
    // A letter left out is not guessed back: "quternion" finds nothing rather than any word starting "qu".
    expect((await engine.search('quternion ')).hits).toEqual([]);
  });

  it('does not forgive a short word, and gives back the word itself when nothing is near', async () => {
    expect((await engine.search('zzzz')).hits).toEqual([]);
    const none = await engine.search('xylophones ');
    expect(none.hits).toEqual([]);
    expect(none.words).toEqual(['xylophone']);
  });

  it('reads the word being typed as a prefix as typed, and a finished word folded', async () => {
    // "access" folds to "acces"; typed without a space after it, "acces" is the start of "access".
    expect(await ids(engine, 'acces')).toEqual(['access']);
    expect(await ids(engine, 'Access')).toEqual(['access']);
    expect(await ids(engine, 'cameras ')).toEqual(['vision']);
    // A word finds longer words that start with it (no paper says “code”, three say “codec”).
    expect((await ids(engine, 'code ')).sort()).toEqual(['codec-body', 'codec-title', 'vision']);
  });
});

describe('filters and exclusions', () => {
  const engine = engineOver();

  it('keeps only papers in a chosen topic, ignoring a topic the index does not know', async () => {
    expect((await ids(engine, 'audio', ['vision'])).sort()).toEqual(['rare', 'vision']);
    expect((await ids(engine, 'audio', ['nope'])).sort()).toEqual((await ids(engine, 'audio')).sort());
    expect((await ids(engine, 'audio', ['nope', 'codecs'])).sort()).toEqual(['codec-body', 'codec-title']);
  });

  it('leaves out papers with a -word, and with a -"phrase" only where the phrase is', async () => {
    expect((await ids(engine, 'audio -codec')).sort()).toEqual(['rare']);
    // -word leaves out the word itself, not longer words that start with it: no paper says “code”.
    expect((await ids(engine, 'audio -code')).sort()).toEqual(['codec-body', 'codec-title', 'rare', 'vision']);
    expect((await ids(engine, 'audio -quaternion')).sort()).toEqual(['codec-body', 'codec-title', 'vision']);
    // "speech codec" is a phrase in codec-title only; codec-body has both words apart.
    expect((await ids(engine, 'audio -"speech codec"')).sort()).toEqual(['codec-body', 'rare', 'vision']);
    const result = await engine.search('audio -"speech codec"');
    expect(result.hits.filter((h) => h.unsure).length).toBe(2);
  });

  it('marks every hit of a "phrase" query unsure until verified, and says when the reading stopped short', async () => {
    const result = await engine.search('"compresses speech"');
    expect(result.hits.length).toBeGreaterThan(0);
    expect(result.hits.every((h) => h.unsure)).toBe(true);
    const all = await engine.verify(result, result.hits.length);
    expect(all.complete).toBe(true);
    const docs = await engine.docs(all.hits.map((h) => h.n));
    expect(all.hits.map((h) => docs.get(h.n)!.id)).toEqual(['codec-body']);
    expect((await engine.verify(result, result.hits.length - 1)).complete).toBe(false);
    const plain = await engine.search('audio');
    expect(plain.hits.some((h) => h.unsure)).toBe(false);
    expect(await engine.verify(plain, 0)).toEqual({ hits: plain.hits, complete: true });
  });
});

describe('files', () => {
  it('reads a pack a host already decompressed on the way', async () => {
    const plain = new Map(built.files);
    plain.set(packName(0), gunzipSync(built.files.get(packName(0))!));
    expect(await ids(engineOver(plain), 'quaternion')).toEqual(['rare']);
  });

  it('reads records far apart in one file with a request each, and close ones with one', async () => {
    const many = Array.from({ length: RECORDS_PER_FILE + 10 }, (_, i) => paper(`p${i}`, `Paper ${i}`, `Abstract ${i}.`));
    const big = buildSearchFiles(many, topics, flex, Charset.Exact);
    const requests: FileRequest[] = [];
    const engine = engineOver(big.files, requests);
    const wanted = [0, 1, 2, 700, RECORDS_PER_FILE + 3];
    const docs = await engine.docs(wanted);
    expect(wanted.map((n) => docs.get(n)!.id)).toEqual(wanted.map((n) => `p${n}`));
    const ranges = requests.filter((r) => r.range);
    expect(ranges.map((r) => r.name)).toEqual(['r-0.bin', 'r-0.bin', 'r-1.bin']);
    // Asked again: nothing is fetched.
    const before = requests.length;
    await engine.docs(wanted);
    expect(requests.length).toBe(before);
  });

  // A failed load asked again is in search.test.ts ("a repeated query").
  it('answers a repeated query with the very same promise, and a query with a topic filter as another', async () => {
    const engine = engineOver();
    expect(engine.search('codec')).toBe(engine.search('codec'));
    expect(engine.search('codec', ['codecs'])).not.toBe(engine.search('codec'));
    expect((await engine.search('codec')).hits.length).toBeGreaterThan(0);
  });

  it('remembers the last hundred answers, forgetting the oldest', async () => {
    const engine = engineOver();
    const first = engine.search('q0');
    for (let i = 1; i < 100; i += 1) void engine.search(`q${i}`);
    expect(engine.search('q0')).toBe(first);
    void engine.search('q100');
    const again = engine.search('q0');
    expect(again).not.toBe(first);
    await Promise.all([first, again]);
  });
});
