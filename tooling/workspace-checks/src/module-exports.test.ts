import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listValueExports } from './module-exports';

describe('listValueExports', () => {
  let folder = '';

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'usagekit-exports-'));
    await writeFile(
      join(folder, 'shapes.ts'),
      [
        'export const circle = 1;',
        'export function square() { return 2; }',
        'export class Triangle {}',
        'export type Shape = "circle";',
        'export interface Sides { count: number }',
        'export enum Kind { Flat }',
        'const hidden = 3;',
      ].join('\n'),
    );
    await writeFile(
      join(folder, 'index.ts'),
      [
        "export * from './shapes';",
        "export { circle as round } from './shapes';",
        "export { type Sides as Edges } from './shapes';",
        "export type { Triangle as TriangleType } from './shapes';",
      ].join('\n'),
    );
  });

  afterAll(() => rm(folder, { recursive: true, force: true }));

  it('lists values through export * and renames, never types', () => {
    expect(listValueExports(join(folder, 'index.ts'))).toEqual([
      'Kind',
      'Triangle',
      'circle',
      'round',
      'square',
    ]);
  });
});
