/**
 * `@usagekit/cost/forecast`: weekday-aware spend projections. A subpath of its own, so code that
 * only estimates never loads it.
 */
export {
  type DailySpend,
  dailyPattern,
  type Forecast,
  type ForecastOptions,
  forecast,
  forecastByDimension,
  type MoneyRange,
} from './forecast';
