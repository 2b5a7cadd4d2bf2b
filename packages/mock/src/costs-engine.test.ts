import { createPriceBook, estimateCost, type PricedLine } from '@usagekit/cost';
import { getEndpoint } from '@usagekit/schemas';
import { describe, expect, test } from 'vitest';
import { DEMO_ADMIN_KEY } from './demo-organization';
import { createMockApi } from './mock-api';
import type { UsageEndpointName } from './organization';

const api = createMockApi({ now: Date.UTC(2026, 8, 15, 12, 30) });
const book = createPriceBook();
const { billing } = api.organization;
const PICOS_PER_USD = 1e12;

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read loosely; pages are validated in mock-api.test.ts
type Json = Record<string, any>;

async function page(path: string): Promise<Json> {
  const response = await api.fetch(`${api.baseURL}${path}`, {
    headers: { authorization: `Bearer ${DEMO_ADMIN_KEY}` },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Json;
}

/** One UTC day of usage of an endpoint, grouped by every dimension, priced by the cost estimator. */
async function estimatedLines(name: UsageEndpointName, day: number): Promise<PricedLine[]> {
  const groups = getEndpoint(name)
    .dimensions.map((dimension) => `group_by[]=${dimension}`)
    .join('&');
  const body = await page(
    `/organization/usage/${name}?start_time=${day}&end_time=${day + 86_400}&bucket_width=1d&${groups}`,
  );
  const estimate = estimateCost({ endpoint: name, buckets: body.data }, { priceBook: book });
  expect(estimate.unpriced).toEqual([]);
  return estimate.lines;
}

/** The exact list price of lines. @unit USD */
function listUsd(lines: readonly PricedLine[]): number {
  let picos = 0n;
  for (const line of lines) picos += BigInt(line.quantity) * BigInt(line.unitPricePicos ?? 0);
  return Number(picos) / PICOS_PER_USD;
}

async function billLines(day: number): Promise<Json[]> {
  const body = await page(
    `/organization/costs?start_time=${day}&end_time=${day + 86_400}&group_by[]=line_item&group_by[]=project_id`,
  );
  return body.data[0].results as Json[];
}

function billedUsd(lines: readonly Json[]): number {
  return lines.reduce((total, line) => total + (line.amount.value as number), 0);
}

// A day with a fine-tuning job, after Scale Tier started.
const trainingJob = billing.fineTuningJobs.find((job) => job.day >= billing.scaleTier.firstDay);
if (trainingJob === undefined) throw new Error('the demo organization has no fine-tuning job');
const day = trainingJob.day * 86_400;
const discount = billing.negotiatedDiscounts[0];
if (discount === undefined) throw new Error('the demo organization has no negotiated discount');

const tokenEndpoints = ['completions', 'decisions'] as const;
const unitEndpoints = [
  'embeddings',
  'images',
  'audio_speeches',
  'web_search_calls',
  'file_search_calls',
  'code_interpreter_sessions',
] as const;

describe('the bill is usage × the cost package price book, except for the documented differences', () => {
  test('per-token and per-unit line items equal the estimator’s list price, gpt-4.1 at its discount', async () => {
    const bill = await billLines(day);
    const lines: PricedLine[] = [];
    for (const name of [...tokenEndpoints, ...unitEndpoints])
      lines.push(...(await estimatedLines(name, day)));
    const scale = lines.filter((line) => line.dimensions.service_tier === 'scale');
    const discounted = lines.filter(
      (line) =>
        line.dimensions.model === discount.model && line.dimensions.service_tier !== 'scale',
    );
    const listed = lines.filter((line) => !scale.includes(line) && !discounted.includes(line));
    expect(scale.length).toBeGreaterThan(0);
    expect(discounted.length).toBeGreaterThan(0);

    const isDiscounted = (line: Json) =>
      (line.line_item as string).startsWith(`${discount.model},`);
    const organizationLevel = new Set(['scale tier units', `ft-${trainingJob.model}, training`]);
    const usageBilled = bill.filter(
      (line) =>
        !organizationLevel.has(line.line_item) &&
        line.line_item !== 'vector store storage' &&
        !(line.line_item as string).endsWith(', audio'),
    );
    // Rows are rounded once each to 1e-10 USD; the sums here are floats.
    expect(billedUsd(usageBilled.filter((line) => !isDiscounted(line)))).toBeCloseTo(
      listUsd(listed),
      6,
    );
    expect(billedUsd(usageBilled.filter(isDiscounted))).toBeCloseTo(
      (listUsd(discounted) * (100 - discount.percentOff)) / 100,
      6,
    );
  });

  test('Scale Tier tokens are covered by one org-level line; training is billed on the job day', async () => {
    const bill = await billLines(day);
    const scaleLine = bill.filter((line) => line.line_item === 'scale tier units');
    expect(scaleLine).toEqual([
      expect.objectContaining({
        project_id: null,
        quantity: billing.scaleTier.unitsPerDay,
        amount: {
          value: billing.scaleTier.unitsPerDay * billing.scaleTier.pricePerUnitPerDay,
          currency: 'usd',
        },
      }),
    ]);
    const training = bill.filter((line) => line.line_item === `ft-${trainingJob.model}, training`);
    expect(training).toEqual([
      expect.objectContaining({
        project_id: trainingJob.projectId,
        quantity: trainingJob.trainedTokens,
        quantity_unit: 'tokens',
      }),
    ]);
    // $3.00 per 1M training tokens (the mock's own table: the book has no training unit).
    expect(training[0]?.amount.value).toBeCloseTo((trainingJob.trainedTokens * 3) / 1e6, 9);
    expect(
      bill.some((line) => (line.line_item as string).startsWith('ft-gpt-4o-mini-2024-07-18, ')),
    ).toBe(true);
    expect(bill.every((line) => !(line.line_item as string).startsWith('ft:'))).toBe(true);
  });

  test('transcription is billed per started minute of the book’s per-second price', async () => {
    const bill = (await billLines(day)).filter((line) =>
      (line.line_item as string).endsWith(', audio'),
    );
    const lines = await estimatedLines('audio_transcriptions', day);
    const list = listUsd(lines);
    const billed = billedUsd(bill);
    expect(bill.length).toBeGreaterThan(0);
    expect(billed).toBeGreaterThanOrEqual(list);
    // At most one started minute per billed row more than the per-second list price.
    const dearestSecond =
      Math.max(...lines.map((line) => line.unitPricePicos ?? 0)) / PICOS_PER_USD;
    expect(billed - list).toBeLessThanOrEqual(bill.length * 60 * dearestSecond);
  });

  test('vector storage is billed in GiB-hours at the book’s GiB-day price ÷ 24, without a free GiB', async () => {
    const bill = (await billLines(day)).filter((line) => line.line_item === 'vector store storage');
    const price = book.lookup({
      endpoint: 'vector_stores',
      model: null,
      unit: 'gb_days',
      date: day,
    });
    if (!price.priced) throw new Error(price.reason);
    expect(bill.length).toBeGreaterThan(0);
    for (const line of bill) {
      expect(line.quantity_unit).toBe('gibibyte_hours');
      expect(line.amount.value).toBeCloseTo(
        (line.quantity * price.unitPricePicos) / 24 / PICOS_PER_USD,
        9,
      );
    }
  });

  test('moderations are free and have no line item', async () => {
    const bill = await billLines(day);
    const models = api.organization.models.moderations ?? [];
    expect(models.length).toBeGreaterThan(0);
    expect(
      bill.some((line) => models.some((model) => (line.line_item as string).startsWith(model))),
    ).toBe(false);
  });
});

describe('pricing', () => {
  test('refuses to start when the price book cannot price something the organization uses', () => {
    expect(() =>
      createMockApi({
        now: Date.UTC(2026, 8, 15),
        pricing: {
          lookup: (query) =>
            query.model === 'gpt-4o-2024-08-06'
              ? { priced: false, reason: 'not in this book' }
              : book.lookup(query),
        },
      }),
    ).toThrow(/no price for completions gpt-4o-2024-08-06 .*not in this book/);
  });

  test('bills through the price book it is given', async () => {
    const doubled = createMockApi({
      now: Date.UTC(2026, 8, 15, 12, 30),
      pricing: {
        lookup: (query) => {
          const found = book.lookup(query);
          return found.priced ? { ...found, unitPricePicos: found.unitPricePicos * 2 } : found;
        },
      },
    });
    const query = `start_time=${day}&end_time=${day + 86_400}&group_by[]=line_item`;
    const headers = { authorization: `Bearer ${DEMO_ADMIN_KEY}` };
    const read = async (mock: typeof api) =>
      (await (
        await mock.fetch(`${mock.baseURL}/organization/costs?${query}`, { headers })
      ).json()) as Json;
    const [base, twice] = [await read(api), await read(doubled)];
    const amount = (body: Json, item: string) =>
      body.data[0].results.find((line: Json) => line.line_item === item)?.amount.value as number;
    expect(amount(twice, 'gpt-4o-2024-08-06, input')).toBeCloseTo(
      2 * amount(base, 'gpt-4o-2024-08-06, input'),
      8,
    );
    expect(amount(twice, 'scale tier units')).toBe(amount(base, 'scale tier units'));
  });
});
