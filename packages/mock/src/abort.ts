/**
 * Why a signal aborted, the way `fetch` rejects: the signal's reason, or an `AbortError`.
 *
 * @param signal An aborted signal.
 *
 * @returns The rejection value.
 */
export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

/**
 * Waits, unless the signal aborts first.
 *
 * @param milliseconds How long to wait. @unit milliseconds
 * @param signal Cancels the wait.
 *
 * @returns Resolves after the delay; rejects with the abort reason when aborted.
 */
export function abortableDelay(milliseconds: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(abortReason(signal));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, milliseconds);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * A copy of a response whose body errors with the abort reason when the signal aborts before the
 * body has been read, as a real `fetch` body does.
 *
 * @param response The response.
 * @param signal The request's signal.
 *
 * @returns The response with an abortable body (the same response when it has no body).
 */
export function withAbortableBody(response: Response, signal: AbortSignal): Response {
  const source = response.body;
  if (source === null) return response;
  const reader = source.getReader();
  let onAbort: (() => void) | undefined;
  const stop = () => {
    if (onAbort !== undefined) signal.removeEventListener('abort', onAbort);
  };
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      onAbort = () => {
        const reason = abortReason(signal);
        controller.error(reason);
        reader.cancel(reason).catch(() => undefined);
      };
      signal.addEventListener('abort', onAbort, { once: true });
    },
    async pull(controller) {
      const chunk = await reader.read();
      if (signal.aborted) return;
      if (chunk.done) {
        stop();
        controller.close();
      } else {
        controller.enqueue(chunk.value);
      }
    },
    cancel(reason) {
      stop();
      return reader.cancel(reason);
    },
  });
  return new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}
