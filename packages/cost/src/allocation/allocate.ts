import * as v from 'valibot';
import { InvalidCostInputError } from '../errors';
import { largestRemainder } from '../largest-remainder';
import { assertMoney, type Money } from '../money';

/** An amount to allocate, with the ids that may say who owns it. */
export interface AllocationAmount {
  /** The amount, in micro-units. */
  readonly amountMicros: Money;
  /** The project it was used in; null or absent for organization-level amounts. */
  readonly projectId?: string | null | undefined;
  /** The API key it was used with, when known. */
  readonly apiKeyId?: string | null | undefined;
  /** The user it was used by, when known. */
  readonly userId?: string | null | undefined;
  /** The Costs API line item, when known (matched against `orgLevelLineItems`). */
  readonly lineItem?: string | null | undefined;
  /** The UTC day `YYYY-MM-DD`, when known. */
  readonly date?: string | undefined;
}

const OwnerSchema = v.strictObject({
  team: v.pipe(v.string('team must be a string'), v.minLength(1, 'team must not be empty')),
  projects: v.optional(v.array(v.string('project ids must be strings'))),
  apiKeys: v.optional(v.array(v.string('API key ids must be strings'))),
  users: v.optional(v.array(v.string('user ids must be strings'))),
});

/** The schema of allocation rules (what a config file holds). */
export const AllocationRulesSchema = v.strictObject({
  owners: v.array(OwnerSchema, 'owners must be an array of { team, projects?, apiKeys?, users? }'),
  unowned: v.variant(
    'strategy',
    [
      v.strictObject({ strategy: v.literal('usage_share') }),
      v.strictObject({
        strategy: v.literal('fixed'),
        shares: v.pipe(
          v.record(
            v.string(),
            v.pipe(v.number('shares must be numbers'), v.minValue(0, 'shares must be ≥ 0')),
          ),
          v.check(
            (shares) => Object.values(shares).some((share) => share > 0),
            'shares needs one positive share',
          ),
        ),
      }),
      v.strictObject({ strategy: v.literal('team'), team: v.string('team must be a string') }),
    ],
    'unowned.strategy must be "usage_share", "fixed" or "team"',
  ),
  /** Line items that are organization-level even when a project is set (e.g. Scale Tier). */
  orgLevelLineItems: v.optional(v.array(v.string())),
});

/** Allocation rules: who owns which projects, keys and users, and how unowned amounts spread. */
export type AllocationRules = v.InferOutput<typeof AllocationRulesSchema>;

/** One allocated amount and the rule that produced it. */
export interface Allocation {
  /** The team that receives the amount. */
  readonly team: string;
  /** The allocated amount, in micro-units. */
  readonly amountMicros: Money;
  /** E.g. `api_key:key_1`, `user:user_1`, `project:proj_1`, `unowned:usage_share`, `unowned:fixed`. */
  readonly rule: string;
  /** The amount it came from (index into `amounts`). */
  readonly amountIndex: number;
}

/** The result of {@link allocate}. */
export interface AllocationResult {
  /** Every allocated amount, each naming its rule. */
  readonly allocations: Allocation[];
  /** Total per team (a Map: team names are untrusted text). */
  readonly byTeam: Map<string, Money>;
  /** Sum of the input amounts, in micro-units. */
  readonly totalBefore: Money;
  /** Sum of the allocations, in micro-units; always equal to `totalBefore`. */
  readonly totalAfter: Money;
}

/** What {@link allocate} takes. */
export interface AllocationInput {
  /** The amounts to allocate. */
  readonly amounts: readonly AllocationAmount[];
  /** The rules, unvalidated (a parsed config file); see {@link AllocationRulesSchema}. */
  readonly rules: unknown;
}

/** The team that receives amounts nobody owns when no rule can spread them. */
export const UNALLOCATED_TEAM = 'unallocated';

