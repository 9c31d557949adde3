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

describe('folding, suffix by suffix', () => {
  it.each([
    ['organisations', 'organization'],
    ['organisation', 'organization'],
    ['optimise', 'optimize'],
    ['optimises', 'optimize'],
    ['optimised', 'optimized'],
    ['optimiser', 'optimizer'],
    ['optimisers', 'optimizer'],
    ['optimising', 'optimizing'],
    ['analyses', 'analyze'],
    ['analysed', 'analyzed'],
    ['analyser', 'analyzer'],
    ['analysers', 'analyzer'],
    ['analysing', 'analyzing'],
    // Too short to be a British -ise word: "rise", "raise" and "noise" stay, in the plural too.
    ['rise', 'rise'],
    ['raise', 'raise'],
    ['raises', 'raise'],
    ['noises', 'noise'],
    ['denoising', 'denoizing'],
    ['premises', 'premize'],
    ['studies', 'study'],
    ['policies', 'policy'],
    ['ties', 'tie'],
    ['lies', 'lie'],
    ['glass', 'glass'],
    ['corpus', 'corpus'],
    ['analysis', 'analysis'],
    ['atlas', 'atlas'],
    ['gas', 'gas'],
    ['bus', 'bus'],
    ['its', 'its'],
    ['maps', 'map'],
    ['LLMs', 'llm'],
    ['Ångström', 'angstrom'],
    ['ÉCOLE', 'ecole'],
  ])('%s folds to %s', (word, form) => expect(foldWord(word)).toBe(form));

  it('gives offsets into the original text, accents and repeats included, and the same for the same word each time', () => {
    const text = 'café, Café; cafés';
    const tokens = tokenize(text);
    expect(tokens.map((t) => text.slice(t.start, t.end))).toEqual(['café', 'Café', 'cafés']);
    expect(tokens.map((t) => t.form)).toEqual(['cafe', 'cafe', 'cafe']);
    expect(foldedWords(text)).toEqual(['cafe', 'cafe', 'cafe']);
    expect(foldWord('Codecs')).toBe(foldWord('Codecs'));
  });
});
