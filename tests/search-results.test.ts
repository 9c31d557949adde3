/** Result presentation (src/lib/search/results.ts): phrases lifted to the top, highlighting and snippets. */
import { describe, expect, it } from 'vitest';
import { rankWindow, highlight, searchStatus, snippet } from '../src/lib/search/results';
import type { SearchHit } from '../src/lib/search/engine';
import type { SearchDoc } from '../src/lib/search/format';

const doc = (n: number, title: string, abstract = 'Nothing to see.'): [number, SearchDoc] => [
  n,
  { id: `p${n}`, title, abstract, topics: [], date: '2026-11-26' },
];
const hit = (n: number, matched = 2, score = 1): SearchHit => ({ n, matched, score });
const order = (hits: SearchHit[]) => hits.map((h) => h.n);

describe('ordering the window of best results', () => {
  const docs = new Map([
    doc(0, 'Codecs for neural audio', 'We study neural audio codecs.'),
    doc(1, 'A neural codec for speech'),
    doc(2, 'Speech models', 'A neural codec compresses speech.'),
    doc(3, 'Codec design', 'Neural methods; a codec.'),
  ]);

  it('puts a title phrase first, an abstract phrase next, then the rest in their ranked order', () => {
    const hits = [hit(0, 2, 9), hit(3, 2, 8), hit(2, 2, 7), hit(1, 2, 1)];
    expect(order(rankWindow(hits, docs, 'neural codec'))).toEqual([1, 2, 0, 3]);
  });

  it('folds the phrase as words are folded (plurals, case) and needs the words adjacent and in order', () => {
    const hits = [hit(3, 2, 3), hit(0, 2, 2), hit(1, 2, 1)];
    // "Neural CODECS" folds to "neural codec", which paper 1's title holds; paper 0 has both words in its title, apart,
    // and paper 3 one of them.
    expect(order(rankWindow(hits, docs, 'Neural CODECS'))).toEqual([1, 0, 3]);
    // In the other order no title holds the phrase: both words in the title (and then the abstract) come first.
    expect(order(rankWindow(hits, docs, 'codec neural'))).toEqual([0, 1, 3]);
  });

  it('breaks ties among equals by words matched, then score, then paper number', () => {
    const none = new Map([doc(0, 'a'), doc(1, 'b'), doc(2, 'c'), doc(3, 'd')]);
    const hits = [hit(3, 1, 5), hit(2, 2, 1), hit(1, 2, 3), hit(0, 2, 3)];
    expect(order(rankWindow(hits, none, 'two words'))).toEqual([0, 1, 2, 3]);
  });

  it('leaves a paper without its text, and papers alike, in the ranked order, and does not change the input', () => {
    const hits = [hit(2, 1, 1), hit(1, 1, 9), hit(9, 1, 5)];
    const copy = structuredClone(hits);
    // Papers 1 and 2 both say "speech", in the title, as a whole word: the engine's order stands.
    expect(order(rankWindow(hits, docs, 'speech'))).toEqual([2, 1, 9]);
    expect(rankWindow(hits, docs, 'speech')).not.toBe(hits);
    // Paper 9 has no text here: it gets no lift, and what has one still comes first.
    expect(order(rankWindow(hits, docs, 'neural codec'))).toEqual([1, 2, 9]);
    expect(hits).toEqual(copy);
  });

  it('puts the word itself above longer words that start with it: in the title, then in the abstract', () => {
    const words = new Map([
      doc(0, 'Lossless compression of text'),
      doc(1, 'A perceptual loss for codecs'),
      doc(2, 'Codecs', 'Lossy codecs.'),
      doc(3, 'Codecs', 'Their losses, counted.'),
    ]);
    const hits = [hit(0, 1, 9), hit(2, 1, 8), hit(3, 1, 7), hit(1, 1, 6)];
    expect(order(rankWindow(hits, words, 'loss'))).toEqual([1, 3, 0, 2]);
    // Code, not codecs: "codecs" starts with "code" but is another word.
    expect(order(rankWindow([hit(2, 1, 9), hit(5, 1, 1)], new Map([doc(2, 'Codecs'), doc(5, 'Code search')]), 'code'))).toEqual([5, 2]);
  });
});

