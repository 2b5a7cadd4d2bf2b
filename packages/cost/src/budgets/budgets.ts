import { type DailySpend, dailyPattern, type Forecast, forecast } from '../forecast/forecast';
import type { Money } from '../money';
import { addDays, utcDay, weekdayOf } from '../utc-day';

/** A budget for one scope over one period. */
export interface Budget {
  /** Your identifier of the budget. */
  readonly id: string;
  /** `organization`, or `<dimension>:<value>` such as `project_id:proj_1`; the key into spend. */
  readonly scope: string;
  /** The budget, in micro-units. */
  readonly amountMicros: Money;
  /** First UTC day of the period, inclusive. */
  readonly periodStart: string;
  /** Last UTC day of the period, inclusive. */
  readonly periodEnd: string;
  /** Share of the budget the forecast may reach before the status is at risk. @default 1 */
  readonly atRiskRatio?: number | undefined;
}

/** How a budget stands. */
export interface BudgetStatus {
  /** The budget evaluated. */
  readonly budget: Budget;
  /**
   * `over` once spend reaches the amount (spent ≥ amount: nothing is left), `at_risk` when the
   * projection reaches `atRiskRatio` of it (projected ≥ amount × ratio), else `on_track`.
   */
  readonly status: 'on_track' | 'at_risk' | 'over';
  /** Spent so far in the period, in micro-units. */
  readonly spentMicros: Money;
  /** The period-end forecast of the scope. */
  readonly forecast: Forecast;
  /** The UTC day spend reaches the budget at the current pace, or null if not within a year. */
  readonly runsOutOn: string | null;
  /** Spent / budget. */
  readonly usedRatio: number;
}

/** Options of {@link evaluateBudgets}. */
export interface BudgetOptions {
  /** The current time; its UTC day counts as partly spent. */
  readonly now: string | number | Date;
  /** Complete days of history the daily pattern is learnt from. @default 28 */
  readonly lookbackDays?: number | undefined;
  /** Judge `at_risk` on the high end of the forecast range instead of the expected value. */
  readonly useHighEstimate?: boolean | undefined;
}

/**
 * Evaluates budgets: `over` once spend reaches the amount, `at_risk` when the expected
 * period-end spend (or the high end, with `useHighEstimate`) reaches `atRiskRatio` of it, else
 * `on_track` (both boundaries inclusive), with the day the budget runs out at the current
 * weekday-aware pace.
 *
 * @param budgets The budgets.
 * @param spendByScope Daily spend per scope key (a Map: keys are untrusted ids).
 * @param options `now`, and forecast settings.
 *
 * @returns One status per budget.
 */
export function evaluateBudgets(
  budgets: readonly Budget[],
  spendByScope: ReadonlyMap<string, readonly DailySpend[]>,
  options: BudgetOptions,
): BudgetStatus[] {
  const today = utcDay(options.now);
  return budgets.map((budget) => {
    const series = spendByScope.get(budget.scope) ?? [];
    const projection = forecast(series, {
      periodStart: budget.periodStart,
      periodEnd: budget.periodEnd,
      now: options.now,
      lookbackDays: options.lookbackDays,
    });
    const spent = projection.actualToDate;
    const threshold = budget.amountMicros * (budget.atRiskRatio ?? 1);
    const projected = options.useHighEstimate ? projection.total.high : projection.total.expected;
    const status =
      spent >= budget.amountMicros ? 'over' : projected >= threshold ? 'at_risk' : 'on_track';
    let runsOutOn: string | null = null;
    if (spent >= budget.amountMicros) {
      let cumulative = 0;
      const days = series.filter(
        (point) => point.date >= budget.periodStart && point.date <= today,
      );
      for (const point of [...days].sort((left, right) => left.date.localeCompare(right.date))) {
        cumulative += point.amountMicros;
        if (cumulative >= budget.amountMicros) {
          runsOutOn = point.date;
          break;
        }
      }
    } else {
      const pattern = dailyPattern(series, today, options.lookbackDays ?? 28);
      let cumulative = spent;
      for (let offset = 0; offset < 366; offset += 1) {
        const day = addDays(today, offset);
        const expected =
          projection.expectedDaily.find((point) => point.date === day)?.amountMicros ??
          Math.round(pattern.byWeekday[weekdayOf(day)] ?? 0);
        cumulative += expected;
        if (cumulative >= budget.amountMicros) {
          runsOutOn = day;
          break;
        }
      }
    }
    return {
      budget,
      status,
      spentMicros: spent,
      forecast: projection,
      runsOutOn,
      usedRatio: budget.amountMicros === 0 ? Number.POSITIVE_INFINITY : spent / budget.amountMicros,
    };
  });
}
