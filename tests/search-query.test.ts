/** The query language (src/lib/search/query.ts): phrases, exclusions, words being typed. */
import { describe, expect, it } from 'vitest';
import { containsPhrase, parseQuery } from '../src/lib/search/query';

describe('the query language', () => {
  it('reads phrases, exclusions and plain words; a hyphen inside a word is part of it', () => {
    expect(parseQuery('"speech codec" low -music -"text to speech" state-of-the-art -state-of-the-art')).toEqual({
      words: ['speech', 'codec', 'low', 'state', 'of', 'the', 'art'],
      phrases: [{ words: ['speech', 'codec'], open: false }],
      excluded: ['music'],
      excludedPhrases: [
        { words: ['text', 'to', 'speech'], open: false },
        { words: ['state', 'of', 'the', 'art'], open: false },
      ],
    });
    expect(parseQuery('"speech cod')).toMatchObject({ words: ['speech', 'cod'], phrases: [{ words: ['speech', 'cod'], open: true }] });
    expect(parseQuery('codec -codec').excluded).toEqual([]);
    expect(parseQuery('"codec" -').phrases).toEqual([]);
  });

  it('matches a phrase as consecutive words, the last one a prefix while it is being typed', () => {
    expect(containsPhrase('A neural speech codec at 6 kbps', { words: ['speech', 'codec'], open: false })).toBe(true);
    expect(containsPhrase('A speech and audio codec', { words: ['speech', 'codec'], open: false })).toBe(false);
    expect(containsPhrase('Speech codecs, compared', { words: ['speech', 'codec'], open: false })).toBe(true);
    expect(containsPhrase('A speech codec', { words: ['speech', 'cod'], open: true })).toBe(true);
    expect(containsPhrase('A speech codec', { words: ['speech', 'cod'], open: false })).toBe(false);
  });
});
