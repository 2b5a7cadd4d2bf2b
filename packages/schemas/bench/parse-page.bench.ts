/**
 * How much does validating a completions sync cost next to decoding it?
 *
 * Builds realistic completions pages (168 hourly buckets each, 0 to 12 results per bucket shaped
 * like the spec's result example plus the newest counters, grouped by project, user, key, model,
 * batch and service tier), 1,000,000 results in all, and measures per page:
 * - `JSON.parse` of the page's bytes (the baseline),
 * - `parsePage('completions', ...)` on the parsed object (our fast path, tolerant mode),
 * - `v.safeParse(completionsEndpoint.pageSchema, ...)` on the same object (plain valibot, the peer).
 *
 * Target: parsePage / JSON.parse <= 0.25.
 *
 * Run: `pnpm --filter @usagekit/schemas bench`
 * (= `tsx --conditions=@usagekit/source bench/parse-page.bench.ts`).
 */
import * as v from 'valibot';
import { completionsEndpoint, parsePage } from '../src/index';

const TOTAL_RESULTS = 1_000_000;
const BUCKETS_PER_PAGE = 168;
const DISTINCT_PAGES = 48;
const HOUR_SECONDS = 3600;
const TARGET_RATIO = 0.25;

/** A small deterministic generator (mulberry32), so every run measures the same bytes. */
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

const MODELS = ['gpt-4o-mini-2024-07-18', 'gpt-4.1-2025-04-14', 'o4-mini-2025-04-16', 'gpt-5'];
const TIERS = ['default', 'flex', 'priority', 'scale'];

function completionsResult(random: () => number, group: number) {
  const integer = (max: number) => Math.floor(random() * max);
  const inputText = integer(40_000);
  const inputAudio = integer(2_000);
  const inputImage = integer(4_000);
  const cachedText = integer(20_000);
  const cachedAudio = integer(500);
  const cachedImage = integer(1_000);
  const write12h = integer(1_000);
  const write30m = integer(1_000);
  const outputText = integer(10_000);
  const outputAudio = integer(500);
  const outputImage = integer(500);
  const uncached = inputText + inputAudio + inputImage;
  const cached = cachedText + cachedAudio + cachedImage;
  const cacheWrite = write12h + write30m;
  return {
    object: 'organization.usage.completions.result',
    input_tokens: uncached + cached + cacheWrite,
    input_cached_tokens: cached,
    input_cache_write_tokens: cacheWrite,
    input_cache_write_12h_tokens: write12h,
    input_cache_write_30m_tokens: write30m,
    input_uncached_tokens: uncached,
    output_tokens: outputText + outputAudio + outputImage,
    input_text_tokens: inputText,
    output_text_tokens: outputText,
    input_cached_text_tokens: cachedText,
    input_audio_tokens: inputAudio,
    input_cached_audio_tokens: cachedAudio,
    output_audio_tokens: outputAudio,
    input_image_tokens: inputImage,
    input_cached_image_tokens: cachedImage,
    output_image_tokens: outputImage,
    num_model_requests: 1 + integer(500),
    project_id: `proj_${(group % 7).toString(36).padStart(24, 'x')}`,
    user_id: `user-${(group % 11).toString(36).padStart(24, 'u')}`,
    api_key_id: `key_${(group % 13).toString(36).padStart(16, 'k')}`,
    model: MODELS[group % MODELS.length],
    batch: group % 5 === 0,
    service_tier: TIERS[group % TIERS.length],
    api_source: null,
  };
}

/** Builds one page's JSON text and how many results it holds. */
function buildPage(random: () => number, pageIndex: number) {
  const start = 1_730_419_200 + pageIndex * BUCKETS_PER_PAGE * HOUR_SECONDS;
  let results = 0;
  const data = Array.from({ length: BUCKETS_PER_PAGE }, (_, bucketIndex) => {
    const count = Math.floor(random() * 13);
    results += count;
    return {
      object: 'bucket',
      start_time: start + bucketIndex * HOUR_SECONDS,
      end_time: start + (bucketIndex + 1) * HOUR_SECONDS,
      results: Array.from({ length: count }, (_, group) => completionsResult(random, group)),
    };
  });
  const page = { object: 'page', data, has_more: true, next_page: `page_${pageIndex}` };
  return { text: JSON.stringify(page), results };
}

function measure<T>(work: () => T): [T, number] {
  const started = performance.now();
  const value = work();
  return [value, performance.now() - started];
}

const random = createRandom(20_260_821);
const pages = Array.from({ length: DISTINCT_PAGES }, (_, index) => buildPage(random, index));

// Warm up every path on a few pages so the JIT has seen them before timing starts.
for (const page of pages.slice(0, 8)) {
  const json = JSON.parse(page.text);
  parsePage('completions', json);
  v.safeParse(completionsEndpoint.pageSchema, json);
}

let results = 0;
let bytes = 0;
let pageCount = 0;
let jsonParseMs = 0;
let parsePageMs = 0;
let valibotMs = 0;
let rejected = 0;
while (results < TOTAL_RESULTS) {
  const page = pages[pageCount % DISTINCT_PAGES] as (typeof pages)[number];
  const [json, parseTime] = measure(() => JSON.parse(page.text) as unknown);
  const [fast, fastTime] = measure(() => parsePage('completions', json));
  const [plain, plainTime] = measure(() => v.safeParse(completionsEndpoint.pageSchema, json));
  if (!fast.success || !plain.success) rejected++;
  jsonParseMs += parseTime;
  parsePageMs += fastTime;
  valibotMs += plainTime;
  results += page.results;
  bytes += page.text.length;
  pageCount++;
}

const ratio = parsePageMs / jsonParseMs;
const format = (milliseconds: number) => `${milliseconds.toFixed(1).padStart(9)} ms`;
console.log(
  `completions: ${results.toLocaleString('en-US')} results in ${pageCount} pages of ${BUCKETS_PER_PAGE} buckets, ${(bytes / 1e6).toFixed(1)} MB of JSON (${DISTINCT_PAGES} distinct pages, cycled)`,
);
console.log(`JSON.parse                ${format(jsonParseMs)}   (baseline)`);
console.log(`parsePage (tolerant)      ${format(parsePageMs)}   ratio ${ratio.toFixed(3)}`);
console.log(
  `v.safeParse(pageSchema)   ${format(valibotMs)}   ratio ${(valibotMs / jsonParseMs).toFixed(3)}`,
);
console.log(
  `parsePage is ${(valibotMs / parsePageMs).toFixed(1)}x faster than plain valibot; ` +
    `target parsePage/JSON.parse <= ${TARGET_RATIO}: ${ratio <= TARGET_RATIO ? 'met' : 'NOT met'}`,
);
if (rejected > 0) {
  console.error(`${rejected} pages were rejected; the benchmark data is invalid`);
  process.exitCode = 1;
}
