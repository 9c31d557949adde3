/**
 * Signs that a day's dump is wrong in a way that still parses: a date in the future, a day older than the newest
 * (a missed day filled in without saying so), yesterday's page pasted again, a paste cut off halfway. Pure: the
 * command line prints them as warnings, and `--strict` (the deploy workflow) refuses the dump.
 */
import type { Day } from '../schema';

export interface DayPapers {
  date: Day;
  /** The papers' title keys (`titleKey`). */
  keys: ReadonlySet<string>;
}

export interface DayCheckOptions {
  /** Today where ingest runs. */
  today: Day;
  /** The person says this dump fills in a missed day. */
  backfill: boolean;
}

/** A day with fewer than this share of the usual papers looks cut off. */
export const TRUNCATED_SHARE = 0.5;
/** How many earlier days "the usual" is the median of. */
export const USUAL_DAYS = 7;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** What looks wrong with `day` given the days already in the digest (any order; `day` itself left out), one sentence each. */
export function dayWarnings(day: DayPapers, others: readonly DayPapers[], options: DayCheckOptions): string[] {
  const warnings: string[] = [];
  const before = others.filter((d) => d.date < day.date).sort((a, b) => (a.date < b.date ? 1 : -1));
  const newest = others.reduce<Day | undefined>((max, d) => (max === undefined || d.date > max ? d.date : max), undefined);
  if (day.date > options.today) warnings.push(`it is dated ${day.date}, after today (${options.today})`);
  if (newest !== undefined && day.date < newest && !options.backfill)
    warnings.push(`it is dated ${day.date}, before the newest day already in the digest (${newest}); to fill in a missed day, say so with --backfill`);
  const previous = before[0];
  if (previous && day.keys.size > 0 && [...day.keys].every((k) => previous.keys.has(k)))
    warnings.push(`every one of its ${day.keys.size} papers is already in the dump of ${previous.date}: the same page pasted again?`);
  const recent = before.slice(0, USUAL_DAYS).map((d) => d.keys.size);
  if (recent.length > 0) {
    const usual = median(recent);
    if (day.keys.size < usual * TRUNCATED_SHARE)
      warnings.push(
        `it has ${day.keys.size} papers, under half the usual ${usual} (the median of the ${recent.length} day${recent.length > 1 ? 's' : ''} before): a paste cut off?`,
      );
  }
  return warnings;
}

/**
 * The days `dayWarnings` reads to check `day`, of all the digest's `dates`: the day itself, the `USUAL_DAYS` days
 * before it and the newest day, so a check needs only their dumps.
 */
export function daysToCheck(day: Day, dates: readonly Day[]): Set<Day> {
  const distinct = [...new Set(dates)].sort();
  const before = distinct.filter((d) => d < day).slice(-USUAL_DAYS);
  return new Set([day, ...before, ...distinct.slice(-1)]);
}
