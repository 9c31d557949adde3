/** Search as a whole (src/lib/search/build.ts and engine.ts) over the bundled papers: finding, ranking, loading. */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { Charset, Index } from 'flexsearch';
import { describe, expect, it } from 'vitest';
import { buildDigest } from '../src/lib/site/digest';
import { parsePaperFile } from '../src/lib/ingest/paper-file';
import { buildSearchFiles } from '../src/lib/search/build';
import { SearchEngine, type FlexIndexClass, type SearchFiles } from '../src/lib/search/engine';
import { packFor, packName, recordPlaces } from '../src/lib/search/format';
import { memoryFiles, type FileRequest } from '../src/lib/search/memory-files';
import { containsPhrase } from '../src/lib/search/query';
import { rankWindow } from '../src/lib/search/results';
import { parseTaxonomy } from '../src/lib/topics/taxonomy';
import { readdirSync } from 'node:fs';
import { ROOT } from './helpers';

const taxonomy = parseTaxonomy(readFileSync(join(ROOT, 'content/topics.yaml'), 'utf8'));
if (!taxonomy.ok) throw new Error('taxonomy');
const papersDir = join(ROOT, 'content/papers');
const papers = readdirSync(papersDir).map((f) => {
  const r = parsePaperFile(readFileSync(join(papersDir, f), 'utf8'));
  if (!r.ok) throw new Error(f);
  return r.value;
});
const digest = buildDigest(papers, taxonomy.value);
const built = buildSearchFiles(digest.papers, taxonomy.value.topics, Index as unknown as FlexIndexClass, Charset.Exact);
const flex = Index as unknown as FlexIndexClass;
const engine = new SearchEngine(memoryFiles(built.files), flex, Charset.Exact);

async function top(query: string, k = 3, topics: string[] = []): Promise<string[]> {
  const { hits } = await engine.search(query, topics);
  const window = hits.slice(0, 30);
  const docs = await engine.docs(window.map((h) => h.n));
  return rankWindow(window, docs, query)
    .slice(0, k)
    .map((h) => docs.get(h.n)!.title);
}

describe('known-item queries find the paper in the top 3', () => {
  it.each([
    ['HNeRV', 'HNeRV: A Hybrid Neural Representation for Videos'],
    ['hybrid neural representation videos', 'HNeRV: A Hybrid Neural Representation for Videos'],
    ['DeepSeek-Coder', 'DeepSeek-Coder: When the Large Language Model Meets Programming -- The Rise of Code Intelligence'],
    ['masked autoencoders that listen', 'Masked Autoencoders that Listen'],
    ['speculative decoding', 'Fast Inference from Transformers via Speculative Decoding'],
    ['memory wall', 'AI and Memory Wall'],
    ['retain set unlearning', 'Is Retain Set All You Need in Machine Unlearning? Restoring Performance of Unlearned Models with Out-Of-Distribution Images'],
    ['SemantiCodec', 'SemantiCodec: An Ultra Low Bitrate Semantic Audio Codec for General Sound'],
    ['ternary LLM', 'TernaryLLM: Ternarized Large Language Model'],
    ['categorical variable encoders', 'Comparative Study on the Performance of Categorical Variable Encoders in Classification and Regression Tasks'],
    ['unlern hessians', 'Deep Unlearning via Randomized Conditionally Independent Hessians'],
  ])('%s', async (query, title) => {
    expect(await top(query)).toContain(title);
  });
});

