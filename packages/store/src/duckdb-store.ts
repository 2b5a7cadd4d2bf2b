import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  BIGINT,
  type DuckDBConnection,
  DuckDBDataChunk,
  DuckDBInstance,
  VARCHAR,
} from '@duckdb/node-api';
import type { Bucket, EndpointName, ResultOf } from '@usagekit/schemas';
import {
  checkWrite,
  defaultStoredWidth,
  mergeWindows,
  toBuckets,
  toPlainValue,
  toStagingRows,
} from './bucket-rows';
import {
  type ColumnKind,
  CURRENT_RESULTS_VIEW,
  endpointColumns,
  RESULT_COLUMNS,
  type StoreColumn,
  TABLE_COLUMNS,
  TABLE_NAMES,
} from './columns';
import { sqlIdentifier } from './sql-literal';
import type {
  CoverageQuery,
  CoverageWindow,
  ReadBucketsQuery,
  UsageStore,
  WriteBucketsInput,
  WriteSummary,
} from './usage-store';

const duckTypes: Readonly<Record<ColumnKind, string>> = {
  text: 'VARCHAR',
  integer: 'BIGINT',
  float: 'DOUBLE',
  json: 'VARCHAR',
};

/** Rows per appended chunk: DuckDB's vector size. */
const CHUNK_ROWS = 2048;

function columnDefinition(column: StoreColumn): string {
  return `${column.name} ${duckTypes[column.kind]}${column.nullable ? '' : ' NOT NULL'}`;
}

/** The DuckDB DDL of the store, one statement per table (also printed in the README). */
export function duckdbSchemaStatements(): string[] {
  return [
    ...TABLE_NAMES.map(
      (table) =>
        `CREATE TABLE IF NOT EXISTS ${table} (${TABLE_COLUMNS[table].map(columnDefinition).join(', ')})`,
    ),
    `CREATE VIEW IF NOT EXISTS ${CURRENT_RESULTS_VIEW} AS SELECT * FROM results`,
  ];
}

/** A result field name from the registry, checked before it is written into SQL. */
function fieldName(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name))
    throw new RangeError(`result field "${name}" cannot be a column`);
  return name;
}

/**
 * The SQL that moves staged results into `results`: from_json parses each result once into the
 * endpoint's dimensions (VARCHAR) and metrics (DOUBLE); `group_key` is the JSON array of the
 * dimensions in registry order and `group_index` numbers repeats of a group within a bucket.
 * Parameters: $1 organization, $2 endpoint, $3 width, $4 generation, $5 fetched_at.
 *
 * @param endpoint The endpoint.
 *
 * @returns The statement.
 */
export function splitResultsSql(endpoint: EndpointName): string {
  const { dimensions, metrics } = endpointColumns(endpoint);
  const structure: Record<string, unknown> = {};
  for (const dimension of dimensions) structure[sqlIdentifier(dimension)] = 'VARCHAR';
  const metricPaths = new Map<string, string>();
  for (const metric of metrics) {
    const [head, tail] = metric.path.map(fieldName);
    if (tail === undefined) {
      structure[head as string] = 'DOUBLE';
      metricPaths.set(metric.name, `r.${head}`);
    } else {
      const nested = (structure[head as string] ?? {}) as Record<string, string>;
      nested[tail] = 'DOUBLE';
      structure[head as string] = nested;
      metricPaths.set(metric.name, `r.${head}.${tail}`);
    }
  }
  const groupKey =
    dimensions.length === 0
      ? "'[]'"
      : `to_json([${dimensions.map((name) => `r.${name}`).join(', ')}]::VARCHAR[])::VARCHAR`;
  const select = RESULT_COLUMNS.map((column) => {
    switch (column.name) {
      case 'organization':
        return '$1';
      case 'endpoint':
        return '$2';
      case 'bucket_width':
        return '$3';
      case 'generation':
        return '$4';
      case 'fetched_at':
        return '$5';
      case 'group_index':
        return '(row_number() OVER (PARTITION BY start_time, group_key ORDER BY row_index) - 1)';
      case 'start_time':
      case 'end_time':
      case 'row_index':
      case 'group_key':
      case 'result':
        return column.name;
      default:
        if (dimensions.includes(column.name)) return `r.${sqlIdentifier(column.name)}`;
        return metricPaths.get(column.name) ?? 'NULL';
    }
  });
  // The structure is built from registry names only (checked above); quotes cannot occur in it.
  const structureText = JSON.stringify(structure);
  return `INSERT INTO results SELECT ${select.join(', ')} FROM (SELECT start_time, end_time, row_index, result, r, ${groupKey} AS group_key FROM (SELECT *, from_json(result, '${structureText}') AS r FROM staging))`;
}

