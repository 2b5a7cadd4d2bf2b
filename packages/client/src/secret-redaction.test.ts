import { inspect } from 'node:util';
import { describe, expect, test } from 'vitest';
import {
  createRecordedFetch,
  errorBody,
  exampleResults,
  json,
} from './__fixtures__/recorded-fetch';
import { createUsageClient } from './client';
import { APIError, ResponseValidationError } from './errors';
import type { UsageClientEvent } from './events';

const KEY = 'sk-admin-Zq9/Hx+e_71-REDACTME-pQ4w';
const JAN_1 = 1_767_225_600;
const DAY = 86_400;

function jsonEscaped(text: string, upper: boolean): string {
  return [...text]
    .map((character, index) => {
      // Every other character escaped, in the given hex case: a mix of escapes and literals.
      if (index % 2 === 1) return character === '/' ? '\\/' : character;
      const hex = character.charCodeAt(0).toString(16).padStart(4, '0');
      return `\\u${upper ? hex.toUpperCase() : hex}`;
    })
    .join('');
}

function percentEncoded(text: string, upper: boolean): string {
  return [...new TextEncoder().encode(text)]
    .map(
      (byte) => `%${byte.toString(16).padStart(2, '0')[upper ? 'toUpperCase' : 'toLowerCase']()}`,
    )
    .join('');
}

function base64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Each encoding, as it would sit inside a JSON string in a body. */
const ENCODINGS: readonly (readonly [string, string])[] = [
  ['literal', KEY],
  ['JSON-escaped (lower-case hex)', jsonEscaped(KEY, false)],
  ['JSON-escaped (upper-case hex)', jsonEscaped(KEY, true)],
  ['percent-encoded (upper case)', percentEncoded(KEY, true)],
  ['percent-encoded (lower case)', percentEncoded(KEY, false)],
  ['base64', base64(KEY)],
  ['base64 inside a larger text', base64(`Authorization: Bearer ${KEY}`)],
  ['base64url, shifted', base64(`x${KEY}`).replaceAll('+', '-').replaceAll('/', '_')],
];

/** Every form of the key a test looks for in what the client hands back. */
const FORMS = [KEY, 'REDACTME', percentEncoded('REDACTME', true), 'UkVEQUNUTU', 'JFREFDVE1F'];

function setup(answer: () => Response) {
  const { fetch } = createRecordedFetch(answer);
  const events: UsageClientEvent[] = [];
  const client = createUsageClient({
    adminKey: KEY,
    baseURL: 'https://api.test/v1',
    fetch,
    maxRetries: 0,
    onEvent: (event) => events.push(event),
  });
  return { client, events };
}

function expectNoForm(item: unknown) {
  const texts = [JSON.stringify(item) ?? '', inspect(item, { depth: 12, showHidden: true })];
  if (item instanceof Error) texts.push(item.message, item.stack ?? '');
  for (const text of texts) {
    for (const form of FORMS) expect(text).not.toContain(form);
    expect(text).not.toMatch(/5245444143544d45|\\u0052\\u0045\\u0044/i);
  }
}

describe('the admin key in every encoding', () => {
  test.each(ENCODINGS)('%s, echoed in an error body, leaves no trace', async (_label, encoded) => {
    const body = `{"error":{"message":"Incorrect API key provided: ${encoded}","type":"invalid_request_error","param":"${encoded}","code":null},"${encoded}":1}`;
    const { client, events } = setup(
      () => new Response(body, { status: 401, headers: { 'x-echo': encoded } }),
    );
    const error = await client.completions.page({ start_time: JAN_1 }).catch((caught) => caught);
    expect(error).toBeInstanceOf(APIError);
    expect(error.message).toContain('[redacted admin key]');
    expectNoForm(error);
    expectNoForm(error.body);
    expectNoForm(events);
  });

  test.each(ENCODINGS)(
    '%s, in a 200 body that fails validation, leaves no trace',
    async (_label, encoded) => {
      const result = { ...exampleResults.completions, input_tokens: encoded, model: encoded };
      const page = {
        object: 'page',
        data: [{ object: 'bucket', start_time: JAN_1, end_time: JAN_1 + DAY, results: [result] }],
        has_more: false,
        next_page: null,
      };
      const { client, events } = setup(() => json(page));
      const error = await client.completions.page({ start_time: JAN_1 }).catch((caught) => caught);
      expect(error).toBeInstanceOf(ResponseValidationError);
      expectNoForm(error);
      expectNoForm(error.issues);
      expectNoForm(events);
    },
  );

  test.each(ENCODINGS)(
    '%s, in a body that is not JSON, leaves no trace in the cause',
    async (_label, encoded) => {
      const { client } = setup(() => new Response(`${encoded} {`, { status: 200 }));
      const error = await client.completions.page({ start_time: JAN_1 }).catch((caught) => caught);
      expect(error).toBeInstanceOf(ResponseValidationError);
      expectNoForm(error);
    },
  );

  test('a fetch failure quoting the key leaves no trace in the cause chain', async () => {
    const { client } = setup(() => {
      throw new TypeError(`fetch failed for ${percentEncoded(KEY, true)}`, {
        cause: new Error(`header ${jsonEscaped(KEY, false)}`),
      });
    });
    const error = await client.completions.page({ start_time: JAN_1 }).catch((caught) => caught);
    expectNoForm(error);
    expectNoForm(error.cause);
  });

  test('a cursor echoing the key stays out of errors and events', async () => {
    const { client, events } = setup(() => json(errorBody('bad cursor'), 400));
    const error = await client.completions
      .page({ start_time: JAN_1, page: base64(KEY) })
      .catch((caught) => caught);
    expectNoForm(error);
    expectNoForm(events);
  });
});