describe('matching people expect', () => {
  it('finds by prefix while typing', async () => {
    expect((await top('compres', 10)).filter((t) => /compress/i.test(t)).length).toBeGreaterThanOrEqual(8);
  });
  it('folds British spelling and plurals', async () => {
    expect(await top('quantisation', 10)).toEqual(await top('quantization', 10));
    expect((await engine.search('encoder')).hits.length).toBe((await engine.search('encoders')).hits.length);
    // Plurals in -es, finished (a space after them): "classes" found 4 papers where "class" finds 56.
    for (const [one, many] of [
      ['class ', 'classes '],
      ['loss ', 'losses '],
      ['approach ', 'approaches '],
      ['box ', 'boxes '],
      // And in -as: "biases" is "bias" (it was "biase", found in 3 papers where "bias" finds 7).
      ['bias ', 'biases '],
    ]) {
      const { hits } = await engine.search(many!);
      expect(hits.length).toBeGreaterThan(0);
      expect(hits).toEqual((await engine.search(one!)).hits);
    }
  });
  it('tolerates a swapped or missing letter early in a longer word', async () => {
    expect((await top('unlaerning', 5)).filter((t) => /unlearn/i.test(t)).length).toBeGreaterThanOrEqual(3);
    expect((await engine.search('qunatization')).words).toEqual(['quantiza']);
    const { hits } = await engine.search('qunatization');
    const docs = await engine.docs(hits.slice(0, 5).map((h) => h.n));
    expect(hits.length).toBeGreaterThan(5);
    for (const doc of docs.values()) expect(`${doc.title} ${doc.abstract}`).toMatch(/quantiz/i);
  });
  it('tolerates a typo near the end of a longer word', async () => {
    expect((await top('unlern', 5)).filter((t) => /unlearn|forgetting/i.test(t)).length).toBeGreaterThanOrEqual(3);
  });
  it('ranks papers with all the words above papers with some', async () => {
    const { hits } = await engine.search('speech codec');
    const docs = await engine.docs(hits.slice(0, 5).map((h) => h.n));
    for (const h of hits.slice(0, 5)) expect(`${docs.get(h.n)!.title} ${docs.get(h.n)!.abstract}`).toMatch(/speech[\s\S]*codec|codec[\s\S]*speech/i);
  });
  it('filters by topic', async () => {
    const all = await engine.search('compression');
    const codecs = await engine.search('compression', ['codecs']);
    expect(codecs.hits.length).toBeGreaterThan(0);
    expect(codecs.hits.length).toBeLessThan(all.hits.length);
    const docs = await engine.docs(codecs.hits.map((h) => h.n));
    for (const doc of docs.values()) expect(doc.topics).toContain('codecs');
  });
  it('finds nothing for nonsense', async () => {
    expect((await engine.search('zzqxv')).hits).toEqual([]);
  });
});

describe('topical queries', () => {
  it.each([
    ['unlearning', 'unlearning'],
    ['neural audio codec', 'codecs'],
    ['low-bit quantization', 'quantization'],
    ['speech recognition', 'speech-audio'],
  ])('%s: the top results are %s papers', async (query, topic) => {
    const { hits } = await engine.search(query);
    const docs = await engine.docs(hits.slice(0, 5).map((h) => h.n));
    const onTopic = hits.slice(0, 5).filter((h) => docs.get(h.n)!.topics.includes(topic));
    expect(onTopic.length).toBeGreaterThanOrEqual(4);
  });

  it('quantization: every paper with the word in its title comes before any without', async () => {
    const { hits } = await engine.search('quantization');
    const docs = await engine.docs(hits.map((h) => h.n));
    const inTitle = hits.map((h) => /quanti[sz]ation/i.test(docs.get(h.n)!.title));
    expect(inTitle.filter(Boolean).length).toBe(papers.filter((p) => /quanti[sz]ation/i.test(p.title)).length);
    expect(inTitle.indexOf(false)).toBe(inTitle.filter(Boolean).length);
  });
});

