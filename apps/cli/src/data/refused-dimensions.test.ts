import type { UsageClient } from '@usagekit/client';
import { describe, expect, test } from 'vitest';
import type { DataSources } from './data-source';
import { withoutRefusedDimensions } from './refused-dimensions';

function sourcesRefusing(...refusals: Record<string, string[]>[]): DataSources {
  return {
    demo: false,
    callOptions: () => ({}),
    organizations: refusals.map((refused, index) => ({
      label: `org${index}`,
      client: {
        capabilities: { refusedGroupings: new Map(Object.entries(refused)) },
      } as unknown as UsageClient,
    })),
  };
}

describe('withoutRefusedDimensions', () => {
  test('drops a dimension refused by every organization on every endpoint having it', () => {
    const by = ['project_id', 'api_key_id', 'endpoint'];
    expect(
      withoutRefusedDimensions(by, sourcesRefusing({ costs: ['api_key_id'] }), ['costs']),
    ).toEqual(['project_id', 'endpoint']);
  });

  test('keeps it when one organization or one endpoint still groups by it', () => {
    const by = ['project_id', 'api_key_id'];
    expect(
      withoutRefusedDimensions(by, sourcesRefusing({ costs: ['api_key_id'] }, {}), ['costs']),
    ).toEqual(by);
    expect(
      withoutRefusedDimensions(by, sourcesRefusing({ completions: ['api_key_id'] }), [
        'completions',
        'embeddings',
      ]),
    ).toEqual(by);
  });
});
