import { describe, expect, test } from 'vitest';
import { createPeriodCalendar } from './period-calendar';
import { civilFromDays, daysFromCivil, localIsoTime, zoneClock } from './zoned-time';

describe('zoned time', () => {
  test.each([
    ['America/New_York', '2025-03-09T12:00:00Z', -4 * 3600],
    ['America/New_York', '2025-01-15T12:00:00Z', -5 * 3600],
    ['Asia/Kolkata', '2025-06-01T00:00:00Z', 5.5 * 3600],
    ['Australia/Lord_Howe', '2025-01-15T00:00:00Z', 11 * 3600],
    ['Australia/Lord_Howe', '2025-06-15T00:00:00Z', 10.5 * 3600],
  ])('%s at %s is UTC%+d s', (zone, iso, offset) => {
    expect(zoneClock(zone).offsetAt(Date.parse(iso) / 1000)).toBe(offset);
  });

  test('days of daylight-saving changes last 23 and 25 hours', () => {
    const calendar = createPeriodCalendar('day', 'Europe/Berlin', 1);
    const spring = calendar.keyOf(Date.parse('2025-03-30T12:00:00Z') / 1000);
    const autumn = calendar.keyOf(Date.parse('2025-10-26T12:00:00Z') / 1000);
    expect(calendar.startOf(calendar.nextKey(spring)) - calendar.startOf(spring)).toBe(23 * 3600);
    expect(calendar.startOf(calendar.nextKey(autumn)) - calendar.startOf(autumn)).toBe(25 * 3600);
    expect(new Date(calendar.startOf(spring) * 1000).toISOString()).toBe(
      '2025-03-29T23:00:00.000Z',
    );
  });

  test('weeks start on the chosen day and months on the 1st', () => {
    const instant = Date.parse('2025-05-15T12:00:00Z') / 1000;
    const iso = createPeriodCalendar('week', 'UTC', 1);
    const sunday = createPeriodCalendar('week', 'UTC', 0);
    const quarter = createPeriodCalendar('quarter', 'Asia/Kolkata', 1);
    expect(new Date(iso.startOf(iso.keyOf(instant)) * 1000).toISOString()).toBe(
      '2025-05-12T00:00:00.000Z',
    );
    expect(new Date(sunday.startOf(sunday.keyOf(instant)) * 1000).toISOString()).toBe(
      '2025-05-11T00:00:00.000Z',
    );
    expect(new Date(quarter.startOf(quarter.keyOf(instant)) * 1000).toISOString()).toBe(
      '2025-03-31T18:30:00.000Z',
    );
  });

  test('civil dates round-trip', () => {
    for (const days of [-719_468, -1, 0, 59, 11_016, 20_000, 2_932_896]) {
      const [year, month, day] = civilFromDays(days);
      expect(daysFromCivil(year, month, day)).toBe(days);
    }
  });

  test.each([
    ['Asia/Tokyo', 1_793_487_600, '2026-11-01T08:00:00+09:00'],
    ['America/St_Johns', 1_793_487_600, '2026-10-31T20:30:00-02:30'],
    ['UTC', 0, '1970-01-01T00:00:00+00:00'],
  ])('writes instants in %s as local ISO time with the offset', (zone, instant, text) => {
    expect(localIsoTime(zoneClock(zone), instant)).toBe(text);
  });

  test('rejects an unknown zone naming the field', () => {
    expect(() => zoneClock('Mars/Olympus')).toThrow(/timeZone/);
  });
});
