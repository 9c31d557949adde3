/** Text clean-up for the parser and the same-paper key (src/lib/ingest/normalise.ts). */
import { describe, expect, it } from 'vitest';
import { cleanLine, splitLines, titleKey } from '../src/lib/ingest/normalise';

describe('cleanLine', () => {
  it('removes control and invisible characters, counting them, and folds every kind of space to one', () => {
    expect(cleanLine('\u0007Neural\u200b\u00a0\u00a0Codecs\tat\u2003 Scale\ufeff ')).toEqual({ text: 'Neural Codecs at Scale', removed: 3 });
    expect(cleanLine('  plain  ')).toEqual({ text: 'plain', removed: 0 });
    expect(cleanLine('\u0085\u009f')).toEqual({ text: '', removed: 2 });
  });

  it('writes accents in one Unicode form (NFC)', () => {
    expect(cleanLine('Cafe\u0301').text).toBe('Caf\u00e9');
  });
});

describe('titleKey', () => {
  it('makes titles that differ only in case, spacing or Unicode form one key', () => {
    expect(titleKey('Neural  Codecs at\u00a0Scale')).toBe(titleKey('neural codecs AT scale'));
    expect(titleKey('Caf\u00e9 ﬁlters')).toBe(titleKey('Cafe\u0301 filters'));
    expect(titleKey('Neural Codecs')).not.toBe(titleKey('Neural Codec'));
    expect(titleKey(' Neural\tCodecs  at Scale ')).toBe('neuralcodecsatscale');
  });
});

describe('splitLines', () => {
  it('splits on every line ending, keeping empty lines', () => {
    expect(splitLines('a\r\nb\rc\nd\n\ne')).toEqual(['a', 'b', 'c', 'd', '', 'e']);
    expect(splitLines('')).toEqual(['']);
  });
});
