import { isMetricName, metricInfo } from '@usagekit/schemas';

/** What a chartable metric is, for labels, units and how its periods combine. */
export interface MetricDescriptor {
  /** Human label ("Estimated spend", "Input tokens", "Stored bytes (average held)"). */
  readonly label: string;
  /** What the number counts (`usd` for money). */
  readonly unit: string;
  /** Whether it is money, in integer micro-units. */
  readonly kind: 'money' | 'number';
  /** Summed over time, or a level averaged over the time it covers. */
  readonly aggregation: 'sum' | 'level';
  /** Whether it is an estimate priced from usage, not an amount from the bill. */
  readonly estimated: boolean;
}

/** The headline metrics, which combine registry fields or are money. */
const HEADLINES: Readonly<Record<string, MetricDescriptor>> = {
  spend: {
    label: 'Estimated spend',
    unit: 'usd',
    kind: 'money',
    aggregation: 'sum',
    estimated: true,
  },
  billed: {
    label: 'Billed spend',
    unit: 'usd',
    kind: 'money',
    aggregation: 'sum',
    estimated: false,
  },
  tokens: {
    label: 'Tokens (input + output)',
    unit: 'tokens',
    kind: 'number',
    aggregation: 'sum',
    estimated: false,
  },
};

/**
 * Describes a metric of the dashboard: a headline (estimated spend, billed spend, tokens) or a
 * registry metric, with the registry's label, unit and aggregation. Requests are the registry's
 * `num_model_requests`.
 *
 * @param metric The metric as the query names it (validated against the registry).
 *
 * @returns The descriptor.
 */
export function describeMetric(metric: string): MetricDescriptor {
  const headline = Object.hasOwn(HEADLINES, metric) ? HEADLINES[metric] : undefined;
  if (headline !== undefined) return headline;
  const name = metric === 'requests' ? 'num_model_requests' : metric;
  if (!isMetricName(name)) {
    return { label: metric, unit: metric, kind: 'number', aggregation: 'sum', estimated: false };
  }
  const field = metricInfo(name);
  const level = field.aggregation === 'level';
  return {
    label: level ? `${field.label} (average held)` : field.label,
    unit: field.unit,
    kind: 'number',
    aggregation: field.aggregation,
    estimated: false,
  };
}
