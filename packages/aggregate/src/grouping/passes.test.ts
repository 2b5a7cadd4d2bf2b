import fc from 'fast-check';
import { describe, expect, test, vi } from 'vitest';
import type { CodeArray } from '../code-array';
import type { MetricValues } from '../metric-column';
import { generatedPass } from './generated-pass';
import type { PassInput } from './pass-input';
import { referencePass } from './reference-pass';
import { kernelMemoryBytes, wasmPass } from './wasm-pass';

interface Case {
  readonly rows: number;
  readonly axes: number;
  readonly filters: number;
  readonly metrics: number;
  readonly seed: number;
}

/** A small deterministic generator, so every pass sees the same input. */
function numbers(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state;
  };
}

function inputOf(spec: Case): PassInput {
  const next = numbers(spec.seed);
  const radix = 5;
  const bucketCount = 3;
  // Each bucket's rows in one or two ranges, as after a re-ingestion.
  const perBucket = Math.ceil(spec.rows / bucketCount);
  const bucketRanges = Array.from({ length: bucketCount }, (_, bucket) => {
    const start = Math.min(spec.rows, bucket * perBucket);
    const end = Math.min(spec.rows, start + perBucket);
    const middle = start + ((end - start) >> 1);
    return end <= start ? [] : next() % 2 ? [start, middle, middle, end] : [start, end];
  });
  const strides: number[] = [];
  let stride = 1;
  for (let axis = 0; axis < spec.axes; axis += 1) {
    strides.unshift(stride);
    stride *= radix;
  }
  const excluded = next() % (1 << bucketCount);
  // Every element type a table stores, so each per-type compiled pass is exercised.
  const codes = (): CodeArray => {
    const drawn = Array.from({ length: spec.rows }, () => next() % radix);
    const type = next() % 3;
    if (type === 0) return Uint8Array.from(drawn);
    return type === 1 ? Uint16Array.from(drawn) : Int32Array.from(drawn);
  };
  return {
    bucketRanges,
    offsets: Float64Array.from({ length: bucketCount }, (_, bucket) =>
      (excluded >> bucket) & 1 ? -1 : bucket * stride,
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
    space: bucketCount * stride,
  };
}

const caseArbitrary = fc.record({
  rows: fc.integer({ min: 0, max: 300 }),
  axes: fc.integer({ min: 0, max: 4 }),
  filters: fc.integer({ min: 0, max: 3 }),
  metrics: fc.integer({ min: 0, max: 6 }),
  seed: fc.integer(),
});

describe('the grouping passes against the reference pass', () => {
  test.each([
    ['generated JavaScript', generatedPass],
    ['WebAssembly', (input: PassInput) => wasmPass(input, { version: 0 })],
  ])('%s gives the same groups, row counts and sums', (_, pass) => {
    fc.assert(
      fc.property(caseArbitrary, (spec) => {
        expect(pass(inputOf(spec))).toEqual(referencePass(inputOf(spec)));
      }),
      { seed: 20_261_204, numRuns: 300 },
    );
  });
});

describe('wasmPass', () => {
  test('reuses column copies while the owner’s version stays, copies again when it changes', () => {
    // Every bucket selected (two dimensions of five codes: 25 groups a bucket).
    const input = {
      ...inputOf({ rows: 120, axes: 2, filters: 0, metrics: 3, seed: 9 }),
      offsets: Float64Array.of(0, 25, 50),
    };
    const owner = { version: 0 };
    const before = wasmPass(input, owner);
    expect(before).toEqual(referencePass(input));
    // A table changes rows only together with its version: until then the copy is read.
    const values = input.values[0] as MetricValues;
    values[0] = (values[0] as number) + 100;
    expect(wasmPass(input, owner)).toEqual(before);
    owner.version += 1;
    expect(wasmPass(input, owner)).toEqual(referencePass(input));
    expect(wasmPass(input, owner)).not.toEqual(before);
    // A pass over the first bucket only, then over every bucket: the first pass's copies cover
    // too few rows for the second.
    owner.version += 1;
    const firstBucket = { ...input, offsets: Float64Array.of(0, -1, -1) };
    expect(wasmPass(firstBucket, owner)).toEqual(referencePass(firstBucket));
    expect(wasmPass(input, owner)).toEqual(referencePass(input));
    expect(kernelMemoryBytes(owner)).toBeGreaterThan(0);
  });

  test('a pass over fewer rows sizes its memory for the longer copies it keeps', () => {
    // The first pass copies every row; the second reads the first bucket only and brings a
    // column not copied yet, which is copied at the kept copies' length, not the pass's.
    const all = {
      ...inputOf({ rows: 60_000, axes: 1, filters: 0, metrics: 2, seed: 3 }),
      offsets: Float64Array.of(0, 5, 10),
    };
    const owner = { version: 0 };
    expect(wasmPass(all, owner)).toEqual(referencePass(all));
    const added = Float64Array.from({ length: 60_000 }, (_, row) => row * 0.5);
    const firstBucket = { ...all, offsets: Float64Array.of(0, -1, -1), values: [added] };
    expect(wasmPass(firstBucket, owner)).toEqual(referencePass(firstBucket));
  });

  test('gives way when no memory can be had (a RangeError), and only then', () => {
    const input = inputOf({ rows: 120, axes: 2, filters: 1, metrics: 3, seed: 4 });
    const grow = vi.spyOn(WebAssembly.Memory.prototype, 'grow');
    try {
      grow.mockImplementation(() => {
        throw new RangeError('WebAssembly.Memory.grow(): Maximum memory size exceeded');
      });
      expect(wasmPass(input, { version: 0 })).toBeUndefined();
      grow.mockImplementation(() => {
        throw new TypeError('a defect');
      });
      expect(() => wasmPass(input, { version: 0 })).toThrow(TypeError);
    } finally {
      grow.mockRestore();
    }
  });

  test('gives way when no memory can be created for a new owner', () => {
    const input = inputOf({ rows: 120, axes: 2, filters: 1, metrics: 3, seed: 5 });
    const { Memory } = WebAssembly;
    WebAssembly.Memory = function noMemory() {
      throw new RangeError('WebAssembly.Memory(): could not allocate memory');
    } as unknown as typeof WebAssembly.Memory;
    try {
      expect(wasmPass(input, { version: 0 })).toBeUndefined();
    } finally {
      WebAssembly.Memory = Memory;
    }
  });
});
