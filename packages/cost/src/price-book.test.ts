import { describe, expect, test } from 'vitest';
import { checkPriceBook } from './check-price-book';
import { InvalidCostInputError } from './errors';
import { createPriceBook } from './price-book';
import { loadPriceOverrides } from './price-overrides';
import { supplementEntry } from './price-sources/supplement-entry';
import type { PriceQuery } from './price-types';
import type { PriceUnit } from './price-unit';

const book = createPriceBook();

describe('createPriceBook().lookup', () => {
  test.each([
    ['gpt-4o-2024-08-06', 'input_tokens', 'genai-prices', 'exact', 2_500_000],
    ['gpt-4o-mini', 'cached_input_tokens', 'genai-prices', 'exact', 75_000],
    ['ft:gpt-4o-mini-2024-07-18:acme::abc123', 'input_tokens', 'genai-prices', 'exact', 300_000],
    ['ft:gpt-4.1-2025-04-14:acme::abc123', 'output_tokens', 'supplement', 'exact', 12_000_000],
    ['ft:o3-2025-04-16:acme::abc123', 'input_tokens', 'genai-prices', 'estimated', 2_000_000],
    ['gpt-4o-latest', 'input_tokens', 'genai-prices', 'estimated', 2_500_000],
  ] as const)('%s %s comes from %s (%s)', (model, unit, source, confidence, picos) => {
    const price = book.lookup({ model, unit, date: '2025-09-01' });
    expect(price).toMatchObject({ priced: true, source, confidence, unitPricePicos: picos });
  });

  test('reports an unknown model as unpriced, never $0', () => {
    const price = book.lookup({ model: 'gpt-99-turbo', unit: 'input_tokens', date: '2025-09-01' });
    expect(price.priced).toBe(false);
  });

  test('applies the price in force on the day (o3 price cut of 2025-06-10)', () => {
    const before = book.lookup({ model: 'o3', unit: 'input_tokens', date: '2025-06-09' });
    const after = book.lookup({ model: 'o3', unit: 'input_tokens', date: '2025-06-10' });
    expect(before).toMatchObject({ unitPricePicos: 10_000_000, effectiveFrom: null });
    expect(after).toMatchObject({ unitPricePicos: 2_000_000, effectiveFrom: '2025-06-10' });
  });

  test('prices batch explicitly when known, else at half with the assumption stated', () => {
    expect(
      book.lookup({ model: 'gpt-4o', unit: 'output_tokens', date: '2025-09-01', batch: true }),
    ).toMatchObject({ unitPricePicos: 5_000_000, confidence: 'exact' });
    const derived = book.lookup({
      model: 'o3-mini',
      unit: 'input_tokens',
      date: '2025-09-01',
      batch: true,
    });
    expect(derived).toMatchObject({ unitPricePicos: 550_000, confidence: 'estimated' });
  });

  test('prices moderations at 0 as exact, with a source', () => {
    expect(
      book.lookup({
        endpoint: 'moderations',
        model: 'omni-moderation-2099-01-01',
        unit: 'input_tokens',
        date: '2025-09-01',
      }),
    ).toMatchObject({ priced: true, unitPricePicos: 0, confidence: 'exact', source: 'supplement' });
  });

  test('states the assumption when image quality is unknown', () => {
    const price = book.lookup({
      endpoint: 'images',
      model: 'gpt-image-1',
      unit: 'images',
      date: '2025-09-01',
      size: '1024x1024',
    });
    expect(price).toMatchObject({ confidence: 'estimated', unitPricePicos: 42_000_000_000 });
  });

  test('user overrides win over everything', () => {
    const overridden = createPriceBook({
      overrides: loadPriceOverrides({
        prices: [
          {
            model: 'gpt-4o',
            match: 'prefix',
            usdPerMillion: { input_tokens: 1 },
            note: 'negotiated',
          },
        ],
      }),
    });
    expect(
      overridden.lookup({ model: 'gpt-4o-2024-08-06', unit: 'input_tokens', date: '2025-09-01' }),
    ).toMatchObject({ source: 'override', unitPricePicos: 1_000_000 });
  });

  test('rejects malformed overrides naming the field and the allowed values', () => {
    expect(() =>
      loadPriceOverrides({ prices: [{ model: 'x', usdPerMillion: { tokens: 1 } }] }),
    ).toThrow(InvalidCostInputError);
    expect(() =>
      loadPriceOverrides({ prices: [{ model: 'x', tier: 'gold', usdPerUnit: { images: 1 } }] }),
    ).toThrow(/tier.*standard, batch/);
  });
});

