import { describe, expect, test } from 'vitest';
import { DEMO_ADMIN_KEY } from './demo-organization';
import { createMockApi } from './mock-api';
import { MOCK_PRICE_LIST } from './pricing';

const api = createMockApi({ now: Date.UTC(2026, 8, 15, 12, 30) });
const { billing } = api.organization;
const BYTES_PER_GIBIBYTE = 2 ** 30;

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read loosely; pages are validated in mock-api.test.ts
type Json = Record<string, any>;

async function page(path: string, mock = api): Promise<Json> {
  const response = await mock.fetch(`${mock.baseURL}${path}`, {
    headers: { authorization: `Bearer ${DEMO_ADMIN_KEY}` },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Json;
}

// A day with a fine-tuning job, after Scale Tier and the free usage credit started.
const trainingJob = billing.fineTuningJobs.find(
  (job) =>
    job.day >= billing.scaleTier.firstDay &&
    billing.freeUsage.every((credit) => job.day >= credit.firstDay),
);
if (trainingJob === undefined) throw new Error('the demo organization has no fine-tuning job');
const day = trainingJob.day * 86_400;
const dayQuery = `start_time=${day}&end_time=${day + 86_400}`;

async function billLines(mock = api): Promise<Json[]> {
  const body = await page(
    `/organization/costs?${dayQuery}&group_by[]=line_item&group_by[]=project_id`,
    mock,
  );
  return body.data[0].results as Json[];
}

/** The day's billed amount of one line item, over every project. @unit USD */
function billed(lines: readonly Json[], lineItem: string): number {
  const matching = lines.filter((line) => line.line_item === lineItem);
  expect(matching.length, lineItem).toBeGreaterThan(0);
  return matching.reduce((total, line) => total + (line.amount.value as number), 0);
}

/** The day's completions results grouped by model, batch, service tier and project. */
async function completionsByTier(): Promise<Json[]> {
  const groups = ['model', 'batch', 'service_tier', 'project_id']
    .map((dimension) => `group_by[]=${dimension}`)
    .join('&');
  const body = await page(`/organization/usage/completions?${dayQuery}&bucket_width=1d&${groups}`);
  return body.data[0].results as Json[];
}

function tokens(
  results: readonly Json[],
  metric: string,
  where: { model: string; batch?: boolean; service_tier?: string },
): number {
  return results
    .filter(
      (result) =>
        result.model === where.model &&
        result.batch === (where.batch ?? false) &&
        result.service_tier === (where.service_tier ?? 'default'),
    )
    .reduce((total, result) => total + (result[metric] as number), 0);
}

describe('the bill is usage × OpenAI’s published prices (the mock’s own list)', () => {
  test('standard, batch, priority and flex lines, hand-priced per 1M tokens', async () => {
    const usage = await completionsByTier();
    const bill = await billLines();
    // gpt-4o-2024-08-06: $10.00 output, $5.00 batch output (Scale Tier tokens are not billed).
    expect(billed(bill, 'gpt-4o-2024-08-06, output')).toBeCloseTo(
      (tokens(usage, 'output_tokens', { model: 'gpt-4o-2024-08-06' }) * 10) / 1e6,
      8,
    );
    expect(billed(bill, 'gpt-4o-2024-08-06, batch output')).toBeCloseTo(
      (tokens(usage, 'output_tokens', { model: 'gpt-4o-2024-08-06', batch: true }) * 5) / 1e6,
      8,
    );
    // gpt-5-mini priority: $3.60 output; o4-mini flex: $2.20 output.
    expect(billed(bill, 'gpt-5-mini-2025-08-07, priority output')).toBeCloseTo(
      (tokens(usage, 'output_tokens', {
        model: 'gpt-5-mini-2025-08-07',
        service_tier: 'priority',
      }) *
        3.6) /
        1e6,
      8,
    );
    expect(billed(bill, 'o4-mini-2025-04-16, flex output')).toBeCloseTo(
      (tokens(usage, 'output_tokens', { model: 'o4-mini-2025-04-16', service_tier: 'flex' }) *
        2.2) /
        1e6,
      8,
    );
    // gpt-4o-mini cached input $0.075, batch cached input $0.0375.
    expect(billed(bill, 'gpt-4o-mini-2024-07-18, cached input')).toBeCloseTo(
      (tokens(usage, 'input_cached_tokens', { model: 'gpt-4o-mini-2024-07-18' }) * 0.075) / 1e6,
      8,
    );
    expect(billed(bill, 'gpt-4o-mini-2024-07-18, batch cached input')).toBeCloseTo(
      (tokens(usage, 'input_cached_tokens', { model: 'gpt-4o-mini-2024-07-18', batch: true }) *
        0.0375) /
        1e6,
      8,
    );
  });

  test('the negotiated discount: gpt-4.1 is billed 15 % below $8.00 per 1M output tokens', async () => {
    const usage = await completionsByTier();
    const discount = billing.negotiatedDiscounts[0];
    expect(discount).toEqual({ model: 'gpt-4.1-2025-04-14', percentOff: 15 });
    expect(billed(await billLines(), 'gpt-4.1-2025-04-14, output')).toBeCloseTo(
      (tokens(usage, 'output_tokens', { model: 'gpt-4.1-2025-04-14' }) * 8 * 0.85) / 1e6,
      8,
    );
  });

  test('Scale Tier tokens are covered by one org-level line; their usage says service_tier scale', async () => {
    const usage = await completionsByTier();
    expect(
      tokens(usage, 'input_tokens', { model: 'gpt-4o-2024-08-06', service_tier: 'scale' }),
    ).toBeGreaterThan(0);
    const bill = await billLines();
    expect(
      bill.filter((line) => /scale/.test(line.line_item) && line.line_item !== 'scale tier units'),
    ).toEqual([]);
    expect(bill.filter((line) => line.line_item === 'scale tier units')).toEqual([
      expect.objectContaining({
        project_id: null,
        quantity: billing.scaleTier.unitsPerDay,
        amount: {
          value: billing.scaleTier.unitsPerDay * billing.scaleTier.pricePerUnitPerDay,
          currency: 'usd',
        },
      }),
    ]);
  });

  test('fine-tuning training is billed on the job day with no usage behind it, $3.00 per 1M tokens', async () => {
    const training = (await billLines()).filter(
      (line) => line.line_item === `ft-${trainingJob.model}, training`,
    );
    expect(training).toEqual([
      expect.objectContaining({
        project_id: trainingJob.projectId,
        quantity: trainingJob.trainedTokens,
        quantity_unit: 'tokens',
      }),
    ]);
    expect(training[0]?.amount.value).toBeCloseTo((trainingJob.trainedTokens * 3) / 1e6, 9);
    const bill = await billLines();
    expect(bill.some((line) => line.line_item.startsWith('ft-gpt-4o-mini-2024-07-18, '))).toBe(
      true,
    );
    expect(bill.every((line) => !line.line_item.startsWith('ft:'))).toBe(true);
  });

  test('the free usage credit gives back the first 2.5M uncached input tokens of gpt-4.1-mini at $0.40', async () => {
    const credit = billing.freeUsage[0];
    if (credit === undefined) throw new Error('the demo organization has no free usage credit');
    const body = await page(
      `/organization/usage/completions?${dayQuery}&bucket_width=1d&group_by[]=model&group_by[]=project_id&group_by[]=batch&group_by[]=service_tier`,
    );
    const eligible = (body.data[0].results as Json[])
      .filter(
        (result) =>
          result.model === credit.model &&
          result.project_id === credit.projectId &&
          result.batch === false &&
          result.service_tier === 'default',
      )
      .reduce(
        (total, result) =>
          total +
          result.input_tokens -
          result.input_cached_tokens -
          result.input_cache_write_tokens -
          result.input_audio_tokens -
          result.input_image_tokens,
        0,
      );
    const free = Math.min(eligible, credit.tokensPerDay);
    expect(free).toBeGreaterThan(0);
    const lines = (await billLines()).filter((line) => line.line_item === 'free usage credit');
    expect(lines).toEqual([
      expect.objectContaining({
        project_id: credit.projectId,
        quantity: free,
        quantity_unit: 'tokens',
      }),
    ]);
    expect(lines[0]?.amount.value).toBeCloseTo((-free * 0.4) / 1e6, 9);
  });

  test('transcription is billed per started minute at $0.006 / $0.003 per minute', async () => {
    const bill = (await billLines()).filter((line) => line.line_item.endsWith(', audio'));
    const body = await page(
      `/organization/usage/audio_transcriptions?${dayQuery}&bucket_width=1d&group_by[]=model`,
    );
    const perMinute: Record<string, number> = {
      'whisper-1': 0.006,
      'gpt-4o-transcribe': 0.006,
      'gpt-4o-mini-transcribe': 0.003,
    };
    let list = 0;
    for (const result of body.data[0].results as Json[]) {
      list += (result.seconds * (perMinute[result.model] as number)) / 60;
    }
    const total = bill.reduce((sum, line) => sum + line.amount.value, 0);
    expect(bill.length).toBeGreaterThan(0);
    expect(total).toBeGreaterThanOrEqual(list);
    expect(total - list).toBeLessThanOrEqual(bill.length * 0.006);
  });

  test('vector storage is billed on the day’s byte-time: the daily average level × 24 GiB-hours at $0.10 per GB-day', async () => {
    const bill = (await billLines()).filter((line) => line.line_item === 'vector store storage');
    const body = await page(
      `/organization/usage/vector_stores?${dayQuery}&bucket_width=1d&group_by[]=project_id`,
    );
    const levels = body.data[0].results as Json[];
    expect(bill).toHaveLength(levels.length);
    for (const line of bill) {
      const level = levels.find((result) => result.project_id === line.project_id);
      expect(line.quantity_unit).toBe('gibibyte_hours');
      expect(line.quantity).toBeCloseTo((level?.usage_bytes * 24) / BYTES_PER_GIBIBYTE, 5);
      expect(line.amount.value).toBeCloseTo((line.quantity * 0.1) / 24, 9);
    }
  });

  test('moderations are free and have no line item', async () => {
    const bill = await billLines();
    const models = api.organization.models.moderations ?? [];
    expect(models.length).toBeGreaterThan(0);
    expect(bill.some((line) => models.some((model) => line.line_item.startsWith(model)))).toBe(
      false,
    );
  });
});

describe('pricing', () => {
  test('refuses to start when the prices cannot price something the organization uses', () => {
    expect(() =>
      createMockApi({
        now: Date.UTC(2026, 8, 15),
        pricing: {
          lookup: (query) =>
            query.model === 'gpt-4o-2024-08-06'
              ? { priced: false, reason: 'not in this list' }
              : MOCK_PRICE_LIST.lookup(query),
        },
      }),
    ).toThrow(/no price for completions gpt-4o-2024-08-06 .*not in this list/);
  });

  test('bills at the prices it is given', async () => {
    const doubled = createMockApi({
      now: Date.UTC(2026, 8, 15, 12, 30),
      pricing: {
        lookup: (query) => {
          const found = MOCK_PRICE_LIST.lookup(query);
          return found.priced ? { ...found, unitPricePicos: found.unitPricePicos * 2 } : found;
        },
      },
    });
    const [base, twice] = [await billLines(), await billLines(doubled)];
    expect(billed(twice, 'gpt-4o-2024-08-06, input')).toBeCloseTo(
      2 * billed(base, 'gpt-4o-2024-08-06, input'),
      8,
    );
    expect(billed(twice, 'scale tier units')).toBe(billed(base, 'scale tier units'));
  });
});