describe('loading', () => {
  // Small packs, so the bundled papers make many and a lookup can load the wrong one.
  const small = buildSearchFiles(digest.papers, taxonomy.value.topics, flex, Charset.Exact, { packBytes: 4096 });

  it('loads the meta file, the pack of each query word, and only the records shown, each once', async () => {
    const requests: FileRequest[] = [];
    const fresh = new SearchEngine(memoryFiles(small.files, requests), flex, Charset.Exact);
    const { hits } = await fresh.search('speech codec');
    expect(hits.length).toBeGreaterThan(10);
    const packs = [...new Set(['speech', 'codec'].map((w) => packName(packFor(w, small.meta.packs))))].sort();
    expect(small.meta.packs.length).toBeGreaterThan(20);
    expect(requests.map((r) => r.name).sort()).toEqual(['meta.json', ...packs].sort());
    requests.length = 0;
    const shown = hits.slice(0, 10).map((h) => h.n);
    const docs = await fresh.docs(shown);
    expect(shown.map((n) => docs.get(n)!.title)).toEqual(shown.map((n) => digest.papers[n]!.title));
    const places = recordPlaces(small.meta.recordSizes);
    const bytes = requests.reduce((sum, r) => sum + r.range![1] - r.range![0], 0);
    expect(requests.every((r) => r.range && r.name === 'r-0.bin')).toBe(true);
    // Nearby records share a request, at the cost of a few bytes between them.
    expect(requests.length).toBeLessThanOrEqual(10);
    expect(bytes).toBeLessThan(shown.reduce((sum, n) => sum + places[n]!.end - places[n]!.start, 0) + requests.length * 2048);
    requests.length = 0;
    await fresh.docs(shown.slice(0, 5));
    await fresh.search('speech codec');
    expect(requests).toEqual([]);
    // Each paper's topics are loaded only for a topic filter.
    const filtered = await fresh.search('speech codec', ['codecs']);
    expect(requests).toEqual([{ name: 'masks.json' }]);
    expect(filtered.hits.length).toBeLessThan(hits.length);
  });

  it('finds the same papers however the terms are packed', async () => {
    const fresh = new SearchEngine(memoryFiles(small.files), flex, Charset.Exact);
    for (const query of ['speech codec', 'quantization', 'compres', 'qunatization', 'a']) {
      expect((await fresh.search(query)).hits).toEqual((await engine.search(query)).hits);
    }
  });

  it('stores the index compressed: packs are gzip, records raw DEFLATE', () => {
    const pack = built.files.get(packName(0))!;
    expect([pack[0], pack[1]]).toEqual([0x1f, 0x8b]);
    const raw = [...built.files.values()].reduce((sum, f) => sum + f.length, 0);
    const text = digest.papers.reduce((sum, p) => sum + p.title.length + p.abstract.length, 0);
    expect(raw).toBeLessThan(text);
  });

  it('reads a pack a host has already decompressed', async () => {
    const plain = new Map(built.files);
    for (const [name, bytes] of plain) if (name.startsWith('p-')) plain.set(name, gunzipSync(bytes));
    const fresh = new SearchEngine(memoryFiles(plain), flex, Charset.Exact);
    expect((await fresh.search('codec')).hits).toEqual((await engine.search('codec')).hits);
  });
});

describe('a taxonomy of 64 topics', () => {
  const topics = Array.from({ length: 64 }, (_, i) => ({ slug: `topic-${i}`, name: `Topic ${i}` }));
  const onTopics = (id: string, indexes: number[]) => ({
    ...papers[0]!,
    id,
    title: `Lighthouse keeping ${id}`,
    abstract: 'Lighthouse keeping at sea. It is prose.',
    topics: indexes.map((i) => ({ slug: `topic-${i}`, score: 5, evidence: [] })),
  });
  const many = [onTopics('a', [0]), onTopics('b', [30, 31]), onTopics('c', [40]), onTopics('d', [63]), onTopics('e', [])];
  const files = buildSearchFiles(many, topics, flex, Charset.Exact).files;
  const big = new SearchEngine(memoryFiles(files), flex, Charset.Exact);
  const found = async (filter: string[]) => {
    const { hits } = await big.search('lighthouse', filter);
    const docs = await big.docs(hits.map((h) => h.n));
    return hits.map((h) => docs.get(h.n)!.id).sort();
  };

  it('filters by any of them, past the 32nd', async () => {
    expect(await found([])).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(await found(['topic-0'])).toEqual(['a']);
    expect(await found(['topic-31'])).toEqual(['b']);
    expect(await found(['topic-40'])).toEqual(['c']);
    expect(await found(['topic-63'])).toEqual(['d']);
    expect(await found(['topic-30', 'topic-63'])).toEqual(['b', 'd']);
    expect(await found(['topic-62'])).toEqual([]);
  });
});

