import { type ClickHouseClient, createClient } from '@clickhouse/client';
import type { Bucket, EndpointName, ResultOf } from '@usagekit/schemas';
import {
  bucketSeconds,
  checkWrite,
  mergeWindows,
  toBuckets,
  toPlainValue,
  toRows,
} from './bucket-rows';
import {
  type ColumnKind,
  CURRENT_RESULTS_VIEW,
  DIMENSION_COLUMNS,
  METRIC_COLUMNS,
  type StoreColumn,
  TABLE_COLUMNS,
  type TableName,
} from './columns';
import { sqlDatabaseName, sqlIdentifier, sqlLiteral } from './sql-literal';
import { defaultStoredWidth } from './stored-series';
import type {
  CoverageQuery,
  CoverageWindow,
  ReadBucketsQuery,
  SeriesKey,
  UsageStore,
  WriteBucketsInput,
  WriteSummary,
} from './usage-store';

const clickhouseTypes: Readonly<Record<ColumnKind, string>> = {
  text: 'String',
  integer: 'Int64',
  float: 'Float64',
  json: 'String',
};

/** Sort keys: the identity of a row; ReplacingMergeTree keeps the highest `generation` per key. */
const sortKeys: Readonly<Record<TableName, readonly string[]>> = {
  results: ['organization', 'endpoint', 'bucket_width', 'start_time', 'group_key', 'group_index'],
  buckets: ['organization', 'endpoint', 'bucket_width', 'start_time'],
  coverage: ['organization', 'endpoint', 'bucket_width', 'start_time', 'end_time'],
};

function columnDefinition(column: StoreColumn): string {
  const type = clickhouseTypes[column.kind];
  return `${sqlIdentifier(column.name)} ${column.nullable ? `Nullable(${type})` : type}`;
}

/**
 * The ClickHouse DDL of the store (accepted by 18.16 and current releases).
 *
 * @param database The database name.
 *
 * @returns One statement per table.
 */
export function clickhouseSchemaStatements(database: string): string[] {
  const prefix = sqlDatabaseName(database);
  const tables = (Object.keys(TABLE_COLUMNS) as TableName[]).map((table) => {
    const engine =
      table === 'coverage' ? 'ReplacingMergeTree(synced_at)' : 'ReplacingMergeTree(generation)';
    return `CREATE TABLE IF NOT EXISTS ${prefix}.${sqlIdentifier(table)} (${TABLE_COLUMNS[table]
      .map(columnDefinition)
      .join(', ')}) ENGINE = ${engine} ORDER BY (${sortKeys[table].map(sqlIdentifier).join(', ')})`;
  });
  const series = 'organization, endpoint, bucket_width, start_time';
  return [
    ...tables,
    `CREATE VIEW IF NOT EXISTS ${prefix}.${sqlIdentifier(CURRENT_RESULTS_VIEW)} AS SELECT * FROM ${prefix}.results FINAL WHERE (${series}, generation) IN (SELECT ${series}, generation FROM ${prefix}.buckets FINAL WHERE deleted = 0)`,
  ];
}

/** Where a ClickHouse store is. */
export interface ClickHouseStoreOptions {
  /** The HTTP(S) endpoint of the server, e.g. `http://127.0.0.1:8123`. */
  readonly url: string;
  /** The database, created if missing. @default 'usagekit' */
  readonly database?: string | undefined;
  readonly username?: string | undefined;
  readonly password?: string | undefined;
  /** How the store names itself (no password). @default the URL */
  readonly location?: string | undefined;
}

/**
 * Opens a store on a ClickHouse server through `@clickhouse/client`, creating its database and
 * tables if needed. Re-synced buckets replace older ones: every row carries the bucket's
 * `generation`, ReplacingMergeTree keeps the newest row per key, and reads (with FINAL) keep
 * only rows of each bucket's latest generation, so groups that vanished from a bucket vanish too.
 *
 * @param options The server and database.
 *
 * @returns The store.
 */
