import { describe, expect, test } from 'vitest';
import { isLevelMetric, isMetricName, metricInfo, metricsOf } from './metric-info';
import { endpointNames, getEndpoint } from './registry';

describe('metricsOf', () => {
  test('is the endpoint definition’s metric list', () => {
    for (const name of endpointNames) expect(metricsOf(name)).toBe(getEndpoint(name).metrics);
    expect(metricsOf('audio_speeches').map((metric) => metric.label)).toEqual([
      'Characters',
      'Model requests',
    ]);
  });
});

describe('metricInfo', () => {
  test.each([
    ['input_tokens', 'tokens', 'Input tokens', 'sum'],
    ['input_cached_tokens', 'tokens', 'Cached input tokens', 'sum'],
    ['characters', 'characters', 'Characters', 'sum'],
    ['seconds', 'seconds', 'Seconds', 'sum'],
    ['images', 'images', 'Images', 'sum'],
    ['usage_bytes', 'bytes', 'Stored bytes', 'level'],
    ['num_sessions', 'sessions', 'Sessions', 'sum'],
    ['num_requests', 'calls', 'Calls', 'sum'],
    ['num_model_requests', 'requests', 'Model requests', 'sum'],
    ['amount_value', 'currency', 'Amount', 'sum'],
  ] as const)('%s: %s, "%s", %s', (name, unit, label, aggregation) => {
    expect(metricInfo(name)).toMatchObject({ name, unit, label, aggregation });
  });

  test('describes every metric of every endpoint as that endpoint does', () => {
    for (const name of endpointNames) {
      for (const metric of getEndpoint(name).metrics) {
        const { unit, label, aggregation } = metricInfo(metric.name);
        expect({ unit, label, aggregation }).toEqual({
          unit: metric.unit,
          label: metric.label,
          aggregation: metric.aggregation,
        });
      }
    }
  });

  test('names the known metrics for an unknown one, prototype keys included', () => {
    expect(() => metricInfo('tokens' as 'input_tokens')).toThrow(
      /Unknown metric "tokens"; known: input_tokens, output_tokens/,
    );
    expect(isMetricName('__proto__')).toBe(false);
    expect(isMetricName('usage_bytes')).toBe(true);
  });
});

describe('isLevelMetric', () => {
  test('only usage_bytes is a level; unknown names are not', () => {
    const levels = endpointNames
      .flatMap((name) => getEndpoint(name).metrics.map((metric) => metric.name))
      .filter(isLevelMetric);
    expect(new Set(levels)).toEqual(new Set(['usage_bytes']));
    expect(isLevelMetric('estimated_cost')).toBe(false);
    expect(isLevelMetric('constructor')).toBe(false);
  });
});
