/** What the fetch layer reports while it works. */
export interface ProgressUpdate {
  /** Requests known so far. */
  readonly planned: number;
  /** Requests finished. */
  readonly done: number;
  /** Retries so far. */
  readonly retries: number;
}

/** Shows fetch progress on stderr. */
export interface ProgressReporter {
  /** Records new counts and redraws (at most every 100 ms). */
  update(progress: ProgressUpdate): void;
  /** Clears the progress line. */
  finish(): void;
}

/**
 * Creates a progress line on stderr ("fetching 12/40 requests, 2 retries"), drawn only on a TTY
 * and never with `--quiet`; otherwise every call is a no-op.
 *
 * @param stderr The stream.
 * @param enabled Whether stderr is a TTY and `--quiet` is off.
 * @param nowMs The clock. @default Date.now
 *
 * @returns The reporter.
 */
export function createProgressReporter(
  stderr: NodeJS.WritableStream,
  enabled: boolean,
  nowMs: () => number = Date.now,
): ProgressReporter {
  if (!enabled) return { update() {}, finish() {} };
  let lastDraw = Number.NEGATIVE_INFINITY;
  let drawn = false;
  return {
    update(progress) {
      const time = nowMs();
      if (time - lastDraw < 100 && progress.done < progress.planned) return;
      lastDraw = time;
      drawn = true;
      const retries =
        progress.retries === 0
          ? ''
          : `, ${progress.retries} ${progress.retries === 1 ? 'retry' : 'retries'}`;
      stderr.write(`\r\u001b[2Kfetching: ${progress.done}/${progress.planned} requests${retries}`);
    },
    finish() {
      if (drawn) stderr.write('\r\u001b[2K');
    },
  };
}
