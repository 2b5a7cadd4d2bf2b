import { isMetricName, isWithin, METRIC_IDENTITIES } from '@usagekit/schemas';
import type { ColumnType, DocumentColumn } from './document';

/** A metric as a report describes it: its name, unit and human label (from the registry). */
export interface MetricColumnSource {
  readonly name: string;
  /** The registry's unit (`tokens`, `bytes`...), `currency` (micro-units) or another count. */
  readonly unit: string;
  /** The label that spells the unit out ("Input tokens", "Stored bytes"). */
  readonly label: string;
}

const WHOLES = [...new Set(METRIC_IDENTITIES.map((identity) => identity.whole))];

function columnType(unit: string): ColumnType {
  if (unit === 'bytes') return 'bytes';
  if (unit === 'currency') return 'money';
  return 'count';
}

/**
 * Whether a metric gets a table column: a counter of the registry that is not counted within
 * another one (cached input tokens are within input tokens), and that something in the output
 * measured. Every metric is in JSON and CSV regardless.
 */
function shownInTables(name: string, total: number | null | undefined): boolean {
  return (
    total !== null &&
    total !== undefined &&
    isMetricName(name) &&
    !WHOLES.some((whole) => isWithin(name, whole))
  );
}

/**
 * The columns of a report's metrics, headed by their labels and typed by their units: a metric a
 * row's endpoints do not measure is `null` there, shown as "—" in tables, `null` in JSON and an
 * empty cell in CSV; 0 is a measured zero.
 *
 * @param metrics The metrics, in order.
 * @param totals Each metric's total over the output (`null` when nothing measured it).
 *
 * @returns One column per metric; those not shown in tables are JSON/CSV only.
 */
export function metricColumns(
  metrics: readonly MetricColumnSource[],
  totals: Readonly<Record<string, number | null>>,
): DocumentColumn[] {
  return metrics.map((metric) => ({
    key: metric.name,
    header: metric.label,
    type: columnType(metric.unit),
    machineOnly: !shownInTables(metric.name, totals[metric.name]),
  }));
}
