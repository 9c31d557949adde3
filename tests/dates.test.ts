/** Days as people read them (src/lib/text/dates.ts): strings, never local times. */
import { describe, expect, it } from 'vitest';
import { addDays, dayToDate, formatDay, formatMonth, formatShortDay, formatWeek, isoWeek, monthOf } from '../src/lib/text/dates';

describe('dates', () => {
  it('writes a day the same in every time zone', () => {
    expect(formatDay('2026-11-26')).toBe('26 November 2026');
    expect(formatDay('2027-01-01')).toBe('1 January 2027');
  });

  it('makes a day an instant at midnight UTC', () => {
    expect(dayToDate('2026-11-26').toISOString()).toBe('2026-11-26T00:00:00.000Z');
  });
});

describe('short days, months and shifts', () => {
  it('writes a day inside a list, and a month', () => {
    expect(formatShortDay('2026-11-26')).toBe('26 Nov');
    expect(formatShortDay('2027-01-01')).toBe('1 Jan');
    expect(formatMonth('2026-11')).toBe('November 2026');
    expect(formatMonth('2027-01')).toBe('January 2027');
    expect(monthOf('2026-11-26')).toBe('2026-11');
  });

  it('shifts a day across months, years and a leap day', () => {
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2026-11-26', -7)).toBe('2026-11-19');
    expect(addDays('2026-11-26', 0)).toBe('2026-11-26');
  });
});

describe('ISO weeks', () => {
  it.each([
    ['2026-11-26', '2026-W48', 'Week 48: 23–29 November 2026'],
    ['2026-11-30', '2026-W49', 'Week 49: 30 November – 6 December 2026'],
    ['2026-01-01', '2026-W01', 'Week 1: 29 December 2025 – 4 January 2026'],
    ['2021-01-03', '2020-W53', 'Week 53: 28 December 2020 – 3 January 2021'],
    ['2024-12-30', '2025-W01', 'Week 1: 30 December 2024 – 5 January 2025'],
  ])('%s is in %s (%s)', (day, key, label) => {
    expect(isoWeek(day).key).toBe(key);
    expect(formatWeek(isoWeek(day))).toBe(label);
  });
});

describe("an ISO week's days", () => {
  it('runs Monday to Sunday', () => {
    expect(isoWeek('2026-11-26')).toEqual({ key: '2026-W48', first: '2026-11-23', last: '2026-11-29' });
    expect(isoWeek('2026-11-23')).toEqual(isoWeek('2026-11-29'));
    expect(isoWeek('2026-11-30').first).toBe('2026-11-30');
  });
});

describe('month names', () => {
  it.each([
    ['01', 'January', 'Jan'],
    ['02', 'February', 'Feb'],
    ['03', 'March', 'Mar'],
    ['04', 'April', 'Apr'],
    ['05', 'May', 'May'],
    ['06', 'June', 'Jun'],
    ['07', 'July', 'Jul'],
    ['08', 'August', 'Aug'],
    ['09', 'September', 'Sep'],
    ['10', 'October', 'Oct'],
    ['11', 'November', 'Nov'],
    ['12', 'December', 'Dec'],
  ])('month %s is %s (%s)', (m, name, short) => {
    expect(formatDay(`2026-${m}-09`)).toBe(`9 ${name} 2026`);
    expect(formatShortDay(`2026-${m}-09`)).toBe(`9 ${short}`);
    expect(formatMonth(`2026-${m}`)).toBe(`${name} 2026`);
  });
});
