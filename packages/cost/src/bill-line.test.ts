import { describe, expect, test } from 'vitest';
import { billLineOfLineItem, billLineOfPricedLine, billModelName } from './bill-line';
import { parseLineItem } from './line-item';
import type { PriceUnit } from './price-unit';
import type { LineDimensions, PricedLine } from './pricing/priced-line';

describe('billModelName', () => {
  test.each([
    ['gpt-4o-2024-08-06', 'gpt-4o'],
    ['GPT-4.1-2025-04-14', 'gpt-4.1'],
    ['gpt-4o-mini-tts', 'gpt-4o-mini-tts'],
    ['chatgpt-4o-latest', 'chatgpt-4o-latest'],
    ['ft:gpt-4o-mini-2024-07-18:acme::AbC123', 'ft-gpt-4o-mini'],
    ['ft-gpt-4o-mini-2024-07-18', 'ft-gpt-4o-mini'],
    ['gpt-3.5-turbo-0125', 'gpt-3.5-turbo-0125'],
  ])('%s → %s', (model, base) => {
    expect(billModelName(model)).toBe(base);
  });
});

describe('billLineOfLineItem: the bill side', () => {
  test.each([
    ['gpt-4o-2024-08-06, input', 'gpt-4o, input'],
    ['gpt-4o-2024-08-06, cached input', 'gpt-4o, cached input'],
    ['gpt-4o-2024-08-06, output', 'gpt-4o, output'],
    ['gpt-4.1-2025-04-14, cache write', 'gpt-4.1, cache write'],
    ['gpt-4o-audio-preview-2024-12-17, audio input', 'gpt-4o-audio-preview, audio input'],
    [
      'gpt-4o-audio-preview-2024-12-17, cached audio input',
      'gpt-4o-audio-preview, cached audio input',
    ],
    ['gpt-4o-audio-preview-2024-12-17, audio output', 'gpt-4o-audio-preview, audio output'],
    ['gpt-5-2025-08-07, image output', 'gpt-5, image output'],
    ['gpt-4o-2024-08-06, image input', 'gpt-4o, input'],
    ['gpt-4o-mini-2024-07-18, batch input', 'gpt-4o-mini, batch input'],
    ['gpt-4o-mini-2024-07-18, input (batch)', 'gpt-4o-mini, batch input'],
    ['o4-mini-2025-04-16, flex cached input', 'o4-mini, flex cached input'],
    ['gpt-5-mini-2025-08-07, priority output', 'gpt-5-mini, priority output'],
    ['gpt-6-astra, input_tokens', 'gpt-6-astra, input'],
    ['gpt-6-astra, input_cached_tokens', 'gpt-6-astra, cached input'],
    ['ft-gpt-4o-mini-2024-07-18, input', 'ft-gpt-4o-mini, input'],
    ['ft-gpt-4o-mini-2024-07-18, training', 'ft-gpt-4o-mini, training'],
    ['decisions | gpt-5-mini-2025-08-07, output', 'decisions | gpt-5-mini, output'],
    ['evals | gpt-4o-mini-2024-07-18, input', 'evals | gpt-4o-mini, input'],
    ['text-embedding-3-small, input', 'text-embedding-3-small, input'],
    ['gpt-image-1, 1024x1024 images', 'gpt-image-1, 1024x1024 images'],
    ['dall-e-3, hd 1024x1792 images', 'dall-e-3, 1024x1792 images'],
    ['gpt-4o-mini-tts, characters', 'gpt-4o-mini-tts, characters'],
    ['tts-1, characters', 'tts-1, characters'],
    ['whisper-1, audio', 'whisper-1, audio seconds'],
    ['gpt-4o-transcribe, audio', 'gpt-4o-transcribe, audio seconds'],
    ['web search tool calls', 'web search calls'],
    ['Web Search Tool Calls (high context)', 'web search calls'],
    ['responses api | web search', 'web search calls'],
    ['file search tool calls', 'file search calls'],
    ['assistants api | file search', 'file search calls'],
    ['code interpreter sessions', 'code interpreter sessions'],
    ['assistants api | code interpreter', 'code interpreter sessions'],
    ['vector store storage', 'vector storage'],
    ['file search storage', 'vector storage'],
    ['scale tier units', 'scale tier units'],
    ['Scale Tier units', 'scale tier units'],
  ])('%s → %s', (lineItem, key) => {
    expect(billLineOfLineItem(lineItem)?.key).toBe(key);
  });

  test.each([
    'mystery thing',
    'gpt-4o, sparkles',
    'some product name, input',
    'constructor',
    '__proto__, input tokens please',
    '',
  ])('%j stays unmatched', (lineItem) => {
    expect(billLineOfLineItem(lineItem)).toBeUndefined();
  });

  test('keeps what calibration reads: unit, tier, size, product', () => {
    expect(parseLineItem('gpt-image-1, 1024x1024 images')).toEqual({
      model: 'gpt-image-1',
      unit: 'images',
      variant: 'standard',
      product: undefined,
      size: '1024x1024',
    });
    expect(parseLineItem('evals | ft-gpt-4o-mini-2024-07-18, batch output')).toEqual({
      model: 'ft:gpt-4o-mini-2024-07-18',
      unit: 'output_tokens',
      variant: 'batch',
      product: 'evals',
    });
    expect(parseLineItem('whisper-1, audio')?.unit).toBe('seconds');
    expect(parseLineItem('assistants api | file search')).toMatchObject({
      tool: 'file_search_calls',
      unit: 'calls',
    });
  });
});

