/**
 * Builds the benchmark workload: hourly completions pages grouped by project, user, key, model
 * and batch, serialised to JSON text and parsed back, so the objects have the shapes a real
 * `JSON.parse` of an API response gives.
 */

/** Cardinalities of the simulated organisation. */
export const WORKLOAD_CARDINALITIES = { projects: 20, users: 200, keys: 60, models: 15 } as const;

/** Results in each hourly bucket. */
export const RESULTS_PER_BUCKET = 700;

/** Buckets per page: the API's maximum `limit` for `1h`. */
export const BUCKETS_PER_PAGE = 168;

/** 2025-01-01T00:00:00Z. */
const FIRST_BUCKET_START = 1_735_689_600;

const MODEL_NAMES = [
  'gpt-4o-2024-08-06',
  'gpt-4o-mini-2024-07-18',
  'gpt-4.1-2025-04-14',
  'gpt-4.1-mini-2025-04-14',
  'gpt-4.1-nano-2025-04-14',
  'o3-2025-04-16',
  'o4-mini-2025-04-16',
  'gpt-5-2025-08-07',
  'gpt-5-mini-2025-08-07',
  'gpt-5-nano-2025-08-07',
  'gpt-realtime-2025-08-28',
  'gpt-4o-audio-preview-2025-06-03',
  'o3-mini-2025-01-31',
  'ft:gpt-4o-mini-2024-07-18:acme::B1x2y3z4',
  'gpt-image-1',
];

/** A deterministic pseudo-random generator (mulberry32). */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function identifier(prefix: string, index: number, random: () => number): string {
  let text = '';
  for (let position = 0; position < 24; position += 1) {
    text += 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'[
      Math.floor(random() * 62)
    ];
  }
  return `${prefix}${text.slice(0, 24 - String(index).length)}${index}`;
}

interface Combination {
  project: string;
  user: string;
  key: string;
  model: string;
  batch: boolean;
}

function createCombinations(random: () => number): Combination[] {
  const projects = Array.from({ length: WORKLOAD_CARDINALITIES.projects }, (_, index) =>
    identifier('proj_', index, random),
  );
  const users = Array.from({ length: WORKLOAD_CARDINALITIES.users }, (_, index) =>
    identifier('user-', index, random),
  );
  const keys = Array.from({ length: WORKLOAD_CARDINALITIES.keys }, (_, index) =>
    identifier('key_', index, random),
  );
  const combinations: Combination[] = [];
  const seen = new Set<string>();
  while (combinations.length < RESULTS_PER_BUCKET * 3) {
    const keyIndex = Math.floor(random() * keys.length);
    const project = projects[keyIndex % projects.length] as string;
    const user = users[Math.floor(random() * users.length)] as string;
    const model = MODEL_NAMES[Math.floor(random() ** 2 * MODEL_NAMES.length)] as string;
    const batch = random() < 0.2;
    const combination = `${keyIndex}|${user}|${model}|${batch}`;
    if (seen.has(combination)) continue;
    seen.add(combination);
    combinations.push({ project, user, key: keys[keyIndex] as string, model, batch });
  }
  return combinations;
}

function resultJson(combination: Combination, random: () => number, modern: boolean): string {
  const input = Math.floor(random() * 2_000_000);
  const cached = Math.floor(input * random() * 0.6);
  const output = Math.floor(random() * 400_000);
  const requests = 1 + Math.floor(random() * 900);
  const audioInput = random() < 0.1 ? Math.floor(random() * 5000) : 0;
  const audioOutput = audioInput === 0 ? 0 : Math.floor(random() * 4000);
  let details: string;
  if (modern) {
    const write = Math.floor((input - cached) * random() * 0.2);
    const write12h = Math.floor(write * random());
    details =
      `"input_cached_tokens":${cached},"input_uncached_tokens":${input - cached},` +
      `"input_cache_write_tokens":${write},"input_cache_write_12h_tokens":${write12h},` +
      `"input_cache_write_30m_tokens":null,"input_text_tokens":${input - audioInput},` +
      `"input_cached_text_tokens":${cached},"input_audio_tokens":${audioInput},` +
      `"input_cached_audio_tokens":0,"input_image_tokens":0,"input_cached_image_tokens":0,` +
      `"output_text_tokens":${output - audioOutput},"output_audio_tokens":${audioOutput},` +
      `"output_image_tokens":0,`;
  } else {
    details =
      `"input_cached_tokens":${cached},"input_audio_tokens":${audioInput},` +
      `"output_audio_tokens":${audioOutput},`;
  }
  return (
    `{"object":"organization.usage.completions.result","input_tokens":${input},` +
    `"output_tokens":${output},${details}"num_model_requests":${requests},` +
    `"project_id":"${combination.project}","user_id":"${combination.user}",` +
    `"api_key_id":"${combination.key}","model":"${combination.model}",` +
    `"batch":${combination.batch},"service_tier":null${modern ? ',"api_source":null' : ''}}`
  );
}

/** One page of the workload as the parsed JSON of an API response. */
export interface WorkloadPage {
  object: 'page';
  data: Array<{
    object: 'bucket';
    start_time: number;
    end_time: number;
    results: Array<Record<string, unknown>>;
  }>;
  has_more: boolean;
  next_page: string | null;
}

/**
 * Generates parsed hourly completions pages holding `resultCount` results in total. The first
 * half of the hours has the older result shape (three token details), the second half the
 * newer one (every token detail, `api_source`).
 *
 * @param resultCount How many results to generate.
 * @param seed Seed of the pseudo-random generator.
 *
 * @returns The parsed pages.
 */
export function createCompletionsWorkload(resultCount: number, seed = 7): WorkloadPage[] {
  const random = createRandom(seed);
  const combinations = createCombinations(random);
  const bucketCount = Math.ceil(resultCount / RESULTS_PER_BUCKET);
  const pages: WorkloadPage[] = [];
  let remaining = resultCount;
  for (let firstBucket = 0; firstBucket < bucketCount; firstBucket += BUCKETS_PER_PAGE) {
    const bucketTexts: string[] = [];
    const lastBucket = Math.min(bucketCount, firstBucket + BUCKETS_PER_PAGE);
    for (let bucket = firstBucket; bucket < lastBucket; bucket += 1) {
      const start = FIRST_BUCKET_START + bucket * 3600;
      const modern = bucket >= bucketCount / 2;
      const count = Math.min(RESULTS_PER_BUCKET, remaining);
      remaining -= count;
      const offset = Math.floor(random() * combinations.length);
      const results: string[] = [];
      for (let index = 0; index < count; index += 1) {
        const combination = combinations[(offset + index) % combinations.length] as Combination;
        results.push(resultJson(combination, random, modern));
      }
      bucketTexts.push(
        `{"object":"bucket","start_time":${start},"end_time":${start + 3600},"results":[${results.join(',')}]}`,
      );
    }
    const hasMore = lastBucket < bucketCount;
    pages.push(
      JSON.parse(
        `{"object":"page","data":[${bucketTexts.join(',')}],"has_more":${hasMore},"next_page":${hasMore ? `"page_${lastBucket}"` : 'null'}}`,
      ) as WorkloadPage,
    );
  }
  return pages;
}
