import type { UsageClientEvent } from '@usagekit/client';
import { describe, expect, test } from 'vitest';
import { createFetchProgress } from './fetch-progress';

const reporter = { update() {}, finish() {} };
const names: UsageClientEvent = {
  type: 'capability-refused',
  capability: 'names',
  message: 'names unavailable: this key lacks api.management.read; showing ids',
};
const grouping: UsageClientEvent = {
  type: 'capability-refused',
  capability: 'grouping',
  endpoint: 'costs',
  fields: ['api_key_id'],
  message: 'costs: the API refused grouping by api_key_id; results come without it',
};

describe('createFetchProgress', () => {
  test('says each refusal once, plainly', () => {
    const progress = createFetchProgress(reporter);
    const handler = progress.handler('acme');
    for (const event of [names, grouping, names, grouping]) handler(event);
    expect(progress.warnings).toEqual([
      'names unavailable: this key lacks api.management.read; showing ids',
      'grouping by api_key_id refused by this organization; shown without it',
    ]);
  });

  test('names the organization when there are several', () => {
    const progress = createFetchProgress(reporter);
    progress.handler('acme')(names);
    progress.handler('labs');
    expect(progress.warnings).toEqual([
      'acme: names unavailable: this key lacks api.management.read; showing ids',
    ]);
  });
});
