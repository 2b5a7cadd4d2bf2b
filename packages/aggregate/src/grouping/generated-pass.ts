import { type GroupSums, groupSumsOfBlock, type PassInput } from './pass-input';

/** A compiled pass: fills a dense block (see {@link groupSumsOfBlock}). */
type CompiledPass = (input: PassInput, block: Float64Array) => void;

const compiledPasses = new Map<string, CompiledPass>();

function indices(count: number): number[] {
  return Array.from({ length: count }, (_, index) => index);
}

/** Source of a pass with exactly the loads and sums a query shape needs: no per-row branch. */
function passSource(axisCount: number, filterCount: number, metricCount: number): string {
  const width = metricCount + 1;
  const group = ['offset', ...indices(axisCount).map((axis) => `c${axis}[row] * k${axis}`)];
  return [
    'const bucketRanges = input.bucketRanges, offsets = input.offsets, trash = input.space;',
    ...indices(axisCount).map(
      (axis) => `const c${axis} = input.codes[${axis}], k${axis} = input.strides[${axis}];`,
    ),
    ...indices(filterCount).map(
      (filter) =>
        `const f${filter} = input.filterCodes[${filter}], a${filter} = input.allowed[${filter}];`,
    ),
    ...indices(metricCount).map((metric) => `const v${metric} = input.values[${metric}];`),
    'for (let bucket = 0, buckets = offsets.length; bucket < buckets; bucket += 1) {',
    '  const offset = offsets[bucket] | 0;',
    '  if (offset < 0) continue;',
    '  const ranges = bucketRanges[bucket];',
    '  for (let range = 0; range < ranges.length; range += 2) {',
    '    for (let row = ranges[range], end = ranges[range + 1]; row < end; row += 1) {',
    `      let group = ${group.join(' + ')};`,
    ...indices(filterCount).map(
      (filter) => `      if (a${filter}[f${filter}[row]] === 0) group = trash;`,
    ),
    `      const at = group * ${width};`,
    '      block[at] += 1;',
    ...indices(metricCount).map((metric) => `      block[at + ${metric + 1}] += v${metric}[row];`),
    '    }',
    '  }',
    '}',
  ].join('\n');
}

/** Element type of an array: passes are compiled per type, so every load stays monomorphic. */
function kindOf(array: ArrayLike<number>): string {
  return array instanceof Float64Array ? 'f' : String((array as Uint8Array).BYTES_PER_ELEMENT);
}

/**
 * The grouping pass as JavaScript generated for the input's shape (how many grouping
 * dimensions, filters and summed metrics, and each array's element type), compiled once per
 * shape. It counts rows and sums metrics per group in a dense block of `space + 1` groups, so
 * the caller must allow code generation and keep `space` small enough to allocate.
 *
 * @param input What to read.
 *
 * @returns The groups with rows, by ascending id.
 */
export function generatedPass(input: PassInput): GroupSums {
  const key = [input.codes, input.filterCodes, input.values]
    .map((arrays) => arrays.map(kindOf).join(''))
    .join('|');
  let pass = compiledPasses.get(key);
  if (pass === undefined) {
    const source = passSource(input.codes.length, input.filterCodes.length, input.values.length);
    pass = new Function('input', 'block', source) as CompiledPass;
    compiledPasses.set(key, pass);
  }
  const width = input.values.length + 1;
  const block = new Float64Array((input.space + 1) * width);
  pass(input, block);
  return groupSumsOfBlock(block, width, input.space);
}
