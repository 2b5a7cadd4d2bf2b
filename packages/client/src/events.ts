import type { DriftKind } from '@usagekit/schemas';

/** Counts of one call's requests, sent with every progress event. */
export interface ProgressCounts {
  /** Requests known so far: the plan's, plus the extra pages the server announced. */
  readonly planned: number;
  /** Requests started (first attempts only). */
  readonly started: number;
  /** Requests finished with a validated answer. */
  readonly done: number;
}

/**
 * What a client reports through `onEvent`. Events never carry the admin key or headers; `request`
 * is the method and the path with its query.
 */
export type UsageClientEvent =
  /** A call planned its requests before sending any. */
  | ({ readonly type: 'request-planned'; readonly endpoint: string } & ProgressCounts)
  /** A request's first attempt was sent. */
  | ({
      readonly type: 'request-started';
      readonly endpoint: string;
      readonly request: string;
    } & ProgressCounts)
  /** A request got its validated answer. */
  | ({
      readonly type: 'request-done';
      readonly endpoint: string;
      readonly request: string;
      readonly status: number;
      /**
       * Time of the successful attempt, from sending it to having read its body (parsing and
       * validation excluded). @unit milliseconds
       */
      readonly durationMs: number;
      /** Attempts it took, 1 when the first one succeeded. */
      readonly attempts: number;
    } & ProgressCounts)
  /** An attempt failed and will be sent again after `delayMs`. */
  | {
      readonly type: 'retry';
      readonly endpoint: string;
      readonly request: string;
      /** The attempt that failed, 1 for the first. */
      readonly attempt: number;
      /** The wait before the next attempt. @unit milliseconds */
      readonly delayMs: number;
      /** Why: `status 429`, `timeout`, `connection`, `invalid body`. */
      readonly reason: string;
      /** The HTTP status, when an answer came. */
      readonly status?: number | undefined;
    }
  /** A 429 made the client-wide pool pause and lower its concurrency. */
  | {
      readonly type: 'rate-limited';
      /** The pool's concurrency after the cut. */
      readonly concurrency: number;
      /** How long no request starts. @unit milliseconds */
      readonly pauseMs: number;
    }
  /** A response differed from the documented schema; reported once per kind and key per client. */
  | {
      readonly type: 'drift';
      readonly endpoint: string;
      readonly kind: DriftKind;
      readonly key: string;
      readonly path: string;
      readonly count: number;
    }
  /**
   * The key or the organization was refused something and the client carries on without it:
   * `names` when the directory cannot be read (ids are shown instead), `grouping` when the API
   * refused `group_by` fields of an endpoint (dropped from then on). Emitted once per distinct
   * refusal per client; `message` is a plain sentence to show as it is.
   */
  | {
      readonly type: 'capability-refused';
      readonly capability: 'names' | 'grouping';
      /** The endpoint, for `grouping`. */
      readonly endpoint?: string | undefined;
      /** The refused `group_by` fields, for `grouping`. */
      readonly fields?: readonly string[] | undefined;
      readonly message: string;
    };

/** Receives a client's events; an exception thrown here is ignored. */
export type UsageClientEventHandler = (event: UsageClientEvent) => void;