function line(
  endpoint: PricedLine['endpoint'],
  unit: PriceUnit,
  dimensions: LineDimensions,
): Pick<PricedLine, 'endpoint' | 'unit' | 'dimensions'> {
  return { endpoint, unit, dimensions };
}

describe('billLineOfPricedLine: the estimate side', () => {
  const gpt41 = { model: 'gpt-4.1-2025-04-14', batch: false, service_tier: 'default' };
  test.each([
    [line('completions', 'input_tokens', gpt41), 'gpt-4.1, input'],
    [line('completions', 'image_input_tokens', gpt41), 'gpt-4.1, input'],
    [line('completions', 'cached_input_tokens', gpt41), 'gpt-4.1, cached input'],
    [line('completions', 'cached_image_input_tokens', gpt41), 'gpt-4.1, cached input'],
    [line('completions', 'cache_write_tokens', gpt41), 'gpt-4.1, cache write'],
    [line('completions', 'cache_write_12h_tokens', gpt41), 'gpt-4.1, cache write'],
    [line('completions', 'cache_write_30m_tokens', gpt41), 'gpt-4.1, cache write'],
    [line('completions', 'audio_input_tokens', gpt41), 'gpt-4.1, audio input'],
    [line('completions', 'cached_audio_input_tokens', gpt41), 'gpt-4.1, cached audio input'],
    [line('completions', 'output_tokens', gpt41), 'gpt-4.1, output'],
    [line('completions', 'audio_output_tokens', gpt41), 'gpt-4.1, audio output'],
    [line('completions', 'image_output_tokens', gpt41), 'gpt-4.1, image output'],
    [line('completions', 'input_tokens', { ...gpt41, batch: true }), 'gpt-4.1, batch input'],
    [
      line('completions', 'output_tokens', { ...gpt41, service_tier: 'flex' }),
      'gpt-4.1, flex output',
    ],
    [
      line('completions', 'output_tokens', { ...gpt41, service_tier: 'scale' }),
      'gpt-4.1, scale output',
    ],
    [
      line('completions', 'input_tokens', { model: 'ft:gpt-4o-mini-2024-07-18:acme::x1' }),
      'ft-gpt-4o-mini, input',
    ],
    [
      line('decisions', 'output_tokens', { model: 'gpt-5-mini-2025-08-07' }),
      'decisions | gpt-5-mini, output',
    ],
    [
      line('embeddings', 'input_tokens', { model: 'text-embedding-3-small' }),
      'text-embedding-3-small, input',
    ],
    [
      line('images', 'images', { model: 'gpt-image-1', size: '1024x1024' }),
      'gpt-image-1, 1024x1024 images',
    ],
    [line('audio_speeches', 'characters', { model: 'tts-1' }), 'tts-1, characters'],
    [line('audio_transcriptions', 'seconds', { model: 'whisper-1' }), 'whisper-1, audio seconds'],
    [line('web_search_calls', 'calls', { model: 'gpt-4.1-mini-2025-04-14' }), 'web search calls'],
    [line('file_search_calls', 'calls', { vector_store_id: 'vs_1' }), 'file search calls'],
    [
      line('code_interpreter_sessions', 'sessions', { project_id: 'p1' }),
      'code interpreter sessions',
    ],
    [line('vector_stores', 'gb_days', { project_id: 'p1' }), 'vector storage'],
  ])('%# → %s', (priced, key) => {
    expect(billLineOfPricedLine(priced).key).toBe(key);
  });

  test('every estimate key meets the bill key of the same charge', () => {
    const pairs: [Pick<PricedLine, 'endpoint' | 'unit' | 'dimensions'>, string][] = [
      [line('completions', 'cached_image_input_tokens', gpt41), 'gpt-4.1-2025-04-14, cached input'],
      [
        line('completions', 'input_tokens', { model: 'ft:gpt-4o-mini-2024-07-18:acme::x1' }),
        'ft-gpt-4o-mini-2024-07-18, input',
      ],
      [line('audio_transcriptions', 'seconds', { model: 'whisper-1' }), 'whisper-1, audio'],
      [line('vector_stores', 'gb_days', {}), 'vector store storage'],
      [
        line('decisions', 'input_tokens', {
          model: 'gpt-5-nano-2025-08-07',
          service_tier: 'priority',
        }),
        'decisions | gpt-5-nano-2025-08-07, priority input',
      ],
    ];
    for (const [priced, lineItem] of pairs) {
      expect(billLineOfPricedLine(priced).key).toBe(billLineOfLineItem(lineItem)?.key);
    }
  });
});
