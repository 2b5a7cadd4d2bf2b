import { PassThrough } from 'node:stream';
import { describe, expect, test } from 'vitest';
import type { CommandContext } from '../commands/command-context';
import { createOutputRedactor } from '../redact';
import type { OutputDocument } from './document';
import { emitDocument } from './emit-document';

const document: OutputDocument = {
  command: 'report',
  demo: false,
  organizations: ['acme'],
  timeZone: 'UTC',
  currency: 'usd',
  sections: [
    {
      name: 'report',
      title: 'Usage',
      columns: [
        { key: 'model', header: 'Model', type: 'text' },
        { key: 'input_tokens', header: 'Input tokens', type: 'count' },
        { key: 'characters', header: 'Characters', type: 'count' },
      ],
      rows: [
        { model: 'gpt-4o', input_tokens: 0, characters: null },
        { model: 'gpt-4o-mini-tts', input_tokens: null, characters: 1200 },
      ],
    },
  ],
  // The client and the report layer both noticed the same refusal.
  warnings: ['grouping by api_key_id refused', 'grouping by api_key_id refused'],
};

async function emit(values: CommandContext['values'], columns = 120) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const context: CommandContext = {
    values,
    positionals: [],
    env: {},
    redactor: await createOutputRedactor([]),
    cwd: '.',
    io: { stdout, stderr, stdoutIsTTY: false, stderrIsTTY: false, columns },
    nowMs: 0,
  };
  emitDocument(context, document);
  return { stdout: String(stdout.read() ?? ''), stderr: String(stderr.read() ?? '') };
}

describe('emitDocument', () => {
  test('prints each warning once, on stderr and in JSON', async () => {
    const table = await emit({});
    expect(table.stderr).toBe('warning: grouping by api_key_id refused\n');
    const json = JSON.parse((await emit({ json: true })).stdout);
    expect(json.warnings).toEqual(['grouping by api_key_id refused']);
  });

  test('an unmeasured metric is — in tables, null in JSON, empty in CSV; a measured 0 stays 0', async () => {
    const table = (await emit({})).stdout;
    expect(table).toMatch(/gpt-4o\s+0\s+—/);
    expect(table).toMatch(/gpt-4o-mini-tts\s+—\s+1,200/);
    const json = JSON.parse((await emit({ json: true })).stdout);
    expect(json.rows).toEqual([
      { model: 'gpt-4o', input_tokens: 0, characters: null },
      { model: 'gpt-4o-mini-tts', input_tokens: null, characters: 1200 },
    ]);
    const csv = (await emit({ csv: true })).stdout.split('\r\n');
    expect(csv.slice(0, 3)).toEqual([
      'row_type,model,input_tokens,characters,demo',
      'row,gpt-4o,0,,false',
      'row,gpt-4o-mini-tts,,1200,false',
    ]);
  });

  test('piped output (infinite width) is one table, never cut', async () => {
    const table = (await emit({}, Number.POSITIVE_INFINITY)).stdout;
    expect(table.split('\n')[1]).toMatch(/^Model\s+Input tokens\s+Characters$/);
  });
});
