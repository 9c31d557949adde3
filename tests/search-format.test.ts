/** The search index's file format (src/lib/search/format.ts, and the packing in build.ts). */
import { describe, expect, it } from 'vitest';
import { packTerms } from '../src/lib/search/build';
import { decodePostings, encodePostings, indexTokens, packFor, recordPlaces, recordRuns } from '../src/lib/search/format';

describe('index tokens', () => {
  it('indexes words and their prefixes, folded', () => {
    expect(indexTokens('Quantisation')).toEqual(['quantization', 'quanP', 'quantP', 'quantiP', 'quantizP', 'quantizaP']);
    // A word's own token and the start of a longer word are different terms.
    expect(indexTokens('code codec')).toEqual(['code', 'codec', 'codeP']);
  });
});

describe('the index format', () => {
  it('writes postings as base-36 gaps, bucket by bucket, and reads them back', () => {
    const buckets = [[3, 40, 41], null, [7], [], [100000]];
    expect(encodePostings(buckets)).toBe('3,11,1||7||255s');
    expect(decodePostings(encodePostings(buckets))).toEqual([[3, 40, 41], null, [7], null, [100000]]);
    expect(encodePostings([[1], null, null])).toBe('1');
  });

  it('packs sorted terms by size, never splitting one, and finds the pack a term sorts into', () => {
    const title = new Map([['codec', 'x'.repeat(10)]]);
    const body = new Map([
      ['codec', 'x'.repeat(30)],
      ['apple', 'x'.repeat(50)],
      ['zebra', 'x'.repeat(5)],
      ['compress', 'x'.repeat(200)],
    ]);
    const packs = packTerms(title, body, 60);
    // apple fills a pack; codec starts the next, which compress (larger than a pack on its own) still joins.
    expect(packs.map((p) => p.first)).toEqual(['apple', 'codec', 'zebra']);
    expect(packs[1]!.pack).toEqual({
      t: [['codec', 'x'.repeat(10)]],
      b: [
        ['codec', 'x'.repeat(30)],
        ['compress', 'x'.repeat(200)],
      ],
    });
    const firsts = packs.map((p) => p.first);
    expect(['aardvark', 'apple', 'banana', 'codec', 'codex', 'compress', 'zzz'].map((w) => packFor(w, firsts))).toEqual([0, 0, 0, 1, 1, 1, 2]);
  });

  it('places records by their sizes, a new file every 1,000 papers, and merges nearby ranges', () => {
    const sizes = Array.from({ length: 1002 }, (_, i) => (i === 1 ? 'z' : 'a')).join(',');
    const places = recordPlaces(sizes);
    expect(places.slice(0, 3)).toEqual([
      { file: 0, start: 0, end: 10 },
      { file: 0, start: 10, end: 45 },
      { file: 0, start: 45, end: 55 },
    ]);
    expect(places[1000]).toEqual({ file: 1, start: 0, end: 10 });
    expect(recordPlaces('')).toEqual([]);
    expect(recordRuns([places[1000]!, places[2]!, places[0]!, { file: 0, start: 5000, end: 5010 }])).toEqual([
      { file: 0, start: 0, end: 55 },
      { file: 0, start: 5000, end: 5010 },
      { file: 1, start: 0, end: 10 },
    ]);
  });
});
