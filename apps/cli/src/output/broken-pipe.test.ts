import { PassThrough } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { ExitCode } from '../exit-codes';
import { exitQuietlyOnBrokenPipe, ignoreBrokenPipe } from './broken-pipe';

function brokenPipe(): NodeJS.ErrnoException {
  return Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
}

describe('exitQuietlyOnBrokenPipe', () => {
  test('a closed stdout ends the process with exit code 0', () => {
    const stdout = new PassThrough();
    const codes: number[] = [];
    exitQuietlyOnBrokenPipe(stdout, (code) => codes.push(code));
    stdout.emit('error', brokenPipe());
    expect(codes).toEqual([ExitCode.ok]);
  });

  test('any other stream error is still thrown', () => {
    const stdout = new PassThrough();
    exitQuietlyOnBrokenPipe(stdout, () => undefined);
    expect(() => stdout.emit('error', new Error('disk full'))).toThrow('disk full');
  });
});

describe('ignoreBrokenPipe', () => {
  test('a closed stderr is not an error', () => {
    const stderr = new PassThrough();
    ignoreBrokenPipe(stderr);
    expect(() => stderr.emit('error', brokenPipe())).not.toThrow();
  });
});