describe('authors', () => {
  it('are found by search once enrich has recorded them', async () => {
    const withAuthors = {
      ...papers[0]!,
      id: 'authored',
      title: 'An Untitled Study',
      abstract: 'Nothing in here names anyone. It is prose.',
      authors: ['Grace Hopper', 'Edsger Dijkstra'],
    };
    const files = buildSearchFiles([withAuthors, papers[1]!], taxonomy.value.topics, flex, Charset.Exact).files;
    const small = new SearchEngine(memoryFiles(files), flex, Charset.Exact);
    const { hits } = await small.search('dijkstra', []);
    const docs = await small.docs(hits.map((h) => h.n));
    expect(hits.map((h) => docs.get(h.n)!.id)).toEqual(['authored']);
  });
});

describe('ranking by field', () => {
  it.each(['quantization', 'compression', 'unlearning', 'autoencoders', 'codec'])(
    'puts papers with “%s” in their title first: all of the top five',
    async (word) => {
      const titles = await top(word, 5);
      expect(titles).toHaveLength(5);
      const stem = word.replace(/s$/, '');
      for (const title of titles) expect(title.toLowerCase()).toContain(stem);
    },
  );

  it.each([
    ['code', /\bcodes?\b/i],
    ['loss', /\bloss(?:es)?\b/i],
    ['class', /\bclass(?:es)?\b/i],
  ])('puts the word “%s” itself above longer words that start with it (codec, lossless, classification)', async (word, itself) => {
    const { hits } = await engine.search(word);
    const docs = await engine.docs(hits.slice(0, 30).map((h) => h.n));
    const says = (title: string) => [...docs.values()].find((d) => d.title === title)!;
    const titles = await top(word, 30);
    // Every paper that says the word itself comes before every paper that only has longer words starting with it.
    const first = titles.map((t) => itself.test(`${says(t).title} ${says(t).abstract}`));
    expect(first.indexOf(false)).toBeGreaterThan(0);
    expect(first.slice(first.indexOf(false))).not.toContain(true);
  });

  it('still finds a paper by its topic’s name, below every paper with the word in its title', async () => {
    const { hits } = await engine.search('interpretability', []);
    const docs = await engine.docs(hits.map((h) => h.n));
    const says = (n: number, where: 'title' | 'abstract') => docs.get(n)![where].toLowerCase().includes('interpretab');
    const byTopicOnly = hits.filter((h) => docs.get(h.n)!.topics.includes('interpretability') && !says(h.n, 'title') && !says(h.n, 'abstract'));
    expect(byTopicOnly.length).toBeGreaterThan(0);
    const lastTitle = hits.findLastIndex((h) => says(h.n, 'title'));
    expect(lastTitle).toBeGreaterThanOrEqual(0);
    expect(hits.indexOf(byTopicOnly[0]!)).toBeGreaterThan(lastTitle);
  });
});

describe('a word still being typed', () => {
  it.each([
    ['acces', /access/i],
    ['compres', /compress/i],
    ['proces', /process/i],
  ])('reads “%s” as a prefix, not a plural to fold', async (query, expected) => {
    const { hits } = await engine.search(query);
    const docs = await engine.docs(hits.slice(0, 5).map((h) => h.n));
    expect(hits.length).toBeGreaterThan(0);
    for (const h of hits.slice(0, 5)) expect(`${docs.get(h.n)!.title} ${docs.get(h.n)!.abstract}`).toMatch(expected);
  });

  it('still folds a finished plural: “codecs” finds codec papers', async () => {
    expect((await top('codecs', 3)).every((t) => /codec/i.test(t))).toBe(true);
  });
});