/** Options of {@link openDuckDBStore}. */
export interface DuckDBStoreOptions {
  /** The database file, created with its folder if missing, or `:memory:`. */
  readonly path: string;
  /** DuckDB threads. @default DuckDB's choice (the machine's cores) */
  readonly threads?: number | undefined;
}

/** Serializes async work: DuckDB's appender and transactions share one connection. */
function createLock() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const run = tail.then(work, work);
    tail = run.catch(() => undefined);
    return run;
  };
}

/**
 * Opens (and creates if needed) an embedded DuckDB store through `@duckdb/node-api`.
 *
 * @param options The file and settings.
 *
 * @returns The store.
 */
export async function openDuckDBStore(options: DuckDBStoreOptions): Promise<UsageStore> {
  if (options.path !== ':memory:') await mkdir(dirname(options.path), { recursive: true });
  const instance = await DuckDBInstance.create(
    options.path,
    options.threads === undefined ? {} : { threads: String(options.threads) },
  );
  const connection = await instance.connect();
  for (const statement of duckdbSchemaStatements()) await connection.run(statement);
  const locked = createLock();
  let closed = false;
  const open = (): DuckDBConnection => {
    if (closed) throw new Error('the store is closed');
    return connection;
  };

  const seriesWhere =
    'organization = $1 AND endpoint = $2 AND bucket_width = $3 AND start_time >= $4 AND start_time < $5';

  // Results go into a 4-column staging table (the appender's cost grows with columns), and one
  // INSERT ... SELECT splits them into typed columns in DuckDB itself: each result's JSON is
  // parsed once there by from_json, with the structure read from the endpoint's registry entry.
  await connection.run(
    'CREATE TEMP TABLE IF NOT EXISTS staging (start_time BIGINT, end_time BIGINT, row_index BIGINT, result VARCHAR)',
  );
  const stagingTypes = [BIGINT, BIGINT, BIGINT, VARCHAR];

  async function appendResults(input: WriteBucketsInput, generation: number, fetchedAt: number) {
    const { results, buckets } = toStagingRows(input.buckets);
    const db = open();
    await db.run('DELETE FROM staging');
    const appender = await db.createAppender('staging', 'main', 'temp');
    try {
      for (let offset = 0; offset < results.rowCount; offset += CHUNK_ROWS) {
        const count = Math.min(CHUNK_ROWS, results.rowCount - offset);
        const end = offset + count;
        const toBig = (values: number[]) => values.slice(offset, end).map((value) => BigInt(value));
        const chunk = DuckDBDataChunk.create(stagingTypes, count);
        chunk.setColumns([
          toBig(results.startTime),
          toBig(results.endTime),
          toBig(results.rowIndex),
          results.result.slice(offset, end),
        ]);
        appender.appendDataChunk(chunk);
      }
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
    if (results.rowCount > 0) {
      await db.run(splitResultsSql(input.endpoint), [
        input.organization,
        input.endpoint,
        input.bucketWidth,
        BigInt(generation),
        BigInt(fetchedAt),
      ]);
    }
    const bucketAppender = await db.createAppender('buckets');
    try {
      for (const row of buckets) {
        bucketAppender.appendVarchar(input.organization);
        bucketAppender.appendVarchar(input.endpoint);
        bucketAppender.appendVarchar(input.bucketWidth);
        bucketAppender.appendBigInt(BigInt(row.startTime));
        bucketAppender.appendBigInt(BigInt(row.endTime));
        bucketAppender.appendBigInt(BigInt(generation));
        bucketAppender.appendBigInt(BigInt(fetchedAt));
        bucketAppender.appendBigInt(BigInt(row.resultCount));
        bucketAppender.appendBigInt(0n);
        if (row.extra === null) bucketAppender.appendNull();
        else bucketAppender.appendVarchar(row.extra);
        bucketAppender.endRow();
      }
      bucketAppender.flushSync();
    } finally {
      bucketAppender.closeSync();
    }
    return { buckets: buckets.length, rows: results.rowCount };
  }

  return {
    kind: 'duckdb',
    location: options.path,

    async writeBuckets(input: WriteBucketsInput): Promise<WriteSummary> {
      checkWrite(input);
      return locked(async () => {
        const db = open();
        const fetchedAt = input.fetchedAt ?? Date.now();
        const window = [
          input.organization,
          input.endpoint,
          input.bucketWidth,
          BigInt(input.startTime),
          BigInt(input.endTime),
        ];
        await db.run('BEGIN TRANSACTION');
        try {
          await db.run(`DELETE FROM results WHERE ${seriesWhere}`, window);
          await db.run(`DELETE FROM buckets WHERE ${seriesWhere}`, window);
          const summary = await appendResults(input, fetchedAt, fetchedAt);
          await db.run('INSERT INTO coverage VALUES ($1, $2, $3, $4, $5, $6)', [
            ...window,
            BigInt(Date.now()),
          ]);
          await db.run('COMMIT');
          return summary;
        } catch (error) {
          await db.run('ROLLBACK').catch(() => undefined);
          throw error;
        }
      });
    },

    readBuckets<TName extends EndpointName>(
      query: ReadBucketsQuery<TName>,
    ): Promise<Bucket<ResultOf<TName>>[]> {
      return locked(async () => {
        const db = open();
        const window = [
          query.organization,
          query.endpoint,
          query.bucketWidth ?? defaultStoredWidth(query.endpoint),
          BigInt(query.startTime),
          BigInt(query.endTime),
        ];
        const bucketRows = await db.runAndReadAll(
          `SELECT start_time::DOUBLE AS s, end_time::DOUBLE AS e, extra FROM buckets WHERE ${seriesWhere} ORDER BY start_time`,
          window,
        );
        const resultRows = await db.runAndReadAll(
          `SELECT start_time::DOUBLE AS s, result FROM results WHERE ${seriesWhere} ORDER BY start_time, row_index`,
          window,
        );
        return toBuckets<ResultOf<TName>>(
          bucketRows.getRows().map((row) => ({
            startTime: row[0] as number,
            endTime: row[1] as number,
            extra: row[2] as string | null,
          })),
          resultRows.getRows().map((row) => ({
            startTime: row[0] as number,
            result: row[1] as string,
          })),
        );
      });
    },

    coverage(query: CoverageQuery): Promise<CoverageWindow[]> {
      return locked(async () => {
        const reader = await open().runAndReadAll(
          'SELECT bucket_width, start_time::DOUBLE, end_time::DOUBLE FROM coverage WHERE organization = $1 AND endpoint = $2 AND ($3 IS NULL OR bucket_width = $3) ORDER BY bucket_width, start_time',
          [query.organization, query.endpoint, query.bucketWidth ?? null],
        );
        const windows = reader.getRows().map((row) => ({
          bucketWidth: row[0] as CoverageWindow['bucketWidth'],
          startTime: row[1] as number,
          endTime: row[2] as number,
        }));
        const widths = [...new Set(windows.map((window) => window.bucketWidth))];
        return widths.flatMap((width) =>
          mergeWindows(windows.filter((window) => window.bucketWidth === width)),
        );
      });
    },

    query(text: string): Promise<Record<string, unknown>[]> {
      return locked(async () => {
        const reader = await open().runAndReadAll(text);
        return reader
          .getRowObjectsJS()
          .map((row) =>
            Object.fromEntries(
              Object.entries(row).map(([key, value]) => [key, toPlainValue(value)]),
            ),
          );
      });
    },

    close(): Promise<void> {
      return locked(async () => {
        if (closed) return;
        closed = true;
        connection.closeSync();
        instance.closeSync();
      });
    },
  };
}
