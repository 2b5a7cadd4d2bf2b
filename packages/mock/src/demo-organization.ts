import { getEndpoint } from '@usagekit/schemas';
import { createRandom, seedOf } from './hash';
import type {
  DemoApiKey,
  DemoDayProfile,
  DemoIncident,
  DemoOrganization,
  DemoProject,
  DemoServiceAccount,
  DemoUser,
  DemoVectorStore,
  DemoWorkload,
  UsageEndpointName,
} from './organization';
import { dayOf, SECONDS_PER_DAY, toUnixSeconds } from './time';

/**
 * The admin key the demo organization accepts. It is a public, fake value: it unlocks nothing but
 * the mock.
 */
export const DEMO_ADMIN_KEY = 'sk-admin-usagekit-demo-0000000000000000000000000000';

/** The seed used when none is given. */
export const DEFAULT_DEMO_SEED = 'usagekit-demo';

/** The fewest days of history a demo organization has. */
export const MIN_HISTORY_DAYS = 365;

/** Options of {@link createDemoOrganization}. */
export interface DemoOrganizationOptions {
  /** Every id, rate and noise value derives from it. @default 'usagekit-demo' */
  seed?: string | number | undefined;
  /**
   * The mock's clock: a `Date` or milliseconds since the epoch. It does not move afterwards.
   * @default the current time rounded down to the minute
   */
  now?: Date | number | undefined;
  /** Days of history before the day of `now`; at least 365. @default 400 */
  historyDays?: number | undefined;
  /**
   * Which names the organization carries: `'demo'`, the names a real company would use, or
   * `'hostile'`, the same organization (same ids and usage) with names that test escaping: HTML,
   * spreadsheet formulas, leading `+ - @`, bidirectional and terminal control characters.
   * @default 'demo'
   */
  names?: DemoOrganizationNames | undefined;
}

/** The name sets of the simulated organization (see {@link DemoOrganizationOptions.names}). */
export type DemoOrganizationNames = 'demo' | 'hostile';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

interface ProjectPlan {
  readonly name: string;
  /** Days after the history start it was created (negative: before). */
  readonly createdOffset: number;
  readonly archivedOffset?: number;
}

const PROJECT_PLANS = {
  support: { name: 'Customer Support Assistant', createdOffset: -220 },
  search: { name: 'Search & Discovery', createdOffset: -160 },
  growth: { name: 'Growth Experiments', createdOffset: 90 },
  finance: { name: 'Finance Ops', createdOffset: -120 },
  voice: { name: 'Voice Agents', createdOffset: 30 },
  data: { name: 'Data Platform', createdOffset: -300 },
  internal: { name: 'Internal Tools', createdOffset: 200 },
  legacy: { name: 'Legacy Chatbot', createdOffset: -400, archivedOffset: 150 },
  hackathon: { name: 'Hackathon 2024', createdOffset: 40, archivedOffset: 75 },
  sandbox: { name: 'Default project', createdOffset: -500 },
} as const satisfies Record<string, ProjectPlan>;

type ProjectKey = keyof typeof PROJECT_PLANS;

const USER_PLANS = [
  { name: 'Ada Lovelace', email: 'ada@acme-labs.example', role: 'owner' },
  { name: 'Grace Hopper', email: 'grace.hopper@acme-labs.example', role: 'owner' },
  { name: 'Alan Turing', email: 'alan@acme-labs.example', role: 'reader' },
  { name: "Zoë O'Brien-Łukasiewicz", email: 'zoe.obrien@acme-labs.example', role: 'reader' },
  { name: 'Priya Natarajan', email: 'priya@acme-labs.example', role: 'reader' },
  { name: 'Margaret Hamilton', email: 'margaret@acme-labs.example', role: 'reader' },
  { name: 'Katherine Johnson', email: 'katherine@acme-labs.example', role: 'reader' },
  { name: 'Rob Tanaka', email: 'rob.tanaka@acme-labs.example', role: 'reader' },
] as const;

type UserIndex = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7;

const SERVICE_ACCOUNT_PLANS = [
  { project: 'support', name: 'support-bot' },
  { project: 'search', name: 'search-indexer' },
  { project: 'finance', name: 'finance-batch' },
  { project: 'voice', name: 'voice-gateway' },
  { project: 'data', name: 'etl-runner' },
  { project: 'legacy', name: 'legacy-webhook' },
] as const satisfies readonly { project: ProjectKey; name: string }[];

