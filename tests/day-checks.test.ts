import { describe, expect, it } from 'vitest';
import { dayWarnings, daysToCheck, type DayPapers } from '../src/lib/ingest/day-checks';

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

  it('takes the median of an even number of days, in whatever order they come, and of the last seven only', () => {
    const four = [day('2026-11-26', many('c', 400)), day('2026-11-23', many('a', 100)), day('2026-11-25', many('b', 300)), day('2026-11-24', many('e', 200))];
    expect(dayWarnings(day('2026-11-27', many('d', 124)), four, options)).toEqual([
      'it has 124 papers, under half the usual 250 (the median of the 4 days before): a paste cut off?',
    ]);
    expect(dayWarnings(day('2026-11-27', many('d', 125)), four, options)).toEqual([]);
    const sizes = [100, 100, 100, 100, 200, 200, 200, 1000, 1000];
    const nine = sizes.map((n, i) => day(`2026-11-${String(26 - i).padStart(2, '0')}`, many(`p${i}-`, n)));
    // The seven latest days' median is 100; with the two older ones it would be 200.
    expect(dayWarnings(day('2026-11-27', many('d', 60)), nine, options)).toEqual([]);
  });

  it('says “day” for one day before', () => {
    expect(dayWarnings(day('2026-11-27', many('d', 10)), [day('2026-11-26', many('c', 224))], options)).toEqual([
      'it has 10 papers, under half the usual 224 (the median of the 1 day before): a paste cut off?',
    ]);
  });

  it('compares with the newest day however the days are ordered, and the day before with the one just before it', () => {
    const shuffled = [history[2]!, history[0]!, history[1]!];
    expect(dayWarnings(day('2026-11-25', many('z', 220)), shuffled, options)).toEqual([
      'it is dated 2026-11-25, before the newest day already in the digest (2026-11-26); to fill in a missed day, say so with --backfill',
    ]);
    // A backfilled 25 November holding 24 November's papers is that page pasted again; 26 November's are later.
    expect(dayWarnings(day('2026-11-25', many('a', 200)), shuffled, { ...options, backfill: true })).toEqual([
      'every one of its 200 papers is already in the dump of 2026-11-24: the same page pasted again?',
    ]);
    expect(dayWarnings(day('2026-11-25', many('c', 224)), shuffled, { ...options, backfill: true })).toEqual([]);
  });

  it('does not call a day of the same date as the newest older, nor an empty day a page pasted again', () => {
    expect(dayWarnings(day('2026-11-26', many('z', 220)), history.slice(0, 2).concat(day('2026-11-26', many('c', 224))), options)).toEqual([]);
    expect(dayWarnings(day('2026-11-27', []), history, options)).toEqual([
      'it has 0 papers, under half the usual 220 (the median of the 3 days before): a paste cut off?',
    ]);
  });

  it('has nothing to compare the first day with', () => {
    expect(dayWarnings(day('2026-11-27', many('d', 3)), [], options)).toEqual([]);
  });
});

describe('daysToCheck', () => {
  const dates = ['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06', '2026-11-07', '2026-11-08', '2026-11-09', '2026-11-10'];
  it('is the day, the seven days before it and the newest day: all a check reads', () => {
    expect([...daysToCheck('2026-11-11', [...dates, '2026-11-10'])].sort()).toEqual(dates.slice(3).concat('2026-11-11'));
    expect([...daysToCheck('2026-11-05', dates)].sort()).toEqual(['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-10']);
  });

  it('gives dayWarnings the same answer as every day would', () => {
    const all = dates.map((date, i) => ({ date, keys: new Set(Array.from({ length: i === 9 ? 3 : 20 + i }, (_, k) => `${date}-${k}`)) }));
    const checked = all.at(-1)!;
    const some = all.filter((d) => daysToCheck(checked.date, dates).has(d.date) && d !== checked);
    const options = { today: '2026-11-30', backfill: false };
    expect(dayWarnings(checked, some, options)).toEqual(dayWarnings(checked, all.slice(0, -1), options));
    expect(dayWarnings(checked, some, options)).toHaveLength(1);
  });
});
