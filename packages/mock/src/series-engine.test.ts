import { describe, expect, test } from 'vitest';
import { createDemoOrganization } from './demo-organization';
import { SeriesEngine } from './series-engine';

const organization = createDemoOrganization({ now: Date.UTC(2026, 8, 15, 12, 30) });
const day = Math.floor(organization.now / 86_400) - 20;

function sum(
  values: Float64Array,
  series: number,
  component: number,
  width: number,
  stride: number,
) {
  let total = 0;
  for (let index = 0; index < width; index++)
    total += values[(series * width + index) * stride + component] as number;
  return total;
}

describe('SeriesEngine', () => {
  test('minutes sum to their hour and hours to their day, for every series and component', () => {
    const engine = new SeriesEngine(organization, 'completions');
    const daily = engine.fullDay(day);
    const hourly = engine.hours(day);
    const count = engine.componentCount;
    expect(daily.some((value) => value > 0)).toBe(true);
    for (let series = 0; series < engine.seriesCount; series++) {
      for (let component = 0; component < count; component++) {
        expect(sum(hourly, series, component, 24, count)).toBe(daily[series * count + component]);
      }
    }
    for (const hour of [3, 14]) {
      const minutes = engine.minutes(day, hour);
      for (let series = 0; series < engine.seriesCount; series++) {
        for (let component = 0; component < count; component++) {
          expect(sum(minutes, series, component, 60, count)).toBe(
            hourly[(series * 24 + hour) * count + component],
          );
        }
      }
    }
  });

  test('accumulates any minute range as the sum of its minutes', () => {
    const engine = new SeriesEngine(organization, 'embeddings');
    const count = engine.componentCount;
    const from = day * 1440 + 13 * 60 + 17;
    const whole = new Float64Array(engine.seriesCount * count);
    engine.accumulate(from, from + 100, whole);
    const piecewise = new Float64Array(engine.seriesCount * count);
    for (let minute = from; minute < from + 100; minute++)
      engine.accumulate(minute, minute + 1, piecewise);
    expect([...piecewise]).toEqual([...whole]);
  });

  test('has no usage before the history or from now on', () => {
    const engine = new SeriesEngine(organization, 'completions');
    const values = new Float64Array(engine.seriesCount * engine.componentCount);
    engine.accumulate(engine.startMinute - 5000, engine.startMinute, values);
    engine.accumulate(engine.nowMinute, engine.nowMinute + 5000, values);
    expect(values.every((value) => value === 0)).toBe(true);
  });

  test('reports vector store bytes as a level that is zero outside the history', () => {
    const engine = new SeriesEngine(organization, 'vector_stores');
    const levels = new Float64Array(engine.seriesCount);
    engine.levelAt(day * 1440 + 600, levels);
    expect(levels.some((value) => value > 1e9)).toBe(true);
    engine.levelAt(engine.nowMinute, levels);
    expect(levels.every((value) => value === 0)).toBe(true);
  });

  test('byte-time is the integral of the level: a day equals its minutes × 60 and any split of it', () => {
    const engine = new SeriesEngine(organization, 'vector_stores');
    const whole = new Float64Array(engine.seriesCount);
    engine.accumulateByteSeconds(day * 86_400, (day + 1) * 86_400, whole);
    const minutes = new Float64Array(engine.seriesCount);
    const level = new Float64Array(engine.seriesCount);
    for (let minute = day * 1440; minute < (day + 1) * 1440; minute++) {
      engine.levelAt(minute, level);
      for (let series = 0; series < engine.seriesCount; series++) {
        minutes[series] = (minutes[series] as number) + (level[series] as number) * 60;
      }
    }
    expect([...whole]).toEqual([...minutes]);
    const split = new Float64Array(engine.seriesCount);
    const cut = day * 86_400 + 7 * 3600 + 1234;
    engine.accumulateByteSeconds(day * 86_400, cut, split);
    engine.accumulateByteSeconds(cut, (day + 1) * 86_400, split);
    expect([...split]).toEqual([...whole]);
    const averages = new Float64Array(engine.seriesCount);
    engine.averageLevels(day * 86_400, (day + 1) * 86_400, averages);
    expect([...averages]).toEqual(
      [...whole].map((byteSeconds) => Math.round(byteSeconds / 86_400)),
    );
  });

  test('holds nothing before the history or from now on', () => {
    const engine = new SeriesEngine(organization, 'vector_stores');
    const outside = new Float64Array(engine.seriesCount);
    engine.accumulateByteSeconds(
      engine.startMinute * 60 - 86_400,
      engine.startMinute * 60,
      outside,
    );
    engine.accumulateByteSeconds(engine.nowMinute * 60, engine.nowMinute * 60 + 86_400, outside);
    expect(outside.every((value) => value === 0)).toBe(true);
  });
});
