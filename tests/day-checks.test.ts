import { describe, expect, it } from 'vitest';
import { dayWarnings, type DayPapers } from '../src/lib/ingest/day-checks';

const day = (date: string, keys: string[]): DayPapers => ({ date, keys: new Set(keys) });
const many = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
const history = [day('2026-11-24', many('a', 200)), day('2026-11-25', many('b', 220)), day('2026-11-26', many('c', 224))];
const options = { today: '2026-11-27', backfill: false };

describe('dayWarnings', () => {
  it('finds nothing wrong with an ordinary next day', () => {
    expect(dayWarnings(day('2026-11-27', [...many('d', 200), ...many('c', 24)]), history, options)).toEqual([]);
  });

  it('warns of a day after today', () => {
    expect(dayWarnings(day('2026-11-28', many('d', 220)), history, options)).toEqual(['it is dated 2026-11-28, after today (2026-11-27)']);
  });

  it('warns of a day before the newest, unless it is a backfill', () => {
    const missed = day('2026-11-20', many('z', 210));
    expect(dayWarnings(missed, history, options)).toEqual([
      'it is dated 2026-11-20, before the newest day already in the digest (2026-11-26); to fill in a missed day, say so with --backfill',
    ]);
    expect(dayWarnings(missed, history, { ...options, backfill: true })).toEqual([]);
  });

  it('warns of yesterday’s page pasted again', () => {
    expect(dayWarnings(day('2026-11-27', many('c', 224)), history, options)).toEqual([
      'every one of its 224 papers is already in the dump of 2026-11-26: the same page pasted again?',
    ]);
  });

  it('warns of a paste cut off: under half the median of the last seven days', () => {
    expect(dayWarnings(day('2026-11-27', many('d', 109)), history, options)).toEqual([
      'it has 109 papers, under half the usual 220 (the median of the 3 days before): a paste cut off?',
    ]);
    expect(dayWarnings(day('2026-11-27', many('d', 110)), history, options)).toEqual([]);
  });

  it('has nothing to compare the first day with', () => {
    expect(dayWarnings(day('2026-11-27', many('d', 3)), [], options)).toEqual([]);
  });
});
