/** Base class of every error `@usagekit/schemas` throws. */
export class UsageSchemaError extends Error {
  override name = 'UsageSchemaError';
}

/** One problem with a query parameter: which one, what was given, and what is wrong. */
export interface ParamsIssue {
  /** The parameter, e.g. `group_by` or `limit`; empty when the parameters are not an object at all. */
  readonly param: string;
  /** The value that was given. */
  readonly value: unknown;
  /** A sentence naming the parameter, the value and what is allowed. */
  readonly message: string;
}

/** Query parameters that the endpoint would reject; thrown before any request is sent. */
export class InvalidParamsError extends UsageSchemaError {
  override name = 'InvalidParamsError';
  /** The endpoint the parameters were meant for. */
  readonly endpoint: string;
  /** Every problem found, at least one. */
  readonly issues: readonly [ParamsIssue, ...ParamsIssue[]];

  /**
   * @param endpoint The endpoint the parameters were meant for.
   * @param issues Every problem found.
   */
  constructor(endpoint: string, issues: readonly [ParamsIssue, ...ParamsIssue[]]) {
    super(`Invalid ${endpoint} parameters: ${issues.map((issue) => issue.message).join('; ')}`);
    this.endpoint = endpoint;
    this.issues = issues;
  }
}