export async function openClickHouseStore(options: ClickHouseStoreOptions): Promise<UsageStore> {
  const database = options.database ?? 'usagekit';
  const prefix = sqlDatabaseName(database);
  const connection = {
    url: options.url,
    ...(options.username === undefined ? {} : { username: options.username }),
    ...(options.password === undefined ? {} : { password: options.password }),
  };
  // The database must exist before a client may name it as its default.
  const bootstrap = createClient(connection);
  try {
    await bootstrap.command({ query: `CREATE DATABASE IF NOT EXISTS ${prefix}` });
    for (const statement of clickhouseSchemaStatements(database)) {
      await bootstrap.command({ query: statement });
    }
  } finally {
    await bootstrap.close();
  }
  const client: ClickHouseClient = createClient({ ...connection, database });
  const table = (name: TableName) => `${prefix}.${sqlIdentifier(name)}`;
  const settings = { output_format_json_quote_64bit_integers: 0 } as const;
  const select = async (query: string): Promise<Record<string, unknown>[]> => {
    const result = await client.query({
      query,
      format: 'JSONEachRow',
      clickhouse_settings: settings,
    });
    return (await result.json()) as Record<string, unknown>[];
  };

  const seriesWhere = (key: SeriesKey, startTime: number, endTime: number) =>
    [
      `organization = ${sqlLiteral(key.organization)}`,
      `endpoint = ${sqlLiteral(key.endpoint)}`,
      `bucket_width = ${sqlLiteral(key.bucketWidth)}`,
      `start_time >= ${sqlLiteral(startTime)}`,
      `start_time < ${sqlLiteral(endTime)}`,
    ].join(' AND ');

  /** The rows of one write at a generation: its results, its buckets (tombstones too), its coverage. */
  function rowsOf(input: WriteBucketsInput, generation: number, fetchedAt: number) {
    const { results, buckets } = toRows(input.endpoint, input.buckets);
    const resultRows = new Array<Record<string, unknown>>(results.rowCount);
    for (let row = 0; row < results.rowCount; row += 1) {
      const record: Record<string, unknown> = {
        organization: input.organization,
        endpoint: input.endpoint,
        bucket_width: input.bucketWidth,
        start_time: results.startTime[row],
        end_time: results.endTime[row],
        row_index: results.rowIndex[row],
        group_key: results.groupKey[row],
        group_index: results.groupIndex[row],
        generation,
        fetched_at: fetchedAt,
      };
      DIMENSION_COLUMNS.forEach((name, slot) => {
        record[name] = results.dimensions[slot]?.[row] ?? null;
      });
      METRIC_COLUMNS.forEach((name, slot) => {
        record[name] = results.metrics[slot]?.[row] ?? null;
      });
      record.result = results.result[row];
      resultRows[row] = record;
    }
    // Buckets of the window the API no longer returns are tombstoned, not left behind.
    const seconds = bucketSeconds(input.bucketWidth);
    const present = new Set(buckets.map((row) => row.startTime));
    const bucketRow = (
      startTime: number,
      endTime: number,
      resultCount: number,
      extra: string | null,
      deleted: 0 | 1,
    ) => ({
      organization: input.organization,
      endpoint: input.endpoint,
      bucket_width: input.bucketWidth,
      start_time: startTime,
      end_time: endTime,
      generation,
      fetched_at: fetchedAt,
      result_count: resultCount,
      deleted,
      extra,
    });
    const bucketRows = buckets.map((row) =>
      bucketRow(row.startTime, row.endTime, row.resultCount, row.extra, 0),
    );
    for (let start = input.startTime; start < input.endTime; start += seconds) {
      if (!present.has(start)) bucketRows.push(bucketRow(start, start + seconds, 0, null, 1));
    }
    const coverageRow = {
      organization: input.organization,
      endpoint: input.endpoint,
      bucket_width: input.bucketWidth,
      start_time: input.startTime,
      end_time: input.endTime,
      synced_at: Date.now(),
    };
    return { resultRows, bucketRows, coverageRow, buckets: buckets.length, rows: results.rowCount };
  }

  async function writeBatch(inputs: readonly WriteBucketsInput[]): Promise<WriteSummary> {
    for (const input of inputs) checkWrite(input);
    const resultRows: Record<string, unknown>[] = [];
    const bucketRows: Record<string, unknown>[] = [];
    const coverageRows: Record<string, unknown>[] = [];
    let written = { buckets: 0, rows: 0 };
    let previous = 0;
    for (const input of inputs) {
      const where = seriesWhere(input, input.startTime, input.endTime);
      // A generation newer than any this window has held (and than the batch's earlier writes),
      // so the new rows win every merge.
      const [latest] = await select(
        `SELECT max(generation) AS generation FROM ${table('buckets')} WHERE ${where}`,
      );
      const generation = Math.max(Date.now(), Number(latest?.generation ?? 0) + 1, previous + 1);
      previous = generation;
      const rows = rowsOf(input, generation, input.fetchedAt ?? Date.now());
      for (const row of rows.resultRows) resultRows.push(row);
      for (const row of rows.bucketRows) bucketRows.push(row);
      coverageRows.push(rows.coverageRow);
      written = { buckets: written.buckets + rows.buckets, rows: written.rows + rows.rows };
    }
    // Results first, then the bucket rows that make their generation the one read, then coverage.
    if (resultRows.length > 0) {
      await client.insert({ table: table('results'), values: resultRows, format: 'JSONEachRow' });
    }
    if (bucketRows.length > 0) {
      await client.insert({ table: table('buckets'), values: bucketRows, format: 'JSONEachRow' });
    }
    if (coverageRows.length > 0) {
      await client.insert({
        table: table('coverage'),
        values: coverageRows,
        format: 'JSONEachRow',
      });
    }
    return written;
  }

  return {
    kind: 'clickhouse',
    location: options.location ?? options.url,

    writeBuckets: (input: WriteBucketsInput) => writeBatch([input]),

    writeBatch,

    async readBuckets<TName extends EndpointName>(
      query: ReadBucketsQuery<TName>,
    ): Promise<Bucket<ResultOf<TName>>[]> {
      const key: SeriesKey = {
        organization: query.organization,
        endpoint: query.endpoint,
        bucketWidth: query.bucketWidth ?? defaultStoredWidth(query.endpoint),
      };
      const where = seriesWhere(key, query.startTime, query.endTime);
      const latest = `SELECT start_time, generation FROM ${table('buckets')} FINAL WHERE ${where} AND deleted = 0`;
      const bucketRows = await select(
        `SELECT start_time, end_time, extra FROM ${table('buckets')} FINAL WHERE ${where} AND deleted = 0 ORDER BY start_time`,
      );
      const resultRows = await select(
        `SELECT start_time, result FROM ${table('results')} FINAL WHERE ${where} AND (start_time, generation) IN (${latest}) ORDER BY start_time, row_index`,
      );
      return toBuckets<ResultOf<TName>>(
        bucketRows.map((row) => ({
          startTime: Number(row.start_time),
          endTime: Number(row.end_time),
          extra: (row.extra as string | null) ?? null,
        })),
        resultRows.map((row) => ({
          startTime: Number(row.start_time),
          result: row.result as string,
        })),
      );
    },

    async coverage(query: CoverageQuery): Promise<CoverageWindow[]> {
      const conditions = [
        `organization = ${sqlLiteral(query.organization)}`,
        `endpoint = ${sqlLiteral(query.endpoint)}`,
        ...(query.bucketWidth === undefined
          ? []
          : [`bucket_width = ${sqlLiteral(query.bucketWidth)}`]),
      ];
      const rows = await select(
        `SELECT bucket_width, start_time, end_time FROM ${table('coverage')} WHERE ${conditions.join(' AND ')} ORDER BY bucket_width, start_time`,
      );
      const windows = rows.map((row) => ({
        bucketWidth: row.bucket_width as CoverageWindow['bucketWidth'],
        startTime: Number(row.start_time),
        endTime: Number(row.end_time),
      }));
      const widths = [...new Set(windows.map((window) => window.bucketWidth))];
      return widths.flatMap((width) =>
        mergeWindows(windows.filter((window) => window.bucketWidth === width)),
      );
    },

    async query(text: string): Promise<Record<string, unknown>[]> {
      const rows = await select(text);
      return rows.map((row) =>
        Object.fromEntries(Object.entries(row).map(([key, value]) => [key, toPlainValue(value)])),
      );
    },

    async close(): Promise<void> {
      await client.close();
    },
  };
}
