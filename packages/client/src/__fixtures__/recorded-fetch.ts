import { type BucketWidthLimits, endpointNames, endpoints } from '@usagekit/schemas';
import completionsResult from './completions.result-object.spec-example.json';
import costsResult from './costs.result-object.spec-example.json';

/** One request the fake fetch received. */
export interface RecordedCall {
  readonly url: URL;
  readonly headers: Headers;
  readonly signal: AbortSignal | undefined;
}

/** Answers one recorded call; throwing stands for a connection error. */
export type Answer = (call: RecordedCall, index: number) => Response | Promise<Response>;

/**
 * A fetch that records every call and answers through `answer`.
 *
 * @param answer The answer for each call.
 *
 * @returns The fetch and the calls recorded so far.
 */
export function createRecordedFetch(answer: Answer) {
  const calls: RecordedCall[] = [];
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const call: RecordedCall = {
      url: new URL(String(input)),
      headers: new Headers(init?.headers),
      signal: init?.signal ?? undefined,
    };
    calls.push(call);
    return answer(call, calls.length - 1);
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

/**
 * A JSON response.
 *
 * @param body The body.
 * @param status The status.
 * @param headers Extra headers.
 *
 * @returns The response.
 */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/** The spec's example results, per endpoint kind. */
export const exampleResults = { completions: completionsResult, costs: costsResult };

/**
 * An API error body as OpenAI sends it.
 *
 * @param message The message.
 * @param type The error type.
 *
 * @returns The body.
 */
export function errorBody(message: string, type = 'invalid_request_error') {
  return { error: { message, type, param: null, code: null } };
}

/**
 * Answers usage and costs requests the way the API pages them: buckets on whole widths from the
 * UTC epoch (costs snapped to whole days, usage starting at `start_time`), `limit` per page, and a
 * cursor naming the next bucket's start. Each bucket holds one result copied from the spec
 * example with `project_id` set to the bucket's start, so tests can check for gaps and repeats.
 *
 * @returns The answer function.
 */
export function bucketAnswer(): Answer {
  return (call) => {
    const name = endpointNames.find((candidate) =>
      call.url.pathname.endsWith(endpoints[candidate].path),
    );
    if (name === undefined) return json(errorBody('Not found'), 404);
    const endpoint = endpoints[name];
    const query = call.url.searchParams;
    const width = query.get('bucket_width') ?? endpoint.defaultBucketWidth;
    const limits = (endpoint.bucketWidths as Record<string, BucketWidthLimits>)[
      width
    ] as BucketWidthLimits;
    const limit = Number(query.get('limit') ?? limits.defaultLimit);
    const startTime = Number(query.get('start_time'));
    const endTime = Number(query.get('end_time'));
    const cursor = query.get('page');
    let start = cursor === null ? startTime : Number(cursor.slice('page_'.length));
    if (name === 'costs') start = Math.floor(start / limits.seconds) * limits.seconds;
    const template = name === 'costs' ? costsResult : completionsResult;
    const data = [];
    while (start < endTime && data.length < limit) {
      const end = (Math.floor(start / limits.seconds) + 1) * limits.seconds;
      data.push({
        object: 'bucket',
        start_time: start,
        end_time: name === 'costs' ? end : Math.min(end, endTime),
        results: [
          {
            ...template,
            object: endpoint.resultObject,
            project_id: `proj_${start}`,
          },
        ],
      });
      start = end;
    }
    const hasMore = start < endTime;
    return json({
      object: 'page',
      data,
      has_more: hasMore,
      next_page: hasMore ? `page_${start}` : null,
    });
  };
}
