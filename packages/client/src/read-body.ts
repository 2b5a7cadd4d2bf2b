/** A body read up to a byte limit. */
export interface BoundedBody {
  /** The text read, decoded as UTF-8; when the limit was passed, its first part or nothing. */
  readonly text: string;
  /** Whether the body went on past the limit (the rest was cancelled, not read). */
  readonly exceeded: boolean;
}

/**
 * Reads a response body as a stream, counting decoded bytes (after any `Content-Encoding` the
 * runtime undid), and stops at `limitBytes`: the rest is cancelled, never buffered, so a body
 * that inflates to gigabytes costs at most the limit. Rejects with the signal's reason when it
 * aborts, cancelling the stream.
 *
 * @param response The response whose body to read.
 * @param limitBytes The most bytes to keep. @unit bytes
 * @param signal Stops the read.
 * @param keepPart Whether a body past the limit keeps its first `limitBytes` as text (for error
 * bodies) rather than none (for pages, which are refused whole).
 *
 * @returns The text and whether the body was longer than the limit.
 */
export async function readBoundedBody(
  response: Response,
  limitBytes: number,
  signal: AbortSignal,
  keepPart: boolean,
): Promise<BoundedBody> {
  const body = response.body;
  if (body === null) return { text: '', exceeded: false };
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  const cancel = () => {
    reader.cancel(signal.reason).catch(() => undefined);
  };
  signal.addEventListener('abort', cancel, { once: true });
  try {
    for (;;) {
      if (signal.aborted) throw signal.reason;
      const { done, value } = await reader.read();
      if (signal.aborted) throw signal.reason;
      if (done) break;
      const room = limitBytes - received;
      received += value.byteLength;
      if (value.byteLength > room) {
        await reader.cancel().catch(() => undefined);
        if (!keepPart) return { text: '', exceeded: true };
        if (room > 0) chunks.push(value.subarray(0, room));
        return { text: decodeChunks(chunks), exceeded: true };
      }
      chunks.push(value);
    }
    return { text: decodeChunks(chunks), exceeded: false };
  } finally {
    signal.removeEventListener('abort', cancel);
    reader.releaseLock();
  }
}

/** Decodes the chunks as one UTF-8 text (a character split between chunks decodes whole). */
function decodeChunks(chunks: readonly Uint8Array[]): string {
  const decoder = new TextDecoder('utf-8');
  let text = '';
  for (const chunk of chunks) text += decoder.decode(chunk, { stream: true });
  return text + decoder.decode();
}
