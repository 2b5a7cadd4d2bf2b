import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { CodeArray } from './code-array';
import { type FusedInput, fusedPassFor, genericFusedPass, runFusedPass } from './fused-pass';
import type { MetricValues } from './metric-column';
import { kernelMemoryBytes, wasmAllowed, wasmPassSettings } from './wasm-fused-pass';

interface Case {
  readonly rows: number;
  readonly axes: number;
  readonly filters: number;
  readonly metrics: number;
  readonly keepGroups: boolean;
  readonly filled: boolean;
  readonly seed: number;
}

/** A small deterministic generator, so both passes see the same input. */
function numbers(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state;
  };
}

function inputOf(spec: Case): FusedInput {
  const next = numbers(spec.seed);
  const radix = 5;
  const bucketCount = 3;
  const bucketRanges: number[][] = [];
  const perBucket = Math.ceil(spec.rows / bucketCount);
  for (let bucket = 0; bucket < bucketCount; bucket += 1) {
    const start = Math.min(spec.rows, bucket * perBucket);
    const end = Math.min(spec.rows, start + perBucket);
    bucketRanges.push(end > start ? [start, end] : []);
  }
  let stride = 1;
  const strides: number[] = [];
  for (let axis = spec.axes - 1; axis >= 0; axis -= 1) {
    strides.unshift(stride);
    stride *= radix;
  }
  const space = bucketCount * stride;
  const excludedBuckets = next() % (1 << bucketCount);
  // Every element type a table stores, so each per-type compiled pass is exercised.
  const codes = (): CodeArray => {
    const drawn = Array.from({ length: spec.rows }, () => next() % radix);
    const type = next() % 3;
    if (type === 0) return Uint8Array.from(drawn);
    return type === 1 ? Uint16Array.from(drawn) : Int32Array.from(drawn);
  };
  return {
    bucketRanges,
    // Any buckets may be excluded, so a pass may reach only part of the block.
    offsets: Int32Array.from({ length: bucketCount }, (_, bucket) =>
      (excludedBuckets >> bucket) & 1 ? -1 : bucket * stride,
    ),
    codes: strides.map(() => codes()),
    strides,
    filterCodes: Array.from({ length: spec.filters }, () => codes()),
    allowed: Array.from({ length: spec.filters }, (_, filter) =>
      Uint8Array.from({ length: radix }, (__, code) => ((code + filter) % 3 === 0 ? 0 : 1)),
    ),
    // Every width a metric column takes; Float64 ones hold fractions and values past 2^32.
    values: Array.from({ length: spec.metrics }, (): MetricValues => {
      const drawn = Array.from({ length: spec.rows }, () => next());
      const type = next() % 4;
      if (type === 0) return Uint8Array.from(drawn, (value) => value & 0xff);
      if (type === 1) return Uint16Array.from(drawn, (value) => value & 0xffff);
      if (type === 2) return Uint32Array.from(drawn);
      return Float64Array.from(drawn, (value) => value * 1.5 + 0.25);
    }),
    // Folding pages adds to the sums of earlier pages: some blocks start filled.
    block: Float64Array.from({ length: (space + 1) * (spec.metrics + 1) }, (_, index) =>
      spec.filled && index % 3 === 0 ? index + 1 : 0,
    ),
    groups: new Int32Array(spec.rows),
    trash: space,
    keepGroups: spec.keepGroups,
    keptRows: new Int32Array(bucketCount),
    offsetSpan: stride,
  };
}

const caseArbitrary = fc.record({
  rows: fc.integer({ min: 0, max: 300 }),
  axes: fc.integer({ min: 0, max: 3 }),
  filters: fc.integer({ min: 0, max: 2 }),
  metrics: fc.integer({ min: 0, max: 4 }),
  keepGroups: fc.boolean(),
  filled: fc.boolean(),
  seed: fc.integer(),
});

/** Runs `pass` and the generic pass on the same random inputs: same block, groups, kept rows. */
function expectGenericResults(pass: (input: FusedInput) => void, seed: number): void {
  fc.assert(
    fc.property(caseArbitrary, (spec) => {
      const generic = inputOf(spec);
      const other = inputOf(spec);
      genericFusedPass(generic);
      pass(other);
      expect(other.block).toEqual(generic.block);
      expect(other.groups).toEqual(generic.groups);
      expect(other.keptRows).toEqual(generic.keptRows);
    }),
    { seed, numRuns: 300 },
  );
}