type ServiceAccountName = (typeof SERVICE_ACCOUNT_PLANS)[number]['name'];

interface KeyPlan {
  readonly project: ProjectKey;
  readonly name: string;
  readonly user?: UserIndex;
  readonly serviceAccount?: ServiceAccountName;
  /** Days after the history start it was deleted. */
  readonly deletedOffset?: number;
}

const KEY_PLANS = [
  { project: 'support', name: 'support-prod', serviceAccount: 'support-bot' },
  { project: 'support', name: 'ada-dev', user: 0 },
  {
    project: 'support',
    name: 'support-prod-2023 (rotated)',
    serviceAccount: 'support-bot',
    deletedOffset: 120,
  },
  { project: 'search', name: 'indexer', serviceAccount: 'search-indexer' },
  { project: 'search', name: "zoë's notebook", user: 3 },
  { project: 'growth', name: 'growth-app', user: 1 },
  { project: 'growth', name: 'experiments-beta', user: 5 },
  { project: 'finance', name: 'nightly-reports', serviceAccount: 'finance-batch' },
  { project: 'finance', name: 'finance-analyst', user: 6 },
  { project: 'voice', name: 'voice-prod', serviceAccount: 'voice-gateway' },
  { project: 'voice', name: 'voice-staging', user: 4, deletedOffset: 260 },
  { project: 'data', name: 'etl', serviceAccount: 'etl-runner' },
  { project: 'data', name: 'analyst', user: 2 },
  { project: 'internal', name: 'hq-tools', user: 7 },
  { project: 'legacy', name: 'legacy-webhook', serviceAccount: 'legacy-webhook' },
  { project: 'hackathon', name: 'pixels', user: 5 },
  { project: 'sandbox', name: 'default', user: 0 },
  { project: 'sandbox', name: 'leaked-key-revoked', user: 2, deletedOffset: 40 },
] as const satisfies readonly KeyPlan[];

type KeyName = (typeof KEY_PLANS)[number]['name'];

/** The names the hostile organization carries instead of the demo's, by what they name. */
const HOSTILE_NAMES: {
  readonly organization: string;
  readonly projects: Readonly<Partial<Record<ProjectKey, string>>>;
  readonly users: Readonly<Partial<Record<UserIndex, { name: string; email: string }>>>;
  readonly serviceAccounts: Readonly<Partial<Record<ServiceAccountName, string>>>;
  readonly keys: Readonly<Partial<Record<KeyName, string>>>;
} = {
  organization: 'Acme Labs & Co. <Demo>',
  projects: {
    growth: '<b>Growth</b> Experiments',
    finance: '=SUM(A1:A9) Finance Ops',
    voice: '+Voice Agents',
    internal: 'Internal Tools @ HQ',
    hackathon: 'Hackathon 2024 "Pixels"',
  },
  users: {
    4: { name: '@oncall <Ops>', email: 'oncall+ops@acme-labs.example' },
    7: { name: '-Rob Tables', email: 'rob.tables@acme-labs.example' },
  },
  serviceAccounts: { 'legacy-webhook': 'legacy-webhook\u001b[2J\u001b]0;pwned\u0007' },
  keys: {
    'experiments-beta': 'experiments <beta>',
    'finance-analyst': '=cmd|calc finance',
    pixels: 'pixels\u202Egnp.exe',
  },
};

interface ChatShape {
  input: number;
  output: number;
  cacheHit?: number;
  cacheWrite?: number;
  audioIn?: number;
  audioOut?: number;
  imageIn?: number;
  imageOut?: number;
}

/** Mean completions token components per request for a chat workload. */
function chat(shape: ChatShape): Record<string, number> {
  const cached = shape.input * (shape.cacheHit ?? 0);
  const write = shape.input * (shape.cacheWrite ?? 0);
  const uncached = shape.input - cached - write;
  const audioIn = shape.audioIn ?? 0;
  const imageIn = shape.imageIn ?? 0;
  const textIn = 1 - audioIn - imageIn;
  const audioOut = shape.audioOut ?? 0;
  const imageOut = shape.imageOut ?? 0;
  return {
    input_text_tokens: uncached * textIn,
    input_audio_tokens: uncached * audioIn,
    input_image_tokens: uncached * imageIn,
    input_cached_text_tokens: cached * textIn,
    input_cached_audio_tokens: cached * audioIn,
    input_cached_image_tokens: cached * imageIn,
    input_cache_write_12h_tokens: write * 0.3,
    input_cache_write_30m_tokens: write * 0.7,
    output_text_tokens: shape.output * (1 - audioOut - imageOut),
    output_audio_tokens: shape.output * audioOut,
    output_image_tokens: shape.output * imageOut,
  };
}

