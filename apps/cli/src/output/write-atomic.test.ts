import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { writeFileAtomic } from './write-atomic';

describe('writeFileAtomic', () => {
  test('writes every chunk and leaves no temporary file', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'usagekit-write-'));
    const target = join(directory, 'out.csv');
    await writeFileAtomic(target, ['a,b\r\n', '1,2\r\n']);
    expect(await readFile(target, 'utf8')).toBe('a,b\r\n1,2\r\n');
    expect(await readdir(directory)).toEqual(['out.csv']);
  });

  test('keeps the old file when producing the content fails', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'usagekit-write-'));
    const target = join(directory, 'out.csv');
    await writeFile(target, 'old');
    async function* failing() {
      yield 'new partial';
      throw new Error('fetch failed midway');
    }
    await expect(writeFileAtomic(target, failing())).rejects.toThrow(/cannot write/);
    expect(await readFile(target, 'utf8')).toBe('old');
    expect(await readdir(directory)).toEqual(['out.csv']);
  });

  test('fails clearly when the directory does not exist', async () => {
    await expect(writeFileAtomic('/nonexistent-dir-usagekit/x.csv', ['x'])).rejects.toThrow(
      /ENOENT/,
    );
  });
});