describe('checkPriceBook', () => {
  test('lists every entry that breaks a rule (upstream data is known to be imperfect)', () => {
    const report = checkPriceBook(book, { date: '2026-08-01' });
    expect(report.checked).toBeGreaterThan(100);
    // gpt-5-nano's priority input price is 50x standard upstream: the check must catch it.
    expect(report.violations).toContainEqual(
      expect.objectContaining({ rule: 'priority_within_3x', model: 'gpt-5-nano' }),
    );
    console.log(report.violations.map((violation) => violation.message).join('\n'));
  });

  test('flags a book whose batch price equals the standard one', () => {
    const broken = createPriceBook({
      overrides: loadPriceOverrides([
        { model: 'o3', tier: 'batch', usdPerMillion: { input_tokens: 2 } },
      ]),
    });
    const { violations } = checkPriceBook(broken, { date: '2025-09-01' });
    expect(violations).toContainEqual(
      expect.objectContaining({ rule: 'batch_about_half', model: 'o3' }),
    );
  });
});

describe('tiers, modalities and implausible entries', () => {
  const lookup = (model: string, unit: PriceUnit, extra: Partial<PriceQuery> = {}) =>
    book.lookup({ model, unit, date: '2025-08-01', ...extra });

  // OpenAI's published priority prices for gpt-4.1 (per 1M): $3.50 input, $0.875 cached, $14 output.
  test.each([
    ['input_tokens', 3_500_000],
    ['cached_input_tokens', 875_000],
    ['output_tokens', 14_000_000],
  ] as const)('a dated snapshot takes its base model explicit priority %s price', (unit, picos) => {
    expect(lookup('gpt-4.1-2025-04-14', unit, { serviceTier: 'priority' })).toMatchObject({
      unitPricePicos: picos,
      matchedModel: 'gpt-4.1',
      confidence: 'exact',
    });
  });

  test('a dated snapshot takes its base model explicit flex price (o4-mini: $0.55 input)', () => {
    expect(lookup('o4-mini-2025-04-16', 'input_tokens', { serviceTier: 'flex' })).toMatchObject({
      unitPricePicos: 550_000,
      confidence: 'exact',
    });
  });

  test('a snapshot priced unlike its base takes the base tier price as an estimate', () => {
    const snapshots = createPriceBook({
      supplement: [
        supplementEntry('acme-2', 'standard', { input_tokens: 2e-6 }, 'test'),
        supplementEntry('acme-2', 'priority', { input_tokens: 4e-6 }, 'test'),
        supplementEntry('acme-2-2025-01-01', 'standard', { input_tokens: 3e-6 }, 'test'),
      ],
    });
    expect(
      snapshots.lookup({
        model: 'acme-2-2025-01-01',
        unit: 'input_tokens',
        date: '2025-08-01',
        serviceTier: 'priority',
      }),
    ).toMatchObject({
      unitPricePicos: 4_000_000,
      confidence: 'estimated',
      assumption: 'unknown snapshot priced as its base model acme-2',
    });
  });

  test.each([
    ['text-embedding-ada-002', 50_000], // $0.05 per 1M with the Batch API
    ['text-embedding-3-small', 10_000], // $0.01
    ['text-embedding-3-large', 65_000], // $0.065
  ] as const)('batch embeddings of %s at the batch rate', (model, picos) => {
    expect(
      book.lookup({
        endpoint: 'embeddings',
        model,
        unit: 'input_tokens',
        date: '2025-08-01',
        batch: true,
      }),
    ).toMatchObject({ unitPricePicos: picos, confidence: 'exact' });
  });

  test('cached image tokens: the cached image rate, else the cached text rate of a text model', () => {
    // gpt-image-1: $10 image input, $2.50 cached image input per 1M.
    expect(lookup('gpt-image-1', 'cached_image_input_tokens')).toMatchObject({
      unitPricePicos: 2_500_000,
      confidence: 'exact',
    });
    // gpt-4.1 bills image tokens as text: cached at the $0.50 cached input rate, not $2 uncached.
    expect(lookup('gpt-4.1-2025-04-14', 'cached_image_input_tokens')).toMatchObject({
      unitPricePicos: 500_000,
      confidence: 'estimated',
      assumption: 'no image-input prices; cached image tokens priced at the cached text input rate',
    });
  });

  test('an entry checkPriceBook flags is not used at full confidence', () => {
    const flaggedBook = createPriceBook({
      supplement: [
        supplementEntry('acme-1', 'standard', { input_tokens: 1e-6 }, 'test'),
        supplementEntry('acme-1', 'priority', { input_tokens: 5e-5 }, 'test'), // 50×
      ],
    });
    const price = flaggedBook.lookup({
      model: 'acme-1',
      unit: 'input_tokens',
      date: '2025-08-01',
      serviceTier: 'priority',
    });
    expect(price).toMatchObject({
      unitPricePicos: 1_000_000,
      confidence: 'estimated',
      assumption:
        'no priority price; priced at the standard rate (lower bound); the supplement priority input_tokens price of acme-1 is not used: 50.000× standard input_tokens, expected ≤ 3 (flagged by checkPriceBook)',
    });
    expect(checkPriceBook(flaggedBook, { date: '2025-08-01' }).violations).toContainEqual(
      expect.objectContaining({ rule: 'priority_within_3x', model: 'acme-1' }),
    );
  });
});