const FINE_TUNED_MODEL = 'ft:gpt-4o-mini-2024-07-18:acme-labs::A1b2C3d4';

interface WorkloadPlan {
  readonly endpoint: UsageEndpointName;
  readonly key: KeyName;
  readonly rate: number;
  readonly profile: DemoDayProfile;
  readonly dimensions?: Record<string, string | boolean | null>;
  readonly perRequest?: Record<string, number>;
  /** Days after the history start before which it has no usage. */
  readonly startOffset?: number;
}

function completions(
  key: KeyName,
  model: string,
  rate: number,
  shape: ChatShape,
  extra: { profile?: DemoDayProfile; batch?: boolean; tier?: string; agents?: boolean } = {},
): WorkloadPlan {
  return {
    endpoint: 'completions',
    key,
    rate,
    profile: extra.profile ?? (extra.batch ? 'batch' : 'office'),
    dimensions: {
      model,
      batch: extra.batch ?? false,
      service_tier: extra.tier ?? 'default',
      api_source: extra.agents ? 'agents_api' : 'unlabeled',
    },
    perRequest: chat(shape),
  };
}

function simple(
  endpoint: UsageEndpointName,
  key: KeyName,
  model: string | null,
  rate: number,
  perRequest: Record<string, number>,
  profile: DemoDayProfile = 'office',
  dimensions: Record<string, string | boolean | null> = {},
): WorkloadPlan {
  return {
    endpoint,
    key,
    rate,
    profile,
    dimensions: model === null ? dimensions : { model, ...dimensions },
    perRequest,
  };
}

