/** `@usagekit/cost/allocation`: chargeback and showback of amounts to teams. */

export { largestRemainder } from '../largest-remainder';
export {
  type Allocation,
  type AllocationAmount,
  type AllocationInput,
  type AllocationResult,
  type AllocationRules,
  AllocationRulesSchema,
  allocate,
  UNALLOCATED_TEAM,
} from './allocate';
