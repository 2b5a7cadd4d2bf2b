import type { MetricField } from '@usagekit/schemas';
import { UsageDataError } from './errors';
import type { MetricSpec } from './fields';

/**
 * Converts a metric value as reported to what its column stores: money scaled to integer
 * micro-units, counts checked to be integers.
 *
 * @param spec The metric.
 * @param field Where the endpoint reports it (for errors).
 * @param value The reported value.
 * @param resultPath Where a result sits, for errors (called only when one is thrown): one
 *   function for every value, so storing a value allocates nothing.
 * @param resultIndex The result's index, passed to `resultPath`.
 *
 * @returns The value to store, or undefined when the result did not report it (null or absent).
 *
 * @throws {UsageDataError} When the value is not a finite number, or a count is fractional.
 */
export function storedMetricValue(
  spec: MetricSpec,
  field: MetricField,
  value: unknown,
  resultPath: (resultIndex: number) => string,
  resultIndex: number,
): number | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new UsageDataError(
      `${field.name} must be a finite number or absent, not ${typeof value === 'number' ? value : typeof value}`,
      `${resultPath(resultIndex)}.${field.path.join('.')}`,
    );
  }
  if (spec.scale !== 1) return Math.round(value * spec.scale);
  if (spec.integral && !Number.isInteger(value)) {
    throw new UsageDataError(
      `${field.name} counts ${spec.unit} and must be an integer, not ${value}`,
      `${resultPath(resultIndex)}.${field.path.join('.')}`,
    );
  }
  return value;
}
