/** Days as people read them. Pure and time-zone proof: days are strings, never local times. */

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `2026-11-26` → `26 November 2026`, the same on every machine and in every time zone. */
export function formatDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${d} ${MONTHS[(m ?? 1) - 1]} ${y}`;
}

/** A day as an RFC 3339 instant at midnight UTC, for feeds and `<time datetime>`. */
export function dayToDate(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}
