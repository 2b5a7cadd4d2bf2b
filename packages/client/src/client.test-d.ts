import type { Bucket, CompletionsResult, CostsResult, EndpointName, Page } from '@usagekit/schemas';
import { describe, expectTypeOf, test } from 'vitest';
import { createUsageClient, type UsageClient } from './client';
import type { EndpointResource } from './endpoint-resource';
import { readOrganizations } from './multi-organization';
import type { PagePromise } from './pagination';

declare const client: UsageClient;

describe('UsageClient types', () => {
  test('createUsageClient returns a UsageClient', () => {
    expectTypeOf(createUsageClient).returns.toEqualTypeOf<UsageClient>();
  });

  test('resources carry their endpoint result type', () => {
    expectTypeOf(client.costs.all({ start_time: 0 })).resolves.toEqualTypeOf<
      Bucket<CostsResult>[]
    >();
    expectTypeOf(client.completions.page({ start_time: 0 })).resolves.toEqualTypeOf<
      Page<CompletionsResult>
    >();
    expectTypeOf(client.completions.list({ start_time: 0 })).toEqualTypeOf<
      PagePromise<CompletionsResult>
    >();
    expectTypeOf(client.endpoint('costs')).toEqualTypeOf<EndpointResource<'costs'>>();
  });

  test('params are checked per endpoint', () => {
    client.completions.page({ start_time: 0, bucket_width: '1h', group_by: ['model'] });
    // @ts-expect-error costs has no hourly buckets
    client.costs.page({ start_time: 0, bucket_width: '1h' });
    // @ts-expect-error costs cannot group by model
    client.costs.page({ start_time: 0, group_by: ['model'] });
    // @ts-expect-error start_time is required
    client.costs.page({});
  });

  test('for await yields buckets; pages() yields pages', async () => {
    for await (const bucket of client.costs.list({ start_time: 0 })) {
      expectTypeOf(bucket).toEqualTypeOf<Bucket<CostsResult>>();
    }
    for await (const page of client.costs.list({ start_time: 0 }).pages()) {
      expectTypeOf(page).toEqualTypeOf<Page<CostsResult>>();
    }
  });

  test('capabilities are read-only and keyed by endpoint name', () => {
    expectTypeOf(client.capabilities.names.available).toEqualTypeOf<boolean | undefined>();
    expectTypeOf(client.capabilities.refusedGroupings).toEqualTypeOf<
      ReadonlyMap<EndpointName, readonly string[]>
    >();
    // @ts-expect-error the snapshot cannot be written
    client.capabilities.names = { available: true };
  });

  test('multi-organization rows carry the organization', async () => {
    const buckets = await readOrganizations([{ label: 'a', client }], 'costs', { start_time: 0 });
    expectTypeOf(buckets[0]?.results[0]?.organization).toEqualTypeOf<string | undefined>();
    expectTypeOf(buckets[0]?.results[0]?.amount).toEqualTypeOf<CostsResult['amount'] | undefined>();
  });
});
