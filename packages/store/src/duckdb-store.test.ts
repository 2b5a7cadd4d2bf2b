import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeStoreContract } from './__tests__/store-contract';
import { openDuckDBStore } from './duckdb-store';

describeStoreContract('duckdb', {
  open: () => openDuckDBStore({ path: ':memory:' }),
});

describe('DuckDB store file', () => {
  it('creates its folder, persists across opens, and rolls a failed write back whole', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'usagekit-store-'));
    try {
      const path = join(directory, 'nested', 'usage.duckdb');
      const T0 = Date.UTC(2026, 0, 1) / 1000;
      const first = await openDuckDBStore({ path });
      const result = {
        object: 'organization.usage.embeddings.result',
        input_tokens: 7,
        num_model_requests: 1,
      };
      await first.writeBuckets({
        organization: 'acme',
        endpoint: 'embeddings',
        bucketWidth: '1h',
        startTime: T0,
        endTime: T0 + 3600,
        buckets: [{ object: 'bucket', start_time: T0, end_time: T0 + 3600, results: [result] }],
      });
      // A result that cannot be stored (a circular object) fails after the delete ran: rolled back.
      const circular: Record<string, unknown> = { object: 'x' };
      circular.self = circular;
      await expect(
        first.writeBuckets({
          organization: 'acme',
          endpoint: 'embeddings',
          bucketWidth: '1h',
          startTime: T0,
          endTime: T0 + 3600,
          buckets: [{ object: 'bucket', start_time: T0, end_time: T0 + 3600, results: [circular] }],
        }),
      ).rejects.toThrow();
      await first.close();
      const second = await openDuckDBStore({ path });
      const read = await second.readBuckets({
        organization: 'acme',
        endpoint: 'embeddings',
        startTime: T0,
        endTime: T0 + 3600,
      });
      expect(read[0]?.results).toEqual([result]);
      expect(await second.coverage({ organization: 'acme', endpoint: 'embeddings' })).toHaveLength(
        1,
      );
      await second.close();
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
