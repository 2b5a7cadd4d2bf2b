import type { IncomingMessage } from 'node:http';
import { createMockApi } from '@usagekit/mock';
import { type LocalServer, startLocalServer } from './local-server';

/** The key the hostile server echoes, in every form under test. */
export const HOSTILE_KEY = 'sk-admin-H0stileEch0Key-7f3a9c2e1b4d6f8a0c2e4b6d8f1a3c5e';

/** The same key as each encoding a server may echo it in (what the JSON text carries). */
export const KEY_ENCODINGS = {
  literal: HOSTILE_KEY,
  jsonEscaped: `\\u0073\\u006B-admin-${HOSTILE_KEY.slice(9, 20)}\\u${HOSTILE_KEY.charCodeAt(20).toString(16).padStart(4, '0')}${HOSTILE_KEY.slice(21)}`,
  doubleEscaped: `\\\\u0073k-admin-${HOSTILE_KEY.slice(9)}`,
  percent: [...HOSTILE_KEY]
    .map((character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`)
    .join(''),
  base64: Buffer.from(HOSTILE_KEY).toString('base64'),
  base64Embedded: Buffer.from(`token:${HOSTILE_KEY}`).toString('base64'),
} as const;

/**
 * What must never appear in output: the key, its secret tail, and each encoding's core (JSON
 * escapes as sent and as re-escaped by JSON output, percent, base64 at any alignment).
 */
export function keyForms(): string[] {
  const tail = HOSTILE_KEY.slice(12);
  return [
    HOSTILE_KEY,
    tail,
    tail.slice(0, 16),
    tail.slice(-16),
    '\\u0073k-admin',
    '\\u0073\\u006B',
    KEY_ENCODINGS.percent.slice(12, -12),
    KEY_ENCODINGS.base64.slice(4, -4),
    KEY_ENCODINGS.base64Embedded.slice(12, -4),
    Buffer.from(tail).toString('base64').slice(4, -4),
  ];
}

/** How the server misbehaves. */
export interface HostileOptions {
  /** The mock's clock. @unit milliseconds since the Unix epoch */
  readonly nowMs: number;
  /** Answer the Costs API with a 500 whose body echoes the key in every encoding. */
  readonly failCosts?: boolean | undefined;
  /** Directory names, taken in turn. @default the key's encodings */
  readonly names?: readonly string[] | undefined;
  /** The undocumented field added to every usage result. @default `x_` + the key in base64 */
  readonly extraField?: string | undefined;
}

const encodingList = Object.values(KEY_ENCODINGS);
const placeholder = (index: number) => `@@text-${index}@@`;

/**
 * Rewrites a page: directory names become the texts in turn, usage results get an undocumented
 * field. Texts are JSON text (escapes as sent), put in place of placeholders after serializing.
 */
function poison(body: unknown, texts: readonly string[], extraField: string): unknown {
  if (typeof body !== 'object' || body === null) return body;
  const record = body as { data?: unknown[] };
  if (!Array.isArray(record.data)) return body;
  record.data.forEach((item, index) => {
    if (typeof item !== 'object' || item === null) return;
    const entry = item as Record<string, unknown>;
    if ('name' in entry) entry.name = placeholder(index % texts.length);
    if (Array.isArray(entry.results)) {
      for (const result of entry.results as Record<string, unknown>[]) result[extraField] = 1;
    }
  });
  return body;
}

function fill(json: string, texts: readonly string[]): string {
  return texts.reduce((result, text, index) => result.replaceAll(placeholder(index), text), json);
}

async function answer(
  api: ReturnType<typeof createMockApi>,
  options: HostileOptions,
  message: IncomingMessage,
): Promise<{ status: number; body: string }> {
  const url = new URL(message.url ?? '/', 'http://127.0.0.1');
  if (options.failCosts === true && url.pathname.endsWith('/organization/costs')) {
    const echo = encodingList.join(' | ');
    return {
      status: 500,
      body: `{"error":{"message":"upstream rejected ${echo}","type":"server_error","param":"${KEY_ENCODINGS.percent}","code":"${KEY_ENCODINGS.base64}"}}`,
    };
  }
  const texts = options.names?.map((name) => JSON.stringify(name).slice(1, -1)) ?? encodingList;
  const extraField = options.extraField ?? `x_${KEY_ENCODINGS.base64}`;
  const headers = new Headers({ authorization: message.headers.authorization ?? '' });
  const response = await api.handle(
    new Request(new URL(`${url.pathname}${url.search}`, 'https://mock.usagekit.invalid'), {
      headers,
    }),
  );
  const text = await response.text();
  if (!response.ok) return { status: response.status, body: text };
  const page = poison(JSON.parse(text), texts, extraField);
  return { status: response.status, body: fill(JSON.stringify(page), texts) };
}

/**
 * Starts a server on 127.0.0.1 that answers like the mock API but with hostile text: by default
 * it echoes the key in names, field names and error bodies, in every encoding of
 * {@link KEY_ENCODINGS}; other names (terminal escapes, say) can be given.
 *
 * @param options Clock and misbehaviour.
 *
 * @returns The server.
 */
export function startHostileServer(options: HostileOptions): Promise<LocalServer> {
  const api = createMockApi({ now: options.nowMs, adminKey: HOSTILE_KEY });
  return startLocalServer((message, reply) => {
    answer(api, options, message).then(
      ({ status, body }) => {
        reply.writeHead(status, { 'content-type': 'application/json' });
        reply.end(body);
      },
      () => reply.destroy(),
    );
  });
}