/**
 * Chargeback/showback: assigns each amount to a team by API key, then user, then project (the
 * most specific owner wins), and spreads what no one owns (null-project rows, organization-level
 * line items, unmapped ids) by the teams' usage share, fixed percentages, or to one team.
 * Splits use largest-remainder rounding, so totals before and after are equal to the micro-unit.
 *
 * @param input The amounts and the rules (validated; see {@link AllocationRulesSchema}).
 *
 * @returns Every allocated amount with its rule, totals per team, and both totals.
 *
 * @throws {InvalidCostInputError} When the rules are malformed.
 */
export function allocate(input: AllocationInput): AllocationResult {
  const parsed = v.safeParse(AllocationRulesSchema, input.rules);
  if (!parsed.success) {
    throw new InvalidCostInputError(
      'allocation rules',
      parsed.issues.map((issue) => `${v.getDotPath(issue) ?? '(root)'}: ${issue.message}`),
    );
  }
  const rules = parsed.output;
  const byKey = new Map<string, Map<string, string>>([
    ['api_key', new Map()],
    ['user', new Map()],
    ['project', new Map()],
  ]);
  for (const owner of rules.owners) {
    for (const id of owner.apiKeys ?? []) byKey.get('api_key')?.set(id, owner.team);
    for (const id of owner.users ?? []) byKey.get('user')?.set(id, owner.team);
    for (const id of owner.projects ?? []) byKey.get('project')?.set(id, owner.team);
  }
  const orgLevel = new Set(rules.orgLevelLineItems ?? []);
  const allocations: Allocation[] = [];
  const unowned: number[] = [];
  const owned = new Map<string, number>();
  let totalBefore = 0;
  input.amounts.forEach((amount, index) => {
    assertMoney(amount.amountMicros, `amounts[${index}].amountMicros`);
    totalBefore += amount.amountMicros;
    const isOrgLevel = amount.lineItem != null && orgLevel.has(amount.lineItem);
    const candidates: [string, string | null | undefined][] = [
      ['api_key', amount.apiKeyId],
      ['user', amount.userId],
      ['project', amount.projectId],
    ];
    for (const [kind, id] of isOrgLevel ? [] : candidates) {
      if (id == null) continue;
      const team = byKey.get(kind)?.get(id);
      if (team === undefined) continue;
      allocations.push({
        team,
        amountMicros: amount.amountMicros,
        rule: `${kind}:${id}`,
        amountIndex: index,
      });
      owned.set(team, (owned.get(team) ?? 0) + amount.amountMicros);
      return;
    }
    unowned.push(index);
  });
  const usageTeams = [...owned.entries()].filter(([, total]) => total > 0);
  for (const index of unowned) {
    const amount = input.amounts[index]?.amountMicros ?? 0;
    let teams: string[];
    let weights: number[];
    let rule: string;
    if (rules.unowned.strategy === 'team') {
      teams = [rules.unowned.team];
      weights = [1];
      rule = 'unowned:team';
    } else if (rules.unowned.strategy === 'fixed') {
      teams = Object.keys(rules.unowned.shares);
      weights = teams.map(
        (team) => (rules.unowned as { shares: Record<string, number> }).shares[team] ?? 0,
      );
      rule = 'unowned:fixed';
    } else if (usageTeams.length > 0) {
      teams = usageTeams.map(([team]) => team);
      weights = usageTeams.map(([, total]) => total);
      rule = 'unowned:usage_share';
    } else {
      teams = [UNALLOCATED_TEAM];
      weights = [1];
      rule = 'unowned:no_usage_to_share';
    }
    largestRemainder(amount, weights).forEach((part, position) => {
      if (part === 0 && amount !== 0) return;
      allocations.push({
        team: teams[position] ?? UNALLOCATED_TEAM,
        amountMicros: part,
        rule,
        amountIndex: index,
      });
    });
  }
  const byTeam = new Map<string, Money>();
  let totalAfter = 0;
  for (const allocation of allocations) {
    byTeam.set(allocation.team, (byTeam.get(allocation.team) ?? 0) + allocation.amountMicros);
    totalAfter += allocation.amountMicros;
  }
  return {
    allocations,
    byTeam,
    totalBefore: assertMoney(totalBefore),
    totalAfter: assertMoney(totalAfter),
  };
}
