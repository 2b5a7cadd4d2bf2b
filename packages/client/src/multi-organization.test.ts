import { describe, expect, test } from 'vitest';
import { bucketAnswer, createRecordedFetch, json } from './__fixtures__/recorded-fetch';
import { createUsageClient } from './client';
import { OrganizationReadError, UsageClientError } from './errors';
import { readOrganizations } from './multi-organization';

const JAN_1 = 1_767_225_600;
const DAY = 86_400;

function clientFor(adminKey: string, answer = bucketAnswer()) {
  const recorded = createRecordedFetch(answer);
  const client = createUsageClient({
    adminKey,
    baseURL: 'https://api.test/v1',
    fetch: recorded.fetch,
    sleep: async () => {},
  });
  return { client, calls: recorded.calls };
}

describe('readOrganizations', () => {
  test('reads each organization with its own key and tags every bucket and row', async () => {
    const acme = clientFor('sk-admin-acme');
    const beta = clientFor('sk-admin-beta');
    const buckets = await readOrganizations(
      [
        { label: 'acme', client: acme.client },
        { label: 'beta', client: beta.client },
      ],
      'costs',
      { start_time: JAN_1, end_time: JAN_1 + 3 * DAY, group_by: ['project_id'] },
    );
    expect(buckets).toHaveLength(6);
    expect(buckets.map((bucket) => [bucket.start_time - JAN_1, bucket.organization])).toEqual([
      [0, 'acme'],
      [0, 'beta'],
      [DAY, 'acme'],
      [DAY, 'beta'],
      [2 * DAY, 'acme'],
      [2 * DAY, 'beta'],
    ]);
    for (const bucket of buckets) {
      for (const row of bucket.results) expect(row.organization).toBe(bucket.organization);
    }
    expect(acme.calls[0]?.headers.get('authorization')).toBe('Bearer sk-admin-acme');
    expect(beta.calls[0]?.headers.get('authorization')).toBe('Bearer sk-admin-beta');
  });

  test('fails as a whole, naming the organization that failed', async () => {
    const good = clientFor('sk-admin-good');
    const bad = clientFor('sk-admin-bad', () =>
      json({ error: { message: 'Invalid key', type: 'invalid_request_error' } }, 401),
    );
    const error = await readOrganizations(
      [
        { label: 'good', client: good.client },
        { label: 'bad', client: bad.client },
      ],
      'costs',
      { start_time: JAN_1, end_time: JAN_1 + 3 * DAY },
    ).catch((caught) => caught);
    expect(error).toBeInstanceOf(OrganizationReadError);
    expect(error.organization).toBe('bad');
    expect(error.message).toContain('401');
  });

  test('rejects a label used twice before any request', async () => {
    const one = clientFor('sk-admin-one');
    await expect(
      readOrganizations(
        [
          { label: 'same', client: one.client },
          { label: 'same', client: one.client },
        ],
        'costs',
        { start_time: JAN_1 },
      ),
    ).rejects.toThrow(UsageClientError);
    expect(one.calls).toHaveLength(0);
  });
});
