import type { EndpointName } from '@usagekit/schemas';

/** A usage endpoint's name (every registry endpoint but costs). */
export type UsageEndpointName = Exclude<EndpointName, 'costs'>;

/** A project of the demo organization. */
export interface DemoProject {
  /** `proj_…`. */
  readonly id: string;
  /** Untrusted text: the hostile organization's names hold HTML, formula prefixes and controls. */
  readonly name: string;
  /** @unit Unix seconds */
  readonly created_at: number;
  /** When it was archived, or `null`. @unit Unix seconds */
  readonly archived_at: number | null;
  /** `active` or `archived`. */
  readonly status: 'active' | 'archived';
}

/** A member of the demo organization. */
export interface DemoUser {
  /** `user-…`. */
  readonly id: string;
  /** Untrusted text. */
  readonly name: string;
  readonly email: string;
  readonly role: 'owner' | 'reader';
  /** @unit Unix seconds */
  readonly added_at: number;
}

/** A service account of one project. */
export interface DemoServiceAccount {
  /** `svc_acct_…`; it is also the `user_id` of usage made with its keys. */
  readonly id: string;
  readonly name: string;
  readonly projectId: string;
  readonly role: 'owner' | 'member';
  /** @unit Unix seconds */
  readonly created_at: number;
}

/** Who owns an API key. */
export type DemoKeyOwner =
  | { readonly type: 'user'; readonly userId: string }
  | { readonly type: 'service_account'; readonly serviceAccountId: string };

/** A project API key. Deleted keys are missing from the key list but keep their past usage. */
export interface DemoApiKey {
  /** `key_…`. */
  readonly id: string;
  readonly name: string;
  readonly projectId: string;
  readonly owner: DemoKeyOwner;
  /** `sk-proj-…` or `sk-svcacct-…`, shortened the way the API shows it. */
  readonly redacted_value: string;
  /** @unit Unix seconds */
  readonly created_at: number;
  /** Whether the key was deleted (it then has no usage from `deleted_at` on). */
  readonly deleted: boolean;
  /** @unit Unix seconds */
  readonly deleted_at: number | null;
}

/** A vector store, the grouping value of `file_search_calls`. */
export interface DemoVectorStore {
  /** `vs_…`. */
  readonly id: string;
  readonly name: string;
  readonly projectId: string;
}

/** How a workload's traffic spreads over the hours of a UTC day. */
export type DemoDayProfile = 'office' | 'flat' | 'batch';

/**
 * One stream of usage: a fixed combination of grouping values (project, user, key, model, …) on
 * one endpoint, with its base rate and its mean amounts per request. The usage engine turns it into
 * per-minute values.
 */
export interface DemoWorkload {
  /** The usage endpoint. */
  readonly endpoint: UsageEndpointName;
  /** A value (or `null`) for every dimension of the endpoint. */
  readonly dimensions: Readonly<Record<string, string | boolean | null>>;
  /**
   * Driver units per day at the start of the history: requests (or calls, sessions), or for
   * `vector_stores` the stored bytes.
   */
  readonly baseRate: number;
  /** Mean amount of each other component per driver unit (tokens per request, …). */
  readonly perRequest: Readonly<Record<string, number>>;
  /** Shape of the day. */
  readonly profile: DemoDayProfile;
  /** Compound growth per day. */
  readonly growthPerDay: number;
  /** First Unix day with usage. */
  readonly firstDay: number;
  /** First Unix day without usage again (`Infinity` when open-ended). */
  readonly endDay: number;
}

/** A burst of traffic on one project (a runaway loop, a launch). */
export interface DemoIncident {
  readonly projectId: string;
  /** First Unix day of the burst. */
  readonly firstDay: number;
  /** Length. @unit days */
  readonly days: number;
  /** Multiplier applied to the project's traffic. */
  readonly factor: number;
  readonly description: string;
}

/** A fine-tuning job: billed on the Costs API, invisible to every usage endpoint. */
export interface DemoFineTuningJob {
  /** Unix day the training ran and was billed. */
  readonly day: number;
  readonly projectId: string;
  /** The base model that was trained. */
  readonly model: string;
  /** Tokens trained on (tokens × epochs). */
  readonly trainedTokens: number;
}

/**
 * Complimentary tokens credited on the bill (like OpenAI's free daily tokens for organizations that
 * share data): each day from `firstDay`, the first `tokensPerDay` uncached input tokens of `model`
 * used by the project at the standard tier (not batch) are free. The bill keeps the usage's line
 * items at list price and adds a negative `"free usage credit"` line for the project.
 */
export interface DemoFreeUsage {
  readonly projectId: string;
  readonly model: string;
  /** First Unix day of the credit. */
  readonly firstDay: number;
  /** Free uncached input tokens per UTC day. */
  readonly tokensPerDay: number;
}

/** The billing facts that make the Costs API differ from usage × list price, on purpose. */
export interface DemoBilling {
  /** Models billed below list price under a negotiated agreement. */
  readonly negotiatedDiscounts: readonly { readonly model: string; readonly percentOff: number }[];
  /** Scale Tier: scale-tier tokens cost nothing per token; an org-level daily charge covers them. */
  readonly scaleTier: {
    readonly firstDay: number;
    readonly unitsPerDay: number;
    /** @unit USD */
    readonly pricePerUnitPerDay: number;
  };
  readonly fineTuningJobs: readonly DemoFineTuningJob[];
  readonly freeUsage: readonly DemoFreeUsage[];
}

/** The demo organization: names, ids, and the workloads its usage comes from. */
export interface DemoOrganization {
  /** `org-…`. */
  readonly id: string;
  readonly name: string;
  /** The 32-bit seed every number is derived from. */
  readonly seed: number;
  /** The mock's frozen clock; no usage exists from this minute on. @unit Unix seconds */
  readonly now: number;
  /** Start of the history, a UTC midnight; no usage exists before it. @unit Unix seconds */
  readonly start: number;
  readonly projects: readonly DemoProject[];
  readonly users: readonly DemoUser[];
  readonly serviceAccounts: readonly DemoServiceAccount[];
  /** Every key, deleted ones included (`deleted: true`). */
  readonly apiKeys: readonly DemoApiKey[];
  readonly vectorStores: readonly DemoVectorStore[];
  readonly workloads: readonly DemoWorkload[];
  readonly incidents: readonly DemoIncident[];
  readonly billing: DemoBilling;
  /** The models each usage endpoint reports, in the order they first appear. */
  readonly models: Readonly<Partial<Record<UsageEndpointName, readonly string[]>>>;
}