const WORKLOAD_PLANS: readonly WorkloadPlan[] = [
  // Customer support: cheap chat with heavy prompt caching, a scale-tier slice, the fine-tuned model.
  completions('support-prod', 'gpt-4o-mini-2024-07-18', 9000, {
    input: 1800,
    output: 260,
    cacheHit: 0.55,
    cacheWrite: 0.04,
  }),
  {
    ...completions(
      'support-prod',
      'gpt-4o-2024-08-06',
      1400,
      { input: 2400, output: 420, cacheHit: 0.4, cacheWrite: 0.03, imageIn: 0.08 },
      { tier: 'scale' },
    ),
    startOffset: 60,
  },
  completions('support-prod', 'gpt-4o-2024-08-06', 500, {
    input: 2400,
    output: 420,
    cacheHit: 0.4,
    imageIn: 0.08,
  }),
  completions('support-prod-2023 (rotated)', 'gpt-4o-mini-2024-07-18', 7000, {
    input: 1700,
    output: 250,
    cacheHit: 0.5,
  }),
  {
    ...completions('support-prod', FINE_TUNED_MODEL, 2200, {
      input: 900,
      output: 120,
      cacheHit: 0.2,
    }),
    startOffset: 70,
  },
  completions('ada-dev', 'gpt-4.1-2025-04-14', 180, {
    input: 5200,
    output: 900,
    cacheHit: 0.3,
    cacheWrite: 0.05,
  }),
  simple('embeddings', 'support-prod', 'text-embedding-3-small', 3000, { input_tokens: 650 }),
  simple('moderations', 'support-prod', 'omni-moderation-2024-09-26', 9000, { input_tokens: 320 }),
  simple('moderations', 'support-prod-2023 (rotated)', 'text-moderation-007', 6000, {
    input_tokens: 300,
  }),
  simple('file_search_calls', 'support-prod', null, 2600, {}, 'office', { vector_store_id: 'kb' }),
  simple('vector_stores', 'support-prod', null, 3.2e9, {}, 'flat'),
  // Search: embeddings at scale, a mid-size chat model, web search with agents.
  simple('embeddings', 'indexer', 'text-embedding-3-large', 1800, { input_tokens: 2400 }, 'batch'),
  simple('embeddings', "zoë's notebook", 'text-embedding-ada-002', 60, { input_tokens: 900 }),
  completions(
    'indexer',
    'gpt-4.1-mini-2025-04-14',
    2600,
    { input: 3100, output: 300, cacheHit: 0.25 },
    { agents: true },
  ),
  simple(
    'web_search_calls',
    'indexer',
    'gpt-4.1-mini-2025-04-14',
    700,
    { num_requests: 1.7 },
    'office',
    { context_level: 'medium', api_source: 'agents_api' },
  ),
  simple(
    'web_search_calls',
    "zoë's notebook",
    'gpt-4o-2024-08-06',
    40,
    { num_requests: 1.2 },
    'office',
    { context_level: 'high', api_source: 'unlabeled' },
  ),
  simple('file_search_calls', 'indexer', null, 900, {}, 'flat', { vector_store_id: 'catalog' }),
  simple('file_search_calls', "zoë's notebook", null, 30, {}, 'office', {
    vector_store_id: 'catalog',
  }),
  simple('vector_stores', 'indexer', null, 9.5e9, {}, 'flat'),
  // Growth: the newest models, reasoning, images, priority tier.
  completions(
    'growth-app',
    'gpt-5-2025-08-07',
    900,
    { input: 3800, output: 2100, cacheHit: 0.35, cacheWrite: 0.06, imageIn: 0.05, imageOut: 0.02 },
    { agents: true },
  ),
  completions(
    'growth-app',
    'gpt-5-mini-2025-08-07',
    2400,
    { input: 2100, output: 1300, cacheHit: 0.3 },
    { tier: 'priority' },
  ),
  completions('experiments-beta', 'o3-2025-04-16', 160, {
    input: 6400,
    output: 5200,
    cacheHit: 0.15,
  }),
  completions(
    'experiments-beta',
    'o4-mini-2025-04-16',
    420,
    { input: 3300, output: 2800, cacheHit: 0.2 },
    { tier: 'flex' },
  ),
  simple('images', 'growth-app', 'gpt-image-1', 140, { images: 1.4 }, 'office', {
    size: '1024x1024',
    source: 'image.generation',
  }),
  simple('images', 'growth-app', 'gpt-image-1', 45, { images: 1 }, 'office', {
    size: '1024x1024',
    source: 'image.edit',
  }),
  simple('images', 'experiments-beta', 'dall-e-3', 30, { images: 1 }, 'office', {
    size: '1024x1792',
    source: 'image.generation',
  }),
  simple(
    'web_search_calls',
    'growth-app',
    'gpt-5-2025-08-07',
    260,
    { num_requests: 2.3 },
    'office',
    { context_level: 'low', api_source: 'agents_api' },
  ),
  simple('code_interpreter_sessions', 'growth-app', null, 80, {}, 'office'),
  // Finance: nightly batch jobs, code interpreter.
  completions(
    'nightly-reports',
    'gpt-4.1-mini-2025-04-14',
    5200,
    { input: 4200, output: 700, cacheHit: 0.1 },
    { batch: true },
  ),
  completions(
    'nightly-reports',
    'gpt-4o-2024-08-06',
    600,
    { input: 3900, output: 800, cacheHit: 0.1 },
    { batch: true },
  ),
  completions('finance-analyst', 'gpt-4.1-2025-04-14', 90, {
    input: 8000,
    output: 1100,
    cacheHit: 0.4,
    imageIn: 0.12,
  }),
  simple('code_interpreter_sessions', 'nightly-reports', null, 140, {}, 'batch'),
  // Voice: audio models, speech and transcription, agents.
  completions(
    'voice-prod',
    'gpt-4o-audio-preview-2024-12-17',
    1300,
    { input: 1500, output: 600, cacheHit: 0.2, audioIn: 0.7, audioOut: 0.8 },
    { agents: true },
  ),
  completions('voice-staging', 'gpt-4o-mini-audio-preview-2024-12-17', 300, {
    input: 1200,
    output: 400,
    cacheHit: 0.1,
    audioIn: 0.6,
    audioOut: 0.7,
  }),
  simple('audio_speeches', 'voice-prod', 'gpt-4o-mini-tts', 2400, { characters: 380 }),
  simple('audio_speeches', 'voice-prod', 'tts-1', 600, { characters: 520 }),
  simple('audio_speeches', 'voice-staging', 'tts-1-hd', 120, { characters: 450 }),
  simple('audio_transcriptions', 'voice-prod', 'gpt-4o-transcribe', 1900, { seconds: 38 }),
  simple('audio_transcriptions', 'voice-prod', 'whisper-1', 500, { seconds: 95 }),
  simple('audio_transcriptions', 'voice-staging', 'gpt-4o-mini-transcribe', 160, { seconds: 41 }),
  // Data platform: batch, flex, decisions, embeddings.
  completions(
    'etl',
    'gpt-4o-mini-2024-07-18',
    14000,
    { input: 1300, output: 180, cacheHit: 0.05 },
    { batch: true },
  ),
  completions(
    'etl',
    'o4-mini-2025-04-16',
    800,
    { input: 2900, output: 1900, cacheHit: 0.1 },
    { tier: 'flex', profile: 'flat' },
  ),
  simple(
    'decisions',
    'etl',
    'gpt-5-mini-2025-08-07',
    1900,
    chat({ input: 1100, output: 90, cacheHit: 0.45 }),
    'flat',
    { batch: false, service_tier: 'default', api_source: 'unlabeled' },
  ),
  simple(
    'decisions',
    'analyst',
    'gpt-5-nano-2025-08-07',
    400,
    chat({ input: 700, output: 60, cacheHit: 0.3 }),
    'office',
    { batch: false, service_tier: 'default', api_source: 'agents_api' },
  ),
  simple('embeddings', 'etl', 'text-embedding-3-small', 2500, { input_tokens: 3000 }, 'batch'),
  completions('analyst', 'gpt-4.1-2025-04-14', 120, {
    input: 9000,
    output: 1600,
    cacheHit: 0.45,
    cacheWrite: 0.05,
  }),
  simple('code_interpreter_sessions', 'analyst', null, 25, {}, 'office'),
  simple('vector_stores', 'etl', null, 1.8e10, {}, 'flat'),
  simple('file_search_calls', 'analyst', null, 120, {}, 'office', {
    vector_store_id: 'warehouse-docs',
  }),
  // Internal tools: small, priority tier.
  completions(
    'hq-tools',
    'gpt-5-mini-2025-08-07',
    500,
    { input: 1600, output: 700, cacheHit: 0.25 },
    { tier: 'priority' },
  ),
  simple('moderations', 'hq-tools', 'omni-moderation-2024-09-26', 500, { input_tokens: 220 }),
  // Legacy chatbot: old models until it was archived.
  completions('legacy-webhook', 'gpt-4-turbo-2024-04-09', 700, { input: 1400, output: 350 }),
  completions(
    'legacy-webhook',
    'gpt-3.5-turbo-0125',
    4800,
    { input: 900, output: 200 },
    { profile: 'flat' },
  ),
  simple(
    'embeddings',
    'legacy-webhook',
    'text-embedding-ada-002',
    1200,
    { input_tokens: 500 },
    'flat',
  ),
  // Hackathon: a short burst of image generation.
  simple('images', 'pixels', 'dall-e-3', 260, { images: 1 }, 'office', {
    size: '1024x1024',
    source: 'image.generation',
  }),
  simple('images', 'pixels', 'dall-e-2', 180, { images: 2.6 }, 'office', {
    size: '512x512',
    source: 'image.variation',
  }),
  simple('images', 'pixels', 'dall-e-2', 90, { images: 1 }, 'office', {
    size: '256x256',
    source: 'image.edit',
  }),
  // Default project: a trickle of everything.
  completions('default', 'gpt-4o-mini-2024-07-18', 150, {
    input: 1100,
    output: 300,
    cacheHit: 0.1,
  }),
  completions(
    'leaked-key-revoked',
    'gpt-4o-2024-08-06',
    2600,
    { input: 900, output: 900 },
    { profile: 'flat' },
  ),
  simple('audio_speeches', 'default', 'tts-1', 20, { characters: 300 }),
];

