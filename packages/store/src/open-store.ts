import { parseStoreLocation, type StoreLocation } from './store-location';
import type { UsageStore } from './usage-store';

/**
 * Opens a store: DuckDB for a file path or `:memory:`, ClickHouse for a `clickhouse://` or
 * `http(s)://` URL. Each engine's module loads only when it is used.
 *
 * @param location A location, or its text (see {@link parseStoreLocation}).
 *
 * @returns The store, with its tables created if missing.
 */
export async function openStore(location: StoreLocation | string): Promise<UsageStore> {
  const resolved = typeof location === 'string' ? parseStoreLocation(location) : location;
  if (resolved.kind === 'duckdb') {
    const { openDuckDBStore } = await import('./duckdb-store');
    return openDuckDBStore({ path: resolved.path });
  }
  const { openClickHouseStore } = await import('./clickhouse-store');
  return openClickHouseStore({
    url: resolved.url,
    database: resolved.database,
    username: resolved.username,
    password: resolved.password,
    location: resolved.display,
  });
}
