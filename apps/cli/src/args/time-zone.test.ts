import { describe, expect, test } from 'vitest';
import { formatIsoInZone, parseTimeZone, zonedTimeToEpochSeconds } from './time-zone';

describe('formatIsoInZone', () => {
  test.each([
    [Date.UTC(2025, 0, 1) / 1000, 'UTC', '2025-01-01T00:00:00Z'],
    [Date.UTC(2025, 0, 1) / 1000, 'Europe/Berlin', '2025-01-01T01:00:00+01:00'],
    [Date.UTC(2025, 6, 1) / 1000, 'Europe/Berlin', '2025-07-01T02:00:00+02:00'],
    [Date.UTC(2025, 6, 1) / 1000, 'America/New_York', '2025-06-30T20:00:00-04:00'],
    [Date.UTC(2025, 0, 1) / 1000, 'Asia/Kolkata', '2025-01-01T05:30:00+05:30'],
  ])('formats %i in %s', (epoch, zone, expected) => {
    expect(formatIsoInZone(epoch, zone)).toBe(expected);
  });
});

describe('zonedTimeToEpochSeconds', () => {
  test('handles the spring-forward day', () => {
    // 2025-03-30 in Berlin starts at 00:00+01:00.
    expect(zonedTimeToEpochSeconds(2025, 3, 30, 'Europe/Berlin')).toBe(
      Date.UTC(2025, 2, 29, 23) / 1000,
    );
    expect(zonedTimeToEpochSeconds(2025, 3, 31, 'Europe/Berlin')).toBe(
      Date.UTC(2025, 2, 30, 22) / 1000,
    );
  });
});

describe('parseTimeZone', () => {
  test('accepts IANA names and canonicalises case', () => {
    expect(parseTimeZone('utc')).toBe('UTC');
    expect(parseTimeZone('Europe/Berlin')).toBe('Europe/Berlin');
  });

  test('rejects unknown zones naming the flag and examples', () => {
    expect(() => parseTimeZone('Mars/Olympus')).toThrow(
      /--tz: unknown time zone "Mars\/Olympus".*IANA/,
    );
  });
});
