/** Days as people read them. Pure and time-zone proof: days are strings, never local times. */
import { BoundedCache } from '../cache';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `2026-11-26` → `26 November 2026`, the same on every machine and in every time zone. */
export function formatDay(day: string): string {
  return formattedDays.get(day, (d) => {
    const [year, month, date] = d.split('-').map(Number);
    return `${date} ${MONTHS[(month ?? 1) - 1]} ${year}`;
  });
}

// A page names many days (each related paper's, each row's): a five-year archive has about 2,000 of them.
const formattedDays = new BoundedCache<string, string>(10_000);

/** A day as an RFC 3339 instant at midnight UTC, for feeds and `<time datetime>`. */
export function dayToDate(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

/** `2026-11-26` → `26 Nov`: a day inside a list that already says the year. */
export function formatShortDay(day: string): string {
  const [, m, d] = day.split('-').map(Number);
  return `${d} ${MONTHS[(m ?? 1) - 1]!.slice(0, 3)}`;
}

/** `2026-11` → `November 2026`. */
export function formatMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${MONTHS[(m ?? 1) - 1]} ${y}`;
}

/** The month of a day, `YYYY-MM`. */
export function monthOf(day: string): string {
  return day.slice(0, 7);
}

/** A day shifted by whole days, as `YYYY-MM-DD`. */
export function addDays(day: string, days: number): string {
  return new Date(dayToDate(day).getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

export interface IsoWeek {
  /** `2026-W48`: the ISO 8601 week, whose year is the year of its Thursday. */
  key: string;
  /** Its Monday and Sunday. */
  first: string;
  last: string;
}

/** The ISO 8601 week a day is in (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeek(day: string): IsoWeek {
  const weekday = (dayToDate(day).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const monday = addDays(day, -weekday);
  const thursday = addDays(monday, 3);
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor((dayToDate(thursday).getTime() - dayToDate(`${year}-01-01`).getTime()) / (7 * 86_400_000)) + 1;
  return { key: `${year}-W${String(week).padStart(2, '0')}`, first: monday, last: addDays(monday, 6) };
}

/** `Week 48: 23–29 November 2026`, with both months or years where the week spans them. */
export function formatWeek(week: IsoWeek): string {
  const number = Number(week.key.slice(6));
  const [first, last] = [formatDay(week.first), formatDay(week.last)];
  const [fd, fm, fy] = first.split(' ');
  const range = fy !== last.split(' ')[2] ? `${first} – ${last}` : fm !== last.split(' ')[1] ? `${fd} ${fm} – ${last}` : `${fd}–${last}`;
  return `Week ${number}: ${range}`;
}