function identifier(random: () => number, prefix: string, length: number): string {
  let text = prefix;
  for (let index = 0; index < length; index++) {
    text += ALPHABET[Math.floor(random() * ALPHABET.length)];
  }
  return text;
}

function requireValue<TValue>(value: TValue | undefined, what: string): TValue {
  if (value === undefined) throw new Error(`demo organization: unknown ${what}`);
  return value;
}

/**
 * Creates the demo organization: deterministic from the seed, with at least a year of history
 * ending at `now`. Nothing is materialised here but names, ids and workload descriptions; usage is
 * computed on demand from them.
 *
 * @param options Seed, clock and history length.
 *
 * @returns The organization model.
 */
export function createDemoOrganization(options: DemoOrganizationOptions = {}): DemoOrganization {
  const historyDays = options.historyDays ?? 400;
  if (!Number.isInteger(historyDays) || historyDays < MIN_HISTORY_DAYS) {
    throw new RangeError(
      `historyDays must be an integer of at least ${MIN_HISTORY_DAYS}; got ${historyDays}`,
    );
  }
  const hostile = (options.names ?? 'demo') === 'hostile';
  const seed = seedOf(options.seed ?? DEFAULT_DEMO_SEED);
  const random = createRandom(seed);
  const now = toUnixSeconds(options.now);
  const startDay = dayOf(now) - historyDays;
  const start = startDay * SECONDS_PER_DAY;
  const at = (offsetDays: number, fraction: number) =>
    Math.floor((startDay + offsetDays + fraction) * SECONDS_PER_DAY);

  const projectsByKey = new Map<ProjectKey, DemoProject>();
  const projects: DemoProject[] = [];
  for (const [key, plan] of Object.entries(PROJECT_PLANS) as [ProjectKey, ProjectPlan][]) {
    const archivedAt =
      plan.archivedOffset === undefined ? null : at(plan.archivedOffset, 0.3 + random() * 0.4);
    const project: DemoProject = {
      id: identifier(random, 'proj_', 24),
      name: (hostile ? HOSTILE_NAMES.projects[key] : undefined) ?? plan.name,
      created_at: at(plan.createdOffset, 0.2 + random() * 0.6),
      archived_at: archivedAt,
      status: archivedAt === null ? 'active' : 'archived',
    };
    projectsByKey.set(key, project);
    projects.push(project);
  }

  const users: DemoUser[] = USER_PLANS.map((plan, index) => {
    const names = (hostile ? HOSTILE_NAMES.users[index as UserIndex] : undefined) ?? plan;
    return {
      id: identifier(random, 'user-', 24),
      name: names.name,
      email: names.email,
      role: plan.role,
      added_at: at(-520 + index * 37, random()),
    };
  });

  const serviceAccountsByName = new Map<string, DemoServiceAccount>();
  const serviceAccounts: DemoServiceAccount[] = SERVICE_ACCOUNT_PLANS.map((plan) => {
    const project = requireValue(projectsByKey.get(plan.project), plan.project);
    const account: DemoServiceAccount = {
      id: identifier(random, 'svc_acct_', 20),
      name: (hostile ? HOSTILE_NAMES.serviceAccounts[plan.name] : undefined) ?? plan.name,
      projectId: project.id,
      role: 'member',
      created_at: project.created_at + 3600,
    };
    serviceAccountsByName.set(plan.name, account);
    return account;
  });

  const keysByName = new Map<string, DemoApiKey>();
  const apiKeys: DemoApiKey[] = (KEY_PLANS as readonly KeyPlan[]).map((plan) => {
    const project = requireValue(projectsByKey.get(plan.project), plan.project);
    const serviceAccount =
      plan.serviceAccount === undefined
        ? undefined
        : requireValue(serviceAccountsByName.get(plan.serviceAccount), plan.serviceAccount);
    const user = plan.user === undefined ? undefined : users[plan.user];
    const secretTail = identifier(random, '', 4);
    const deletedAt =
      plan.deletedOffset === undefined ? null : at(plan.deletedOffset, 0.4 + random() * 0.2);
    const key: DemoApiKey = {
      id: identifier(random, 'key_', 16),
      name: (hostile ? HOSTILE_NAMES.keys[plan.name as KeyName] : undefined) ?? plan.name,
      projectId: project.id,
      owner: serviceAccount
        ? { type: 'service_account', serviceAccountId: serviceAccount.id }
        : { type: 'user', userId: requireValue(user, `user of ${plan.name}`).id },
      redacted_value: `${serviceAccount ? 'sk-svcacct-' : 'sk-proj-'}****${secretTail}`,
      created_at: project.created_at + 7200 + Math.floor(random() * 86_400),
      deleted: deletedAt !== null,
      deleted_at: deletedAt,
    };
    keysByName.set(plan.name, key);
    return key;
  });

  const vectorStoreIds = new Map<string, DemoVectorStore>();
  const vectorStores: DemoVectorStore[] = [];
  const workloads: DemoWorkload[] = [];
  const models: Partial<Record<UsageEndpointName, string[]>> = {};

  for (const plan of WORKLOAD_PLANS) {
    const key = requireValue(keysByName.get(plan.key), `key ${plan.key}`);
    const project = requireValue(
      projects.find((candidate) => candidate.id === key.projectId),
      'project',
    );
    const scope: Record<string, string | boolean | null> = {
      project_id: project.id,
      user_id: key.owner.type === 'user' ? key.owner.userId : key.owner.serviceAccountId,
      api_key_id: key.id,
    };
    const dimensions: Record<string, string | boolean | null> = Object.create(null);
    for (const dimension of getEndpoint(plan.endpoint).dimensions) {
      const planned = plan.dimensions?.[dimension];
      dimensions[dimension] = planned ?? scope[dimension] ?? null;
    }
    const storeName = plan.dimensions?.vector_store_id;
    if (typeof storeName === 'string') {
      const storeKey = `${project.id}/${storeName}`;
      let store = vectorStoreIds.get(storeKey);
      if (!store) {
        store = { id: identifier(random, 'vs_', 24), name: storeName, projectId: project.id };
        vectorStoreIds.set(storeKey, store);
        vectorStores.push(store);
      }
      dimensions.vector_store_id = store.id;
    }
    const model = dimensions.model;
    if (typeof model === 'string') {
      const list = models[plan.endpoint] ?? [];
      if (!list.includes(model)) list.push(model);
      models[plan.endpoint] = list;
    }
    const keyStart = dayOf(key.created_at) + 1;
    const projectStart = dayOf(project.created_at) + 1;
    const planStart = startDay + (plan.startOffset ?? -10_000);
    const ends = [project.archived_at, key.deleted_at]
      .filter((value): value is number => value !== null)
      .map(dayOf);
    workloads.push({
      endpoint: plan.endpoint,
      dimensions: { ...dimensions },
      baseRate: plan.rate,
      perRequest: plan.perRequest ?? {},
      profile: plan.profile,
      growthPerDay: 0.0012 + random() * 0.0025,
      firstDay: Math.max(keyStart, projectStart, planStart),
      endDay: ends.length === 0 ? Number.POSITIVE_INFINITY : Math.min(...ends),
    });
  }

  const project = (key: ProjectKey) => requireValue(projectsByKey.get(key), key).id;
  const incidents: DemoIncident[] = [
    {
      projectId: project('support'),
      firstDay: startDay + 131,
      days: 2,
      factor: 4.5,
      description: 'a retry loop in the support bot re-sent every conversation',
    },
    {
      projectId: project('data'),
      firstDay: startDay + 287,
      days: 3,
      factor: 3,
      description: 'a backfill of the warehouse re-embedded every document',
    },
  ];

  return {
    id: identifier(random, 'org-', 24),
    name: hostile ? HOSTILE_NAMES.organization : 'Acme Labs',
    seed,
    now,
    start,
    projects,
    users,
    serviceAccounts,
    apiKeys,
    vectorStores,
    workloads,
    incidents,
    billing: {
      negotiatedDiscounts: [{ model: 'gpt-4.1-2025-04-14', percentOff: 15 }],
      scaleTier: { firstDay: startDay + 60, unitsPerDay: 2, pricePerUnitPerDay: 110 },
      fineTuningJobs: [
        {
          day: startDay + 68,
          projectId: project('support'),
          model: 'gpt-4o-mini-2024-07-18',
          trainedTokens: 48_000_000,
        },
        {
          day: startDay + 240,
          projectId: project('support'),
          model: 'gpt-4o-mini-2024-07-18',
          trainedTokens: 22_500_000,
        },
      ],
      freeUsage: [
        {
          projectId: project('search'),
          model: 'gpt-4.1-mini-2025-04-14',
          firstDay: startDay + 200,
          tokensPerDay: 2_500_000,
        },
      ],
    },
    models,
  };
}
