/**
 * Shows why the roll-up benchmark detaches a buffer first: once any ArrayBuffer in a process has
 * been detached (transferred), V8 checks every typed-array access for detachment, so typed-array
 * loops run slower for the rest of the process. Node's fetch (web streams) detaches buffers, so a
 * process that fetched usage over HTTP is always in that state. Plain JavaScript, so no loader
 * thread runs beside it (a loader may transfer buffers itself). Run with:
 *   pnpm --filter @usagekit/aggregate bench:detached
 */
const ROWS = 1_000_000;
const codes = new Uint8Array(ROWS);
const first = new Uint32Array(ROWS);
const second = new Uint32Array(ROWS);
for (let row = 0; row < ROWS; row += 1) {
  codes[row] = row % 200;
  first[row] = row;
  second[row] = row * 3;
}

/** A roll-up-shaped loop: a group per row from its code, two sums per group; five passes. */
function sumByCode() {
  const sums = new Float64Array(400);
  for (let pass = 0; pass < 5; pass += 1) {
    for (let row = 0; row < ROWS; row += 1) {
      const at = codes[row] * 2;
      sums[at] = sums[at] + first[row];
      sums[at + 1] = sums[at + 1] + second[row];
    }
  }
  return sums[0];
}

function medianMilliseconds() {
  const times = [];
  for (let attempt = 0; attempt < 31; attempt += 1) {
    const started = performance.now();
    sumByCode();
    times.push(performance.now() - started);
  }
  times.sort((left, right) => left - right);
  return times[15];
}

medianMilliseconds(); // compiles and optimises the loop first
const before = medianMilliseconds();
const buffer = new ArrayBuffer(8);
structuredClone(buffer, { transfer: [buffer] });
const after = medianMilliseconds();
console.log(`typed-array loop, 5 passes over ${ROWS.toLocaleString('en-US')} rows, median of 31:`);
console.log(`  before any buffer is detached  ${before.toFixed(2)} ms`);
console.log(
  `  after one buffer is detached   ${after.toFixed(2)} ms (${(after / before).toFixed(2)}x)`,
);
