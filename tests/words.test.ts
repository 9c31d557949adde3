/** Word forms (src/lib/text/words.ts), folded alike for the tagger's rules and for search. */
import { describe, expect, it } from 'vitest';
import { foldWord, foldWordAsTyped, foldedWords, tokenize } from '../src/lib/text/words';

describe('word forms', () => {
  it.each([
    ['quantisation', 'quantization'],
    ['Quantization', 'quantization'],
    ['encoders', 'encoder'],
    ['codecs', 'codec'],
    ['binarised', 'binarized'],
    ['analyse', 'analyze'],
    ['bias', 'bias'],
  ])('%s folds to %s', (word, form) => expect(foldWord(word)).toBe(form));

  it('tokenizes with each word where it stands, repeated words and accents included', () => {
    const text = '“Naïve” codecs, codec-free: Codecs!';
    expect(tokenize(text).map((t) => [t.form, text.slice(t.start, t.end)])).toEqual([
      ['naive', 'Naïve'],
      ['codec', 'codecs'],
      ['codec', 'codec'],
      ['free', 'free'],
      ['codec', 'Codecs'],
    ]);
    expect(tokenize(' ,; ')).toEqual([]);
  });
});

describe('foldWordAsTyped and foldedWords', () => {
  it('keeps the final s of a word still being typed, and folds a text’s words without positions', () => {
    expect(foldWordAsTyped('acces')).toBe('acces');
    expect(foldWordAsTyped('codecs')).toBe('codecs');
    expect(foldWordAsTyped('Quantisation')).toBe('quantization');
    expect(foldWordAsTyped('studies')).toBe('study');
    expect(foldWordAsTyped('Bias')).toBe('bias');
    expect(foldedWords('Quantised codecs, naïvely!')).toEqual(['quantized', 'codec', 'naively']);
    expect(foldedWords(' — ')).toEqual([]);
  });
});