describe('the query language, searched', () => {
  const texts = async (query: string) => {
    const result = await engine.search(query);
    const { hits, complete } = await engine.verify(result);
    const docs = await engine.docs(hits.map((h) => h.n));
    return { complete, papers: hits.map((h) => docs.get(h.n)!) };
  };

  it('"speech codec": every result holds the phrase, and none is lost that does', async () => {
    const { papers: found, complete } = await texts('"speech codec"');
    expect(complete).toBe(true);
    expect(found.length).toBeGreaterThanOrEqual(3);
    for (const p of found)
      expect(
        containsPhrase(p.title, { words: ['speech', 'codec'], open: false }) || containsPhrase(p.abstract, { words: ['speech', 'codec'], open: false }),
      ).toBe(true);
    const all = await engine.docs(digest.papers.map((_, n) => n));
    const holding = [...all.values()].filter((p) => /speech codecs?\b/i.test(p.title) || /speech codecs?\b/i.test(p.abstract));
    expect(found.map((p) => p.id).sort()).toEqual(holding.map((p) => p.id).sort());
    expect((await engine.search('speech codec')).hits.length).toBeGreaterThan(found.length);
  });

  it('codec -speech: codec papers, none of which says speech', async () => {
    const { papers: found } = await texts('codec -speech');
    expect(found.length).toBeGreaterThanOrEqual(10);
    for (const p of found) {
      // A codec paper: it says so, or it is in the codecs topic (topic names are searched too).
      expect(/codec/i.test(`${p.title} ${p.abstract}`) || p.topics.some((t) => /codec/i.test(t))).toBe(true);
      expect(`${p.title} ${p.abstract}`).not.toMatch(/speech/i);
    }
    expect(found.length).toBeLessThan((await texts('codec')).papers.length);
  });

  it('speech -code: leaves out the papers that say “code”, not those that say only “codec”', async () => {
    const { papers: found } = await texts('speech -code');
    for (const p of found) expect(`${p.title} ${p.abstract}`).not.toMatch(/\bcodes?\b/i);
    const codecOnly = (await texts('speech')).papers.filter(
      (p) => /codec/i.test(`${p.title} ${p.abstract}`) && !/\bcodes?\b/i.test(`${p.title} ${p.abstract}`),
    );
    expect(codecOnly.length).toBeGreaterThanOrEqual(5);
    expect(found.map((p) => p.id)).toEqual(expect.arrayContaining(codecOnly.map((p) => p.id)));
  });

  it('codec -"speech codec": leaves out only the papers with the phrase', async () => {
    const { papers: found } = await texts('codec -"speech codec"');
    for (const p of found) expect(`${p.title} ${p.abstract}`).not.toMatch(/speech codecs?\b/i);
    expect(found.some((p) => /speech/i.test(`${p.title} ${p.abstract}`))).toBe(true);
    const codec = (await texts('codec')).papers.length;
    const phrase = (await texts('"speech codec"')).papers.length;
    expect(found.length).toBe(codec - phrase);
  });

  it('says when it read only part of a long list of papers that may hold a phrase', async () => {
    const result = await engine.search('"neural network"');
    const { hits, complete } = await engine.verify(result, 3);
    expect(complete).toBe(false);
    expect(hits.length).toBeLessThanOrEqual(3);
    expect((await engine.verify(result)).hits.length).toBeGreaterThan(3);
  });
});

describe('a repeated query', () => {
  it('is answered from memory with the same answer; after a failed load, the next search asks again', async () => {
    const first = await engine.search('neural codec');
    expect(await engine.search('neural codec')).toBe(first);
    expect(await engine.search('neural codec', ['codecs'])).not.toBe(first);
    let fail = true;
    const files = memoryFiles(built.files);
    const flakyFiles: SearchFiles = { ...files, file: (name) => (fail ? Promise.reject(new Error('offline')) : files.file(name)) };
    const flaky = new SearchEngine(flakyFiles, flex, Charset.Exact);
    await expect(flaky.search('codec')).rejects.toThrow('offline');
    fail = false;
    expect((await flaky.search('codec')).hits.length).toBeGreaterThan(10);
  });
});
