import { describe, expect, it } from 'vitest';
import { UsageDataError } from './errors';
import { allMetrics, type MetricSpec, metricFieldsOf } from './fields';
import { storedMetricValue } from './metric-value';

const specOf = (name: string) => allMetrics.find((spec) => spec.name === name) as MetricSpec;
const fieldOf = (endpoint: 'costs' | 'completions', name: string) =>
  metricFieldsOf(endpoint).find((field) => field.name === name) as ReturnType<
    typeof metricFieldsOf
  >[number];
const path = (resultIndex: number) => `data[1].results[${resultIndex}]`;

const tokens = [specOf('input_tokens'), fieldOf('completions', 'input_tokens')] as const;
const money = [specOf('amount_value'), fieldOf('costs', 'amount_value')] as const;
const quantity = [specOf('quantity'), fieldOf('costs', 'quantity')] as const;

function errorOf(run: () => unknown): UsageDataError {
  try {
    run();
  } catch (error) {
    if (error instanceof UsageDataError) return error;
    throw error;
  }
  throw new Error('expected a UsageDataError');
}

describe('storedMetricValue', () => {
  it('keeps counts and quantities as reported', () => {
    expect(storedMetricValue(...tokens, 1_250_000, path, 4)).toBe(1_250_000);
    expect(storedMetricValue(...tokens, 0, path, 4)).toBe(0);
    expect(storedMetricValue(...quantity, 2.5, path, 4)).toBe(2.5);
  });

  it('scales money to integer micro-units', () => {
    expect(storedMetricValue(...money, 0.1234565, path, 4)).toBe(123_457);
    expect(storedMetricValue(...money, 12.5, path, 4)).toBe(12_500_000);
  });

  it('reports null and absent values as unreported, never as zero', () => {
    expect(storedMetricValue(...tokens, null, path, 4)).toBeUndefined();
    expect(storedMetricValue(...money, undefined, path, 4)).toBeUndefined();
  });

  it('rejects non-numbers and non-finite numbers with the field path', () => {
    for (const value of ['12', Number.NaN, Number.POSITIVE_INFINITY, {}]) {
      const error = errorOf(() => storedMetricValue(...tokens, value, path, 4));
      expect(error.path).toBe('data[1].results[4].input_tokens');
      expect(error.message).toContain('input_tokens must be a finite number or absent');
    }
    expect(errorOf(() => storedMetricValue(...money, '1', path, 4)).path).toBe(
      'data[1].results[4].amount.value',
    );
  });

  it('rejects fractional counts', () => {
    const error = errorOf(() => storedMetricValue(...tokens, 1.5, path, 4));
    expect(error.message).toContain('input_tokens counts tokens and must be an integer, not 1.5');
  });

  it('builds the path only when it throws', () => {
    let built = 0;
    storedMetricValue(
      ...tokens,
      7,
      () => {
        built += 1;
        return 'x';
      },
      0,
    );
    expect(built).toBe(0);
  });
});
