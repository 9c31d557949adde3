/** Word forms (src/lib/text/words.ts), folded alike for the tagger's rules and for search. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDump } from '../src/lib/ingest/parse';
import { plainAbstract } from '../src/lib/text/text';
import { foldWord, foldWordAsTyped, foldedWords, spellingsIn, tokenArrays, tokenize } from '../src/lib/text/words';
import { BUNDLED_DUMP, EXTRA_DUMP } from './helpers';

describe('word forms', () => {
  it.each([
    ['quantisation', 'quantization'],
    ['Quantization', 'quantization'],
    ['encoders', 'encoder'],
    ['codecs', 'codec'],
    ['binarised', 'binarized'],
    ['analyse', 'analyze'],
    ['bias', 'bias'],
    // Lower-case words, which are read without a lookup when they fold to themselves.
    ['codecs', 'codec'],
    ['studies', 'study'],
    ['organisation', 'organization'],
    ['realised', 'realized'],
    ['paralyse', 'paralyze'],
    ['raise', 'raise'],
    ['basis', 'basis'],
    ['x20', 'x20'],
    ['ÉÈ', 'ee'],
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

  it('reads the words /[\\p{L}\\p{N}]+/gu finds, where it finds them, folded as foldWord folds them', () => {
    const edges = [
      'Café naïve e\u0301te\u0301 ÉCOLE coöperate',
      '𝑥𝑦 math 𝐀𝐁 x² ½ Ⅻ',
      'Ωmega βeta 中文字 日本語テキスト',
      'emoji 😀 text, a lone \ud800 surrogate\udc00 and \udbffx',
      '\u00a0nbsp\u2009thin\u200bzero-width',
      'quantisation Organisations analyses ANALYSES Noises noises',
      'GPUs LLMs 4bit W4A16 FP8 x20 3D is ys iss basis bias',
      'İstanbul ǅemal straße ﬁne',
      'a-b_c.d/e',
      // Just past ASCII, and the last character of the BMP: neither is part of a word, nor takes the next with it.
      'x\u0080y\uffffz\u00ad',
      '',
      '   ',
    ];
    const texts = [BUNDLED_DUMP, EXTRA_DUMP].flatMap((file) =>
      parseDump(readFileSync(file, 'utf8'), file).papers.flatMap((p) => [p.title, plainAbstract(p.abstract)]),
    );
    for (const text of [...edges, ...texts]) {
      const found = [...text.matchAll(/[\p{L}\p{N}]+/gu)];
      const expected = { forms: found.map((m) => foldWord(m[0])), starts: found.map((m) => m.index), ends: found.map((m) => m.index + m[0].length) };
      expect(tokenArrays(text)).toEqual(expected);
      expect(foldedWords(text)).toEqual(expected.forms);
    }
  });
});

describe('spellingsIn', () => {
  it('gives each folded word as the text spells it most, a capital that only starts a word read as lower case', () => {
    const text = 'Speech codecs. The ASR speech model; speech, Speech, NeRV and NERV.';
    expect(spellingsIn(text, new Set(['speech', 'asr', 'codec', 'nerv', 'absent']))).toStrictEqual(
      new Map([
        ['speech', 'speech'],
        ['codec', 'codecs'],
        ['asr', 'ASR'],
        ['nerv', 'NeRV'],
      ]),
    );
    expect(spellingsIn('Transformers. Transformers!', new Set(['transformer']))).toStrictEqual(new Map([['transformer', 'transformers']]));
    // Folding may change a word's third letter; only whole words count, after a letter outside the BMP too.
    expect(spellingsIn('Tries, tries and rising.', new Set(['try', 'rizing']))).toStrictEqual(
      new Map([
        ['try', 'tries'],
        ['rizing', 'rising'],
      ]),
    );
    expect(spellingsIn('xasr ASR 𝐀asr 𝐀asr asr2', new Set(['asr']))).toStrictEqual(new Map([['asr', 'ASR']]));
    // A dash outside ASCII ends a word as a space does; other words that start the same are not the word.
    expect(spellingsIn('ASR—asr—asr', new Set(['asr']))).toStrictEqual(new Map([['asr', 'asr']]));
    expect(spellingsIn('ASR, as in as', new Set(['asr']))).toStrictEqual(new Map([['asr', 'ASR']]));
  });
});

describe('foldWordAsTyped and foldedWords', () => {
  it('keeps the final s of a word still being typed, and folds a text’s words without positions', () => {
    expect(foldWordAsTyped('acces')).toBe('acces');
    expect(foldWordAsTyped('codecs')).toBe('codecs');
    expect(foldWordAsTyped('Quantisation')).toBe('quantization');
    expect(foldWordAsTyped('studies')).toBe('study');
    expect(foldWordAsTyped('Bias')).toBe('bias');
    expect(foldWordAsTyped('scans')).toBe('scans');
    expect(foldWordAsTyped('stress')).toBe('stress');
    expect(foldWordAsTyped('Naïves')).toBe('naives');
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
    // -es after a hiss is the plural's syllable; a singular that ends in that e keeps it; four letters are too few.
    ['patches', 'patch'],
    ['Approaches', 'approach'],
    ['losses', 'loss'],
    ['classes', 'class'],
    ['meshes', 'mesh'],
    ['boxes', 'box'],
    ['indexes', 'index'],
    ['caches', 'cache'],
    ['niches', 'niche'],
    // Only a final -es is the plural's: "chessboards" is "chessboard", "orchestras" stays.
    ['chessboards', 'chessboard'],
    ['orchestras', 'orchestras'],
    ['axes', 'axe'],
    ['sizes', 'size'],
    ['responses', 'response'],
    ['corpus', 'corpus'],
    ['analysis', 'analysis'],
    ['atlas', 'atlas'],
    ['gas', 'gas'],
    ['bus', 'bus'],
    // A singular in -as or -us whose plural adds -es: "biases" is "bias"; the other -ses words are plurals of -se.
    ['biases', 'bias'],
    ['Biases', 'bias'],
    ['viruses', 'virus'],
    ['statuses', 'status'],
    ['corpuses', 'corpus'],
    ['buses', 'bus'],
    ['bases', 'base'],
    ['phases', 'phase'],
    ['databases', 'database'],
    ['uses', 'use'],
    // Only -es after the singular: "gasps" is "gasp", "busts" "bust".
    ['gasps', 'gasp'],
    ['busts', 'bust'],
    ['its', 'its'],
    ['maps', 'map'],
    ['LLMs', 'llm'],
    ['Ångström', 'angstrom'],
    ['ÉCOLE', 'ecole'],
  ])('%s folds to %s', (word, form) => expect(foldWord(word)).toBe(form));

  it('folds the plural of each singular that ends in the e of -es to that singular, not one letter shorter', () => {
    const singulars = ['cache', 'niche', 'ache', 'headache', 'avalanche', 'cliche', 'psyche', 'moustache', 'mustache', 'attache'];
    for (const singular of [...singulars, 'creche', 'quiche', 'impasse', 'finesse', 'crevasse', 'posse', 'lacrosse']) {
      expect(foldWord(`${singular}s`)).toBe(singular);
      expect(foldWord(singular)).toBe(singular);
    }
  });

  it('folds the -es plural of each singular in -as and -us to that singular', () => {
    for (const singular of ['bias', 'alias', 'atlas', 'canvas', 'gas', 'virus', 'status', 'focus', 'bonus', 'campus']) {
      expect(foldWord(`${singular}es`)).toBe(singular);
      expect(foldWord(singular)).toBe(singular);
    }
    for (const singular of ['census', 'consensus', 'corpus', 'nexus', 'bus', 'apparatus', 'syllabus', 'hiatus', 'prospectus']) {
      expect(foldWord(`${singular}es`)).toBe(singular);
    }
  });

  it('gives offsets into the original text, accents and repeats included, and the same for the same word each time', () => {
    const text = 'café, Café; cafés';
    const tokens = tokenize(text);
    expect(tokens.map((t) => text.slice(t.start, t.end))).toEqual(['café', 'Café', 'cafés']);
    expect(tokens.map((t) => t.form)).toEqual(['cafe', 'cafe', 'cafe']);
    expect(foldedWords(text)).toEqual(['cafe', 'cafe', 'cafe']);
    expect(foldWord('Codecs')).toBe(foldWord('Codecs'));
  });
});
