import { Writable } from 'node:stream';

/**
 * Wraps an output stream so that every write has the keys in use removed first: the one place
 * where everything the CLI prints (tables, JSON, warnings, errors, progress) is redacted.
 * Writes pass through at once, in order, without buffering.
 *
 * @param target The stream written to (stdout or stderr).
 * @param redact Removes the keys in use from a text.
 *
 * @returns The redacting stream.
 */
export function createRedactingStream(
  target: NodeJS.WritableStream,
  redact: (text: string) => string,
): NodeJS.WritableStream {
  return new Writable({
    decodeStrings: false,
    write(chunk: string | Uint8Array, _encoding, callback) {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      target.write(redact(text));
      callback();
    },
  });
}
