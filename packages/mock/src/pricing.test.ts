import { describe, expect, test } from 'vitest';
import { MOCK_PRICE_LIST, type MockPriceQuery, unitPricePicos } from './pricing';

function picos(query: Partial<MockPriceQuery> & Pick<MockPriceQuery, 'endpoint' | 'unit'>) {
  return unitPricePicos(MOCK_PRICE_LIST, { model: null, date: '2026-01-15', ...query });
}

describe('the mock’s price list', () => {
  test('prices tokens per tier in whole pico-USD from the published per-1M prices', () => {
    const gpt4oMini = { endpoint: 'completions', model: 'gpt-4o-mini-2024-07-18' } as const;
    expect(picos({ ...gpt4oMini, unit: 'input_tokens' })).toBe(150_000);
    expect(picos({ ...gpt4oMini, unit: 'cached_input_tokens', batch: true })).toBe(37_500);
    expect(picos({ ...gpt4oMini, unit: 'output_tokens', serviceTier: 'priority' })).toBe(1_000_000);
    const gpt5 = { endpoint: 'completions', model: 'gpt-5-2025-08-07' } as const;
    expect(picos({ ...gpt5, unit: 'cached_input_tokens', serviceTier: 'flex' })).toBe(62_500);
    expect(picos({ ...gpt5, unit: 'output_tokens', serviceTier: 'priority' })).toBe(20_000_000);
  });

  test('image tokens bill at the text rates, cached ones at the cached rate; cache writes as input', () => {
    const gpt41 = { endpoint: 'completions', model: 'gpt-4.1-2025-04-14' } as const;
    expect(picos({ ...gpt41, unit: 'image_input_tokens' })).toBe(2_000_000);
    expect(picos({ ...gpt41, unit: 'cached_image_input_tokens' })).toBe(500_000);
    expect(picos({ ...gpt41, unit: 'cache_write_tokens' })).toBe(2_000_000);
  });

  test('o3 before and after its 2025-06-10 price cut', () => {
    const o3 = { endpoint: 'completions', model: 'o3-2025-04-16', unit: 'input_tokens' } as const;
    expect(picos({ ...o3, date: '2025-06-09' })).toBe(10_000_000);
    expect(picos({ ...o3, date: '2025-06-10' })).toBe(2_000_000);
  });

  test('a fine-tuned model prices as its base’s fine-tuned rates; training has its own unit', () => {
    expect(
      picos({
        endpoint: 'completions',
        model: 'ft:gpt-4o-mini-2024-07-18:acme-labs::A1b2C3d4',
        unit: 'output_tokens',
      }),
    ).toBe(1_200_000);
    expect(
      picos({ endpoint: 'fine_tuning', model: 'gpt-4o-mini-2024-07-18', unit: 'training_tokens' }),
    ).toBe(3_000_000);
  });

  test('tools and units: web search by family and context, files, sessions, storage, speech, audio', () => {
    const search = { endpoint: 'web_search_calls', unit: 'calls' } as const;
    expect(picos({ ...search, model: 'gpt-4.1-mini-2025-04-14', contextLevel: 'medium' })).toBe(
      27_500_000_000,
    );
    expect(picos({ ...search, model: 'gpt-4o-2024-08-06', contextLevel: 'high' })).toBe(
      50_000_000_000,
    );
    expect(picos({ ...search, model: 'gpt-5-2025-08-07', contextLevel: 'low' })).toBe(
      10_000_000_000,
    );
    expect(picos({ endpoint: 'file_search_calls', unit: 'calls' })).toBe(2_500_000_000);
    expect(picos({ endpoint: 'code_interpreter_sessions', unit: 'sessions' })).toBe(30_000_000_000);
    expect(picos({ endpoint: 'vector_stores', unit: 'gb_days' })).toBe(100_000_000_000);
    expect(picos({ endpoint: 'audio_speeches', model: 'tts-1-hd', unit: 'characters' })).toBe(
      30_000_000,
    );
    expect(picos({ endpoint: 'audio_transcriptions', model: 'whisper-1', unit: 'seconds' })).toBe(
      100_000_000,
    );
    expect(
      picos({ endpoint: 'images', model: 'dall-e-3', unit: 'images', size: '1024x1792' }),
    ).toBe(80_000_000_000);
    expect(
      picos({
        endpoint: 'embeddings',
        model: 'text-embedding-3-large',
        unit: 'input_tokens',
        batch: true,
      }),
    ).toBe(65_000);
  });

  test('refuses what it has no price for, with the reason', () => {
    expect(() =>
      picos({
        endpoint: 'completions',
        model: 'gpt-5-nano-2025-08-07',
        unit: 'input_tokens',
        serviceTier: 'priority',
      }),
    ).toThrow(/gpt-5-nano-2025-08-07 has no priority prices/);
    expect(() => picos({ endpoint: 'completions', model: 'gpt-9', unit: 'input_tokens' })).toThrow(
      /no token prices for gpt-9/,
    );
  });
});
