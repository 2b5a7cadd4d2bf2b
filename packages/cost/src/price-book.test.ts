import { describe, expect, test } from 'vitest';
import { checkPriceBook } from './check-price-book';
import { InvalidCostInputError } from './errors';
import { createPriceBook } from './price-book';
import { loadPriceOverrides } from './price-overrides';

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
