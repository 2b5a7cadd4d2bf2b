/**
 * Timing for the benchmark. A shared virtual machine's speed drifts by tens of percent within a
 * minute (neighbours on the host, the kernel's memory monitor), so contenders measured one after
 * the other can be compared across a slow and a fast phase. Here every contender runs once per
 * round, in an order that rotates from round to round, so each ratio also has a paired form: the
 * median over rounds of the two contenders' times within the same round.
 */

/** A contender: a name to print and one run of its work. */
export interface Contender {
  readonly name: string;
  readonly run: () => unknown;
}

/** What one contender's runs took, in milliseconds. */
export interface Timing {
  readonly name: string;
  /** The first run (includes compiling). */
  readonly first: number;
  /** The fastest run. */
  readonly best: number;
  /** Every run, by round. */
  readonly times: readonly number[];
  /** What the last run returned. */
  readonly result: unknown;
}

const collectGarbage = (globalThis as { gc?: () => void }).gc;

/** Time after a forced collection for the engine's background sweeping to finish. */
const SETTLE_MS = 250;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/**
 * Runs contenders in interleaved rounds, each run after a forced collection and a pause (the
 * collection's background sweeping would otherwise compete with the run for the CPU, which
 * hurts short runs most).
 *
 * @param contenders What to run.
 * @param rounds How many runs each contender gets.
 *
 * @returns Each contender's timing, in the order given.
 */
export async function measureInRounds(
  contenders: readonly Contender[],
  rounds: number,
): Promise<Timing[]> {
  const times = contenders.map(() => new Array<number>(rounds).fill(0));
  const results = new Array<unknown>(contenders.length);
  for (let round = 0; round < rounds; round += 1) {
    for (let turn = 0; turn < contenders.length; turn += 1) {
      const index = (round + turn) % contenders.length;
      collectGarbage?.();
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      const started = performance.now();
      results[index] = (contenders[index] as Contender).run();
      (times[index] as number[])[round] = performance.now() - started;
    }
  }
  return contenders.map((contender, index) => {
    const runs = times[index] as number[];
    return {
      name: contender.name,
      first: runs[0] as number,
      best: Math.min(...runs),
      times: runs,
      result: results[index],
    };
  });
}

/**
 * How many times as long one contender took as another: of their best runs, and the median of
 * the per-round ratios (both ran in the same round, so a slow phase of the machine slows both).
 *
 * @param slower The contender expected to take longer (a peer).
 * @param faster The contender compared with it.
 *
 * @returns The two ratios.
 */
export function ratioOf(slower: Timing, faster: Timing): { best: number; paired: number } {
  return {
    best: slower.best / faster.best,
    paired: median(slower.times.map((time, round) => time / (faster.times[round] as number))),
  };
}

/**
 * Runs functions back to back without collections or pauses (a user re-slicing one chart after
 * another), alternating between them, and returns each one's median time.
 *
 * @param runs The functions.
 * @param count Runs of each.
 *
 * @returns Median milliseconds, in the order given.
 */
export function backToBack(runs: ReadonlyArray<() => unknown>, count = 21): number[] {
  const times = runs.map(() => [] as number[]);
  for (let attempt = 0; attempt < count; attempt += 1) {
    runs.forEach((run, index) => {
      const started = performance.now();
      run();
      (times[index] as number[]).push(performance.now() - started);
    });
  }
  return times.map(median);
}

/**
 * Heap and array-buffer bytes in use after two forced collections.
 *
 * @returns The bytes.
 */
export function heapBytes(): number {
  collectGarbage?.();
  collectGarbage?.();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

/** Whether the process was started with `--expose-gc` (memory figures need it). */
export const canCollectGarbage = collectGarbage !== undefined;
