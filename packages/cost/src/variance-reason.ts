import type { VarianceReason } from './reconcile';
import { VARIANCE_CAUSE_DESCRIPTIONS } from './variance-cause';

/**
 * A short description of each variance reason (the causes' names, plus `unexplained`), for tables
 * and charts: one wording for every app that shows a reconciliation.
 */
export const VARIANCE_REASON_DESCRIPTIONS: Readonly<Record<VarianceReason, string>> = {
  ...VARIANCE_CAUSE_DESCRIPTIONS,
  unexplained: 'unexplained',
};
