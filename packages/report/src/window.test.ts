import { describe, expect, it } from 'vitest';
import { ReportQuestionError } from './errors';
import { isPartialPeriod, resolveWindow, resolveWindowEdge } from './window';

// Friday 4 December 2026, 18:30 UTC (19:30 in Berlin).
const NOW = Date.UTC(2026, 11, 4, 18, 30) / 1000;
const utc = (...parts: [number, number, number, number?]) =>
  Date.UTC(parts[0], parts[1] - 1, parts[2], parts[3] ?? 0) / 1000;

describe('resolveWindow', () => {
  it('reads 30d as the last 30 days of the zone, today included', () => {
    const window = resolveWindow('30d', { now: NOW });
    expect(window).toMatchObject({
      start: utc(2026, 11, 5),
      end: utc(2026, 12, 5),
      label: 'last 30 days',
    });
    const berlin = resolveWindow('30d', { now: NOW, timeZone: 'Europe/Berlin' });
    expect(berlin.start).toBe(utc(2026, 11, 4, 23));
    expect(berlin.end).toBe(utc(2026, 12, 4, 23));
  });

  it('reads calendar windows to date, and last month whole', () => {
    expect(resolveWindow('month', { now: NOW })).toMatchObject({
      start: utc(2026, 12, 1),
      end: utc(2026, 12, 5),
    });
    expect(resolveWindow('last-month', { now: NOW })).toMatchObject({
      start: utc(2026, 11, 1),
      end: utc(2026, 12, 1),
    });
    expect(resolveWindow('quarter', { now: NOW }).start).toBe(utc(2026, 10, 1));
    expect(resolveWindow('year', { now: NOW }).start).toBe(utc(2026, 1, 1));
    expect(resolveWindow('today', { now: NOW })).toMatchObject({
      start: utc(2026, 12, 4),
      end: utc(2026, 12, 5),
    });
    expect(resolveWindow('36h', { now: NOW })).toMatchObject({
      start: utc(2026, 12, 3, 7),
      end: utc(2026, 12, 4, 19),
    });
  });

  it('reads absolute edges in the zone, until exclusive and by default the end of today', () => {
    const window = resolveWindow(
      { since: '2026-11-01', until: '2026-12-01' },
      { now: NOW, timeZone: 'America/New_York' },
    );
    expect(window.start).toBe(utc(2026, 11, 1, 4));
    expect(window.end).toBe(utc(2026, 12, 1, 5));
    expect(resolveWindow({ since: '2026-12-01' }, { now: NOW }).end).toBe(utc(2026, 12, 5));
    expect(resolveWindow({ since: '2026-12-01T12:00Z', until: 'now' }, { now: NOW })).toMatchObject(
      {
        start: utc(2026, 12, 1, 12),
        end: NOW,
      },
    );
    expect(
      resolveWindow({ since: utc(2026, 12, 2), until: utc(2026, 12, 3) }, { now: NOW }).label,
    ).toBe('2026-12-02 to 2026-12-03');
  });

  it('refuses what it cannot read, naming the field', () => {
    expect(() => resolveWindow('fortnight' as '7d', { now: NOW })).toThrow(ReportQuestionError);
    expect(() => resolveWindow({ since: '2026-02-30' }, { now: NOW })).toThrow(
      'window.since: "2026-02-30" is not a calendar date',
    );
    expect(() => resolveWindow({ since: '2026-12-02', until: '2026-12-01' }, { now: NOW })).toThrow(
      'window.until',
    );
    expect(() => resolveWindow({ since: '2027-01-01' }, { now: NOW })).toThrow(
      'starts in the future',
    );
    expect(() => resolveWindow('7d', { now: NOW, timeZone: 'Mars/Base' })).toThrow(
      'timeZone: unknown time zone',
    );
  });
});

describe('resolveWindowEdge', () => {
  it('reads one edge as resolveWindow reads since', () => {
    expect(resolveWindowEdge('30d', { now: NOW })).toBe(resolveWindow('30d', { now: NOW }).start);
    expect(resolveWindowEdge('now', { now: NOW })).toBe(NOW);
    expect(() => resolveWindowEdge('soon', { now: NOW }, 'window.until')).toThrow(
      'window.until: cannot read "soon"',
    );
  });
});

describe('isPartialPeriod', () => {
  const window = resolveWindow({ since: '2026-11-15T12:00Z' }, { now: NOW });

  it('marks periods cut by the window or not over yet', () => {
    expect(isPartialPeriod(utc(2026, 11, 1), utc(2026, 12, 1), window)).toBe(true);
    expect(isPartialPeriod(utc(2026, 11, 16), utc(2026, 11, 17), window)).toBe(false);
    expect(isPartialPeriod(utc(2026, 12, 4), utc(2026, 12, 5), window)).toBe(true);
  });
});
