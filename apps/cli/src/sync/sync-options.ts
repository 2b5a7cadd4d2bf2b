/** The flags of `usagekit sync` beyond the data-source and output flags every command shares. */
export const syncOptions = {
  store: {
    type: 'string',
    valueName: 'path|url',
    description:
      'DuckDB file or clickhouse://host:8123/db (default USAGEKIT_STORE, else ~/.local/share/usagekit/usage.duckdb)',
  },
  since: {
    type: 'string',
    valueName: 'when',
    description:
      'backfill from here when the store is empty or holds later history (default 90d; at most 730d)',
  },
  lookback: {
    type: 'string',
    valueName: 'hours',
    description: 're-read this many hours before the last complete bucket held (default 48)',
  },
  endpoint: {
    type: 'string',
    valueName: 'names',
    description:
      'endpoints to sync: completions, embeddings, ..., costs (comma-separated; default all)',
  },
} as const;
