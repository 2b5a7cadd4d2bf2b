import { describe, expect, test } from 'vitest';
import { detectAnomalies } from './anomalies';

// Four weeks of weekday spend 10, weekend spend 2 (dollars), starting Monday 2025-07-07.
const points = Array.from({ length: 28 }, (_, index) => ({
  date: new Date(Date.UTC(2025, 6, 7 + index)).toISOString().slice(0, 10),
  value: (index % 7 >= 5 ? 2 : 10) * 1_000_000,
}));

describe('detectAnomalies', () => {
  test('flags a spike with the size of the jump', () => {
    const anomalies = detectAnomalies({
      key: 'project_id:p1',
      points: [...points, { date: '2025-08-04', value: 90_000_000 }],
    });
    expect(anomalies).toHaveLength(1);
    expect(anomalies[0]).toMatchObject({
      key: 'project_id:p1',
      date: '2025-08-04',
      direction: 'spike',
      baseline: 10_000_000,
      jump: 80_000_000,
      ratio: 9,
      sameWeekday: true,
    });
  });

  test('counts a missing day inside the series as zero (a drop)', () => {
    const anomalies = detectAnomalies([
      { key: 'p', points: [...points, { date: '2025-08-05', value: 10_000_000 }] },
    ]);
    expect(anomalies.map((anomaly) => [anomaly.date, anomaly.direction, anomaly.value])).toEqual([
      ['2025-08-04', 'drop', 0],
    ]);
  });

  test('judges nothing before minHistory days', () => {
    expect(detectAnomalies({ key: 'p', points: points.slice(0, 10) })).toEqual([]);
  });
});
