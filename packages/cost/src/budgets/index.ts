/** `@usagekit/cost/budgets`: budget status and run-out day, on top of the forecast. */
export type { DailySpend, Forecast, MoneyRange } from '../forecast/forecast';
export { type Budget, type BudgetOptions, type BudgetStatus, evaluateBudgets } from './budgets';
