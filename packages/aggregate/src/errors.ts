/** Base class of every error `@usagekit/aggregate` throws. */
export class UsageAggregateError extends Error {
  override name = 'UsageAggregateError';
}

/**
 * Thrown while ingesting when a page, bucket or result does not have the shape the endpoint
 * registry describes. `path` locates the offending value, for example
 * `data[3].results[12].input_tokens`.
 */
export class UsageDataError extends UsageAggregateError {
  override name = 'UsageDataError';
  /** Where the bad value sits in the ingested page or bucket list. */
  readonly path: string;

  /**
   * @param message What is wrong, naming the field and what is allowed.
   * @param path Where the bad value sits.
   */
  constructor(message: string, path: string) {
    super(`${message} (at ${path})`);
    this.path = path;
  }
}

/** Thrown before any work when a roll-up or comparison query names an unknown or invalid option. */
export class RollupQueryError extends UsageAggregateError {
  override name = 'RollupQueryError';
  /** The query field that is wrong, for example `by[1]` or `timeZone`. */
  readonly field: string;

  /**
   * @param message What is wrong, naming the allowed values.
   * @param field The query field that is wrong.
   */
  constructor(message: string, field: string) {
    super(`${field}: ${message}`);
    this.field = field;
  }
}
