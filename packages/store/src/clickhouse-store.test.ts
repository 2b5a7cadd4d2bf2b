import { describeStoreContract } from './__tests__/store-contract';
import { openStore } from './open-store';
import { type ClickHouseTestServer, startClickHouseTestServer } from './testing';

let server: ClickHouseTestServer | undefined;

// A private server per suite; when clickhouse-server is missing, open() throws and the suite fails.
describeStoreContract('clickhouse', {
  async open() {
    server = await startClickHouseTestServer();
    return openStore(server.storeUrl);
  },
  async dispose() {
    await server?.stop();
  },
});