describe('fusedPassFor', () => {
  test('the generated pass gives the generic pass’s groups, first rows and sums', () => {
    expectGenericResults((input) => fusedPassFor(input)(input), 20_251_126);
  });
});

describe('runFusedPass in WebAssembly (every pass size)', () => {
  const defaultRows = wasmPassSettings.minimumRows;
  beforeEach(() => {
    wasmPassSettings.minimumRows = 1;
  });
  afterEach(() => {
    wasmPassSettings.minimumRows = defaultRows;
  });

  test('the WebAssembly pass gives the generic pass’s groups, first rows and sums', () => {
    expect(wasmAllowed()).toBe(true);
    // One owner for every case: its memory is reused, grown, and holds earlier copies.
    const owner = { version: 0 };
    expectGenericResults((input) => runFusedPass(input, owner), 20_261_203);
    expect(kernelMemoryBytes(owner)).toBeGreaterThan(0);
  });

  test('copies are reused while the owner’s version stays and made again when it changes', () => {
    const spec = { rows: 120, axes: 2, filters: 1, metrics: 3, keepGroups: true, seed: 9 };
    const input = inputOf({ ...spec, filled: false });
    const owner = { version: 0 };
    /** Runs both passes over `input` (with the given offsets) into fresh blocks and groups. */
    const run = (offsets = input.offsets) => {
      const fresh = () => ({
        ...input,
        offsets,
        block: new Float64Array(input.block.length),
        groups: new Int32Array(spec.rows),
      });
      const compiled = fresh();
      const generic = fresh();
      runFusedPass(compiled, owner);
      genericFusedPass(generic);
      return { compiled, generic };
    };
    const before = run();
    expect(before.compiled.block).toEqual(before.generic.block);
    // The table changes rows only together with its version: until then the copy is read.
    const values = input.values[0] as MetricValues;
    values[0] = (values[0] as number) + 1000;
    expect(run().compiled.block).toEqual(before.compiled.block);
    owner.version += 1;
    const after = run();
    expect(after.compiled.block).toEqual(after.generic.block);
    expect(after.compiled.block).not.toEqual(before.compiled.block);
    // At a new version, a pass over the first bucket only, then one over every bucket: the
    // copies of the first pass cover too few rows for the second.
    owner.version += 1;
    const firstBucket = Int32Array.from(input.offsets, (offset, bucket) =>
      bucket === 0 ? offset : -1,
    );
    const narrow = run(firstBucket);
    expect(narrow.compiled.block).toEqual(narrow.generic.block);
    expect(narrow.compiled.groups).toEqual(narrow.generic.groups);
    const wide = run();
    expect(wide.compiled.block).toEqual(wide.generic.block);
    expect(wide.compiled.groups).toEqual(wide.generic.groups);
  });
});

describe('runFusedPass', () => {
  test('falls back to JavaScript when no WebAssembly memory can be had, and only then', () => {
    const defaultRows = wasmPassSettings.minimumRows;
    wasmPassSettings.minimumRows = 1;
    const spec = { rows: 120, axes: 2, filters: 1, metrics: 3, keepGroups: true, seed: 4 };
    const expected = inputOf({ ...spec, filled: false });
    genericFusedPass(expected);
    const grow = vi.spyOn(WebAssembly.Memory.prototype, 'grow');
    try {
      grow.mockImplementation(() => {
        throw new RangeError('WebAssembly.Memory.grow(): Maximum memory size exceeded');
      });
      const input = inputOf({ ...spec, filled: false });
      runFusedPass(input, { version: 0 });
      expect(input.block).toEqual(expected.block);
      expect(input.groups).toEqual(expected.groups);
      grow.mockImplementation(() => {
        throw new TypeError('a defect');
      });
      expect(() => runFusedPass(inputOf({ ...spec, filled: false }), { version: 0 })).toThrow(
        TypeError,
      );
    } finally {
      grow.mockRestore();
      wasmPassSettings.minimumRows = defaultRows;
    }
  });

  test('small passes stay in JavaScript and take no WebAssembly memory', () => {
    const owner = { version: 0 };
    const spec = { rows: 100, axes: 2, filters: 1, metrics: 4, keepGroups: true, seed: 1 };
    const input = inputOf({ ...spec, filled: false });
    const expected = inputOf({ ...spec, filled: false });
    runFusedPass(input, owner);
    genericFusedPass(expected);
    expect(input.block).toEqual(expected.block);
    expect(kernelMemoryBytes(owner)).toBe(0);
  });
});
