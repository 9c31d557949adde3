import { describe, expect, it } from 'vitest';
import { countOf, evidencePhrase, listInWords, rankPhrase } from '../src/lib/text/wording';

describe('wording', () => {
  it('lists items as a sentence does', () => {
    expect(listInWords([])).toBe('');
    expect(listInWords(['a'])).toBe('a');
    expect(listInWords(['a', 'b'])).toBe('a and b');
    expect(listInWords(['a', 'b', 'c'])).toBe('a, b and c');
  });

  it('counts with the noun in the right number', () => {
    expect(countOf(1, 'paper')).toBe('1 paper');
    expect(countOf(0, 'paper')).toBe('0 papers');
    expect(countOf(20000, 'paper')).toBe('20,000 papers');
  });

  it('says why a topic was given, in words', () => {
    expect(evidencePhrase(['dual encoder', 'retrieval'])).toBe('for “dual encoder” and “retrieval”');
    expect(evidencePhrase(['set by hand'])).toBe('set by hand');
    expect(evidencePhrase([])).toBe('set by hand');
    expect(evidencePhrase(['codec'])).toBe('for “codec”');
    expect(evidencePhrase(['Dual Encoders', 'retrieval', 'dual encoder'])).toBe('for “Dual Encoders” and “retrieval”');
    // Records written before the tagger left out phrases a longer one says still read so on the page.
    expect(evidencePhrase(['Recognition', 'ImageNet', 'Image Recognition', 'image'])).toBe('for “ImageNet” and “Image Recognition”');
  });

  it('gives a rank with its day', () => {
    expect(rankPhrase(12, '2026-11-26')).toBe('#12 on 26 November 2026');
  });
});
