import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  BIGINT,
  DOUBLE,
  type DuckDBConnection,
  DuckDBDataChunk,
  DuckDBInstance,
  type DuckDBPreparedStatement,
  type DuckDBType,
  type DuckDBValue,
  VARCHAR,
} from '@duckdb/node-api';
import type { Bucket, EndpointName, ResultOf } from '@usagekit/schemas';
import { checkWrite, mergeWindows, toBuckets, toPlainValue, toRows } from './bucket-rows';
import {
  BUCKET_COLUMNS,
  type ColumnKind,
  CURRENT_RESULTS_VIEW,
  RESULT_COLUMNS,
  type StoreColumn,
  TABLE_COLUMNS,
  TABLE_NAMES,
} from './columns';
import { defaultStoredWidth } from './stored-series';
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

const chunkTypes: Readonly<Record<ColumnKind, DuckDBType>> = {
  text: VARCHAR,
  integer: BIGINT,
  float: DOUBLE,
  json: VARCHAR,
};

const resultTypes = RESULT_COLUMNS.map((column) => chunkTypes[column.kind]);
const bucketTypes = BUCKET_COLUMNS.map((column) => chunkTypes[column.kind]);

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

/** Options of {@link openDuckDBStore}. */
export interface DuckDBStoreOptions {
  /** The database file, created with its folder if missing, or `:memory:`. */
  readonly path: string;
  /** DuckDB threads. @default DuckDB's choice (the machine's cores) */
  readonly threads?: number | undefined;
  /**
   * WAL size that triggers a checkpoint (DuckDB's `checkpoint_threshold`). Every commit is
   * durable in the WAL either way; this only sets how often it is folded into the file.
   * @default '256MB' (one checkpoint per sync, at close, for syncs below that)
   */
  readonly checkpointThreshold?: string | undefined;
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
  const instance = await DuckDBInstance.create(options.path, {
    // DuckDB checkpoints whenever the WAL passes 16 MB by default: a 90-day sync did that every
    // few chunks, each checkpoint rewriting row groups the next chunks' deletes touched again.
    // One checkpoint per sync (at close, or when this much WAL is reached) does less work.
    checkpoint_threshold: options.checkpointThreshold ?? '256MB',
    ...(options.threads === undefined ? {} : { threads: String(options.threads) }),
  });
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
  // Prepared once: a sync runs these three per chunk, and parsing and planning them each time
  // cost more than running them on a windowed delete.
  const deleteResults = await connection.prepare(`DELETE FROM results WHERE ${seriesWhere}`);
  const deleteBuckets = await connection.prepare(`DELETE FROM buckets WHERE ${seriesWhere}`);
  const insertCoverage = await connection.prepare(
    'INSERT INTO coverage VALUES ($1, $2, $3, $4, $5, $6)',
  );
  const runPrepared = (statement: DuckDBPreparedStatement, values: DuckDBValue[]) => {
    statement.bind(values);
    return statement.run();
  };

  async function appendResults(input: WriteBucketsInput, generation: number, fetchedAt: number) {
    const { results, buckets } = toRows(input.endpoint, input.buckets);
    const appender = await open().createAppender('results');
    try {
      for (let offset = 0; offset < results.rowCount; offset += CHUNK_ROWS) {
        const count = Math.min(CHUNK_ROWS, results.rowCount - offset);
        const end = offset + count;
        const constant = <T extends DuckDBValue>(value: T): T[] => new Array(count).fill(value);
        const toBig = (values: number[]) => values.slice(offset, end).map((value) => BigInt(value));
        const columns: (readonly DuckDBValue[])[] = [
          constant(input.organization),
          constant(input.endpoint),
          constant(input.bucketWidth),
          toBig(results.startTime),
          toBig(results.endTime),
          toBig(results.rowIndex),
          results.groupKey.slice(offset, end),
          toBig(results.groupIndex),
          constant(BigInt(generation)),
          constant(BigInt(fetchedAt)),
          ...results.dimensions.map((values) => values.slice(offset, end)),
          ...results.metrics.map((values) => values.slice(offset, end)),
          results.result.slice(offset, end),
        ];
        const chunk = DuckDBDataChunk.create(resultTypes, count);
        chunk.setColumns(columns);
        appender.appendDataChunk(chunk);
      }
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
    // The bucket rows as whole chunks too: one native call per value is the appender's slow path.
    const bucketAppender = await open().createAppender('buckets');
    try {
      for (let offset = 0; offset < buckets.length; offset += CHUNK_ROWS) {
        const rows = buckets.slice(offset, offset + CHUNK_ROWS);
        const constant = <T extends DuckDBValue>(value: T): T[] =>
          new Array(rows.length).fill(value);
        const chunk = DuckDBDataChunk.create(bucketTypes, rows.length);
        chunk.setColumns([
          constant(input.organization),
          constant(input.endpoint),
          constant(input.bucketWidth),
          rows.map((row) => BigInt(row.startTime)),
          rows.map((row) => BigInt(row.endTime)),
          constant(BigInt(generation)),
          constant(BigInt(fetchedAt)),
          rows.map((row) => BigInt(row.resultCount)),
          constant(0n),
          rows.map((row) => row.extra),
        ]);
        bucketAppender.appendDataChunk(chunk);
      }
      bucketAppender.flushSync();
    } finally {
      bucketAppender.closeSync();
    }
    return { buckets: buckets.length, rows: results.rowCount };
  }

  async function writeBatch(inputs: readonly WriteBucketsInput[]): Promise<WriteSummary> {
    for (const input of inputs) checkWrite(input);
    return locked(async () => {
      const db = open();
      await db.run('BEGIN TRANSACTION');
      try {
        let buckets = 0;
        let rows = 0;
        for (const input of inputs) {
          const fetchedAt = input.fetchedAt ?? Date.now();
          const window: DuckDBValue[] = [
            input.organization,
            input.endpoint,
            input.bucketWidth,
            BigInt(input.startTime),
            BigInt(input.endTime),
          ];
          await runPrepared(deleteResults, window);
          await runPrepared(deleteBuckets, window);
          const summary = await appendResults(input, fetchedAt, fetchedAt);
          await runPrepared(insertCoverage, [...window, BigInt(Date.now())]);
          buckets += summary.buckets;
          rows += summary.rows;
        }
        await db.run('COMMIT');
        return { buckets, rows };
      } catch (error) {
        await db.run('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  }

  return {
    kind: 'duckdb',
    location: options.path,

    writeBuckets: (input: WriteBucketsInput) => writeBatch([input]),

    writeBatch,

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
        for (const statement of [deleteResults, deleteBuckets, insertCoverage]) {
          statement.destroySync();
        }
        connection.closeSync();
        instance.closeSync();
      });
    },
  };
}
