/**
 * The base class of every error `@usagekit/cost` throws. Expected outcomes (an unpriced model, a
 * quantity unit calibration does not know) are return values, never errors.
 */
export class CostError extends Error {
  /** Always `'CostError'`. */
  override name = 'CostError';
}

/** Thrown when price overrides, allocation rules or budgets fail validation. */
export class InvalidCostInputError extends CostError {
  /** Always `'InvalidCostInputError'`. */
  override name = 'InvalidCostInputError';
  /** One line per problem: the path that failed and what is allowed there. */
  readonly issues: readonly string[];

  /**
   * @param what What was being validated, e.g. `price overrides`.
   * @param issues One message per problem, each naming the field.
   */
  constructor(what: string, issues: readonly string[]) {
    super(`Invalid ${what}:\n- ${issues.join('\n- ')}`);
    this.issues = issues;
  }
}

/** Thrown when an amount leaves the range where integer micro-units are exact. */
export class MoneyRangeError extends CostError {
  /** Always `'MoneyRangeError'`. */
  override name = 'MoneyRangeError';
}