describe('highlighting', () => {
  it('marks words starting with a searched word, leaving HTML as text', () => {
    expect(highlight('<b>Neural</b> codecs & more', ['codec'])).toEqual([
      { text: '<b>Neural</b> ', mark: false },
      { text: 'codecs', mark: true },
      { text: ' & more', mark: false },
    ]);
  });

  it('marks a word at the very start and the very end without empty runs, and marks any of the words', () => {
    expect(highlight('Codec and neural', ['codec', 'neural'])).toEqual([
      { text: 'Codec', mark: true },
      { text: ' and ', mark: false },
      { text: 'neural', mark: true },
    ]);
    expect(highlight('neural codec', ['neural', 'codec'])).toEqual([
      { text: 'neural', mark: true },
      { text: ' ', mark: false },
      { text: 'codec', mark: true },
    ]);
  });

  it('marks by the start of a word only, and gives the whole text back unmarked when nothing matches', () => {
    expect(highlight('transcodec codecs', ['codec'])).toEqual([
      { text: 'transcodec ', mark: false },
      { text: 'codecs', mark: true },
    ]);
    expect(highlight('nothing here', ['codec'])).toEqual([{ text: 'nothing here', mark: false }]);
    expect(highlight('', ['codec'])).toEqual([]);
  });
});

describe('snippets', () => {
  const words = (n: number, word = 'word') => Array.from({ length: n }, (_, i) => `${word}${i}`).join(' ');

  it('centres a long abstract on its first match, a third of the length before it, with ellipses on both cut sides', () => {
    const text = `${words(60)} target here and more ${words(60, 'tail')}`;
    const s = snippet(text, ['target'], 100);
    expect(s.startsWith('…')).toBe(true);
    expect(s.endsWith('…')).toBe(true);
    const before = s.slice(1, s.indexOf('target'));
    // About a third of the length comes before the match, cut at a word boundary.
    expect(before.length).toBeGreaterThan(20);
    expect(before.length).toBeLessThanOrEqual(40);
    expect(before.startsWith('word')).toBe(true);
    expect(s.length).toBeLessThanOrEqual(102);
    expect(s.slice(1, -1)).not.toMatch(/\s$/);
    expect(text).toContain(s.slice(1, -1));
  });

  it('ends without an ellipsis when the window reaches the end of the abstract', () => {
    const text = `${words(60)} target end`;
    const s = snippet(text, ['target'], 100);
    expect(s.startsWith('…')).toBe(true);
    expect(s.endsWith('target end')).toBe(true);
    expect(text.endsWith(s.slice(1))).toBe(true);
  });

  it('starts at the beginning when the first match is early, cutting a long text at a word with one ellipsis', () => {
    const text = `An early target ${words(80)}`;
    const s = snippet(text, ['target'], 100);
    expect(s.startsWith('An early target')).toBe(true);
    expect(s.endsWith('…')).toBe(true);
    expect(s.length).toBeLessThanOrEqual(101);
    expect(text.startsWith(s.slice(0, -1))).toBe(true);
    expect(s.slice(0, -1)).not.toMatch(/\s$/);
    expect(text.charAt(s.length - 1)).toBe(' ');
  });

  it('gives a short text whole, and the opening of a long one when no word matches', () => {
    expect(snippet('A short abstract.', ['target'], 100)).toBe('A short abstract.');
    const exactly = 'x'.repeat(100);
    expect(snippet(exactly, ['target'], 100)).toBe(exactly);
    const long = words(80);
    const s = snippet(long, ['absent'], 100);
    expect(s.endsWith('…')).toBe(true);
    expect(long.startsWith(s.slice(0, -1))).toBe(true);
    expect(s.length).toBeGreaterThan(80);
  });

  it('uses 220 characters by default', () => {
    const s = snippet(words(100), ['absent']);
    expect(s.length).toBeGreaterThan(200);
    expect(s.length).toBeLessThanOrEqual(221);
  });
});

describe('the line above the results', () => {
  const all = { matches: 12, complete: true, topics: 0 };
  it('counts the papers and quotes the query once', () => {
    expect(searchStatus('speech codec', all)).toBe('12 papers match “speech codec”.');
    expect(searchStatus('"speech codec"', all)).toBe('12 papers match the phrase “speech codec”.');
    expect(searchStatus('"speech codec" -vq', all)).toBe('12 papers match “"speech codec" -vq”.');
    expect(searchStatus('"speech codec', all)).toBe('12 papers match “"speech codec”.');
    expect(searchStatus('speech "neural codec"', all)).toBe('12 papers match “speech "neural codec"”.');
    expect(searchStatus('" speech codec "', all)).toBe('12 papers match the phrase “speech codec”.');
  });
  it('says one paper, none, at least, and the topic filter', () => {
    expect(searchStatus('codec', { matches: 1, complete: true, topics: 0 })).toBe('1 paper matches “codec”.');
    expect(searchStatus('"vq gan"', { matches: 0, complete: true, topics: 1 })).toBe('No papers match the phrase “vq gan” in the chosen topic.');
    expect(searchStatus('codec', { matches: 40, complete: false, topics: 3 })).toBe('At least 40 papers match “codec” in 3 chosen topics.');
  });
});
