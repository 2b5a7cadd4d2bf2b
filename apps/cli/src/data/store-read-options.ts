/** The flags that make a report command read the local store (`usagekit sync`). */
export const storeReadOptions = {
  store: {
    type: 'string',
    valueName: 'path|url',
    description:
      'answer from this store (DuckDB file or clickhouse:// URL; default USAGEKIT_STORE) where it covers the window, else from the API',
  },
  refresh: {
    type: 'boolean',
    description: 'sync the store first (the --store, USAGEKIT_STORE or default store)',
  },
} as const;
