import type { DimensionValue, MetricName } from '@usagekit/aggregate';
import type { BucketWidth, EndpointName } from '@usagekit/schemas';
import type { ReportGrain } from './grain';
import type { ReportWindow, WindowSpec } from './window';

/** A dimension of a report: a registry dimension, `endpoint`, or `organization` (the source). */
export type ReportDimension = string;

/** Keep the `n` largest groups (over the whole window) and fold the rest into one `other` row. */
export interface ReportTop {
  /** How many groups to keep. */
  readonly n: number;
  /** What ranks groups. @default 'estimated_cost' */
  readonly metric?: MetricName | undefined;
}

/** What a report answers: which usage, over which window, cut how. */
export interface ReportQuestion {
  /** The window: relative (`30d`, `month`...), `{ since, until }`, or one already resolved. */
  readonly window: WindowSpec | ReportWindow;
  /** The period grain. */
  readonly grain: ReportGrain;
  /** The IANA zone of periods and dates. @default 'UTC' */
  readonly timeZone?: string | undefined;
  /** The current instant (tests and the demo pin it). @unit Unix seconds @default the clock */
  readonly now?: number | undefined;
  /**
   * Dimensions to group by, in column order: registry dimensions (`project_id`, `model`...) and
   * `endpoint`. Rows always carry `organization` (the source's label): sources are kept apart.
   * @default []
   */
  readonly dimensions?: readonly ReportDimension[] | undefined;
  /** The usage endpoints. @default every usage endpoint */
  readonly endpoints?: readonly EndpointName[] | undefined;
  /** Keep the top groups only; the rest folds into `other`. */
  readonly top?: ReportTop | undefined;
  /**
   * Keep only usage whose dimension has one of these values (ids, names, or a flag for `batch`).
   * Sent to the API where the endpoint has a filter for it, and applied to the rows as well;
   * endpoints without the dimension are left out.
   */
  readonly filters?: Readonly<Record<string, readonly DimensionValue[]>> | undefined;
  /** The bucket width to fetch, instead of the one chosen for the grain and zone. */
  readonly bucketWidth?: BucketWidth | undefined;
}
