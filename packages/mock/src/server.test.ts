import { getEndpoint, parsePage, usageEndpointNames } from '@usagekit/schemas';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO_ADMIN_KEY } from './demo-organization';
import { type MockServer, startMockServer } from './server';

const now = Date.UTC(2026, 8, 15, 12, 30);
const today = Math.floor(now / 1000 / 86_400) * 86_400;
let server: MockServer;
let client: OpenAI;

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read loosely; strict checks go through parsePage
type Json = Record<string, any>;
type Usage = OpenAI['admin']['organization']['usage'];
type Method = (query: Json) => Promise<Json>;

const METHODS: Readonly<Record<string, keyof Usage>> = {
  completions: 'completions',
  embeddings: 'embeddings',
  moderations: 'moderations',
  images: 'images',
  audio_speeches: 'audioSpeeches',
  audio_transcriptions: 'audioTranscriptions',
  vector_stores: 'vectorStores',
  code_interpreter_sessions: 'codeInterpreterSessions',
  file_search_calls: 'fileSearchCalls',
  web_search_calls: 'webSearchCalls',
  decisions: 'decisions',
  costs: 'costs',
};

function call(name: string, query: Json): Promise<Json> {
  const usage = client.admin.organization.usage;
  const method = usage[METHODS[name] as keyof Usage] as unknown as Method;
  return method.call(usage, query);
}

function sum(buckets: Json[], metric: string): number {
  let total = 0;
  for (const bucket of buckets) {
    for (const result of bucket.results)
      total += metric === 'amount_value' ? result.amount.value : (result[metric] ?? 0);
  }
  return total;
}

beforeAll(async () => {
  server = await startMockServer({ now });
  client = new OpenAI({
    apiKey: 'unused',
    adminAPIKey: DEMO_ADMIN_KEY,
    baseURL: server.baseURL,
    maxRetries: 0,
  });
});

afterAll(() => server.close());

describe('conformance with the official SDK (openai@7.55.0) over 127.0.0.1', () => {
  test('listens on loopback with a random port', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.baseURL).toBe(`${server.url}/v1`);
  });

  test.each(Object.keys(METHODS))('client.admin.organization.usage for %s', async (name) => {
    const dimensions = [...getEndpoint(name as 'costs').dimensions];
    const page = await call(name, {
      start_time: today - 3 * 86_400,
      group_by: dimensions,
      limit: 3,
    });
    expect(parsePage(name as 'costs', page, { mode: 'strict' }).success).toBe(true);
    expect(page.data).toHaveLength(3);
  });

  test('pages through a month with page: next_page', async () => {
    const start = today - 30 * 86_400;
    const buckets: Json[] = [];
    let page = await client.admin.organization.usage.completions({
      start_time: start,
      end_time: today,
      limit: 7,
    });
    buckets.push(...page.data);
    while (page.has_more && page.next_page) {
      page = await client.admin.organization.usage.completions({
        start_time: start,
        end_time: today,
        limit: 7,
        page: page.next_page,
      });
      buckets.push(...page.data);
    }
    expect(buckets).toHaveLength(30);
    expect(sum(buckets, 'input_tokens')).toBe(
      server.api.totals('completions', { start_time: start, end_time: today }).input_tokens,
    );
  });

  test.each(usageEndpointNames.filter((name) => name !== 'vector_stores'))(
    '%s: 1h buckets sum to the 1d bucket, groups to the total, a filter to its part',
    async (name) => {
      const day = today - 2 * 86_400;
      const range = { start_time: day, end_time: day + 86_400 };
      const metric = getEndpoint(name).metrics[0]?.name as string;
      const daily = await call(name, { ...range, bucket_width: '1d' });
      const hourly = await call(name, { ...range, bucket_width: '1h', limit: 24 });
      expect(sum(hourly.data, metric)).toBe(sum(daily.data, metric));
      const grouped = await call(name, { ...range, bucket_width: '1d', group_by: ['project_id'] });
      expect(sum(grouped.data, metric)).toBe(sum(daily.data, metric));
      const first = grouped.data[0].results[0];
      const filtered = await call(name, {
        ...range,
        bucket_width: '1d',
        project_ids: [first.project_id],
      });
      expect(sum(filtered.data, metric)).toBe(first[metric]);
    },
  );

  test('lists projects with archived ones through the SDK', async () => {
    const ids: string[] = [];
    for await (const project of client.admin.organization.projects.list({
      include_archived: true,
      limit: 4,
    })) {
      ids.push(project.id);
    }
    expect(ids).toHaveLength(server.api.organization.projects.length);
  });

  test('surfaces a 403 for a project key as PermissionDeniedError', async () => {
    const projectClient = new OpenAI({
      apiKey: 'unused',
      adminAPIKey: 'sk-proj-nope',
      baseURL: server.baseURL,
      maxRetries: 0,
    });
    await expect(
      projectClient.admin.organization.usage.costs({ start_time: today }),
    ).rejects.toBeInstanceOf(OpenAI.PermissionDeniedError);
  });
});

describe('server faults', () => {
  test('destroys the socket for a dropped connection', async () => {
    const faulty = await startMockServer({ now, faults: { dropConnectionShare: 1 } });
    try {
      await expect(
        fetch(`${faulty.baseURL}/organization/users`, {
          headers: { authorization: `Bearer ${DEMO_ADMIN_KEY}` },
        }),
      ).rejects.toBeInstanceOf(TypeError);
    } finally {
      await faulty.close();
    }
  });
});
