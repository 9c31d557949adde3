/** What topics review says of the unsorted papers (src/lib/topics/review.ts). */
import { describe, expect, it } from 'vitest';
import { recurringWords } from '../src/lib/topics/review';

const sorted = [
  'Efficient Learning of Neural Codecs',
  'Deep Learning for Speech',
  'Neural Networks for Vision',
  'Learning to Compress Images',
  'Learning Representations at Scale',
  'Efficient Attention for Language Models',
];

describe('recurringWords', () => {
  it('lists the words two or more unsorted titles share, most used first, as the titles spell them inside a sentence', () => {
    const unsorted = ['Humanoid Robots that Walk', 'Learning Locomotion for a Robot', 'Robot Locomotion on Ice', 'Crystal Graphs for GNNs'];
    // "Robot" twice and "Robots" once are one word, spelt the way most titles spell it; a capital that only starts a word
    // is not kept.
    expect(recurringWords(unsorted, sorted)).toEqual([
      { word: 'robot', papers: 3 },
      { word: 'locomotion', papers: 2 },
    ]);
  });

  it('leaves out words as common among the sorted titles, words any model has, stopwords and numbers', () => {
    const unsorted = ['Efficient Deep Learning for Rainfall in 2024', 'Efficient Deep Learning of Rainfall in 2024', 'The Rainfall of the Alps'];
    // "Learning" is in four of the six sorted titles: no more common among these; "efficient" and "deep" say nothing of a subject.
    expect(recurringWords(unsorted, sorted)).toEqual([{ word: 'rainfall', papers: 3 }]);
  });

  it('keeps a word three times as common among these as among the others, and not one less', () => {
    const unsorted = ['Ice Sheets', 'Ice Cores', 'Ice Ages', 'Glaciers'];
    // Three of four unsorted titles (0.75) against one of four others (0.25 × 3 = 0.75): exactly three times, theirs.
    expect(recurringWords(unsorted, ['Ice Rinks', 'Codecs', 'Vision', 'Speech'])).toEqual([{ word: 'ice', papers: 3 }]);
    // Against two of six others (0.33 × 3 = 1): not theirs.
    expect(recurringWords(unsorted, ['Ice Rinks', 'Ice Cream', 'Codecs', 'Vision', 'Speech', 'Text'])).toEqual([]);
    // Shares, not counts: two of two against one of ten.
    expect(recurringWords(['Ice Sheets', 'Ice Cores'], ['Ice Rinks', ...Array.from({ length: 9 }, (_, i) => `Codec ${i}`)])).toEqual([
      { word: 'ice', papers: 2 },
    ]);
  });

  it('counts words with digits but not numbers, and not words of two letters or words any model has', () => {
    expect(recurringWords(['FP8 Training at 2048', 'FP8 Inference at 2048'], sorted)).toEqual([{ word: 'FP8', papers: 2 }]);
    expect(recurringWords(['2bit Weights', '2bit Codes'], sorted)).toEqual([{ word: '2bit', papers: 2 }]);
    expect(recurringWords(['AI Ice', 'AI Ethics'], sorted)).toEqual([]);
    const generic = 'Efficient Deep High Low Fast Robust Scalable Simple Accurate Stable Versatile';
    expect(recurringWords([generic, generic], sorted)).toEqual([]);
  });

  it('takes a word of one title once, orders equals alphabetically, and stops at the limit and the minimum', () => {
    const unsorted = ['Zebra Zebra Apes', 'Zebra Apes', 'Moths Moths', 'Moths'];
    const words = [
      { word: 'apes', papers: 2 },
      { word: 'moths', papers: 2 },
      { word: 'zebra', papers: 2 },
    ];
    expect(recurringWords(unsorted, [])).toEqual(words);
    expect(recurringWords(unsorted, sorted)).toEqual(words);
    expect(recurringWords(unsorted, sorted, 2, 1)).toEqual([words[0]]);
    expect(recurringWords(unsorted, sorted, 3)).toEqual([]);
    expect(recurringWords([], sorted)).toEqual([]);
  });
});
