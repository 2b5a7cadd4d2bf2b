import { PassThrough } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { createRedactingStream } from './redacting-stream';

describe('createRedactingStream', () => {
  test('redacts each write, strings and bytes, in order and at once', () => {
    const target = new PassThrough({ encoding: 'utf8' });
    const stream = createRedactingStream(target, (text) => text.replaceAll('secret', '[x]'));
    stream.write('a secret b\n');
    stream.write(Buffer.from('c secret d\n'));
    expect(target.read()).toBe('a [x] b\nc [x] d\n');
  });
});
