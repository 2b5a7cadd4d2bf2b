import { describe, expect, test } from 'vitest';
import type { OutputDocument } from './document';
import { redactDocument } from './redact-document';

const redact = (text: string) => text.replaceAll('secret', '[redacted]');

describe('redactDocument', () => {
  test('redacts cells, totals, titles, notes and warnings, leaving numbers alone', () => {
    const document: OutputDocument = {
      command: 'report',
      demo: false,
      organizations: ['acme'],
      timeZone: 'UTC',
      currency: 'usd',
      sections: [
        {
          name: 'report',
          title: 'title secret',
          columns: [],
          rows: [{ project_name: 'a secret', input_tokens: 1 }],
          totals: { project_name: 'secret' },
          notes: ['note secret'],
        },
      ],
      warnings: ['warning secret'],
    };
    const redacted = redactDocument(document, redact);
    expect(JSON.stringify(redacted)).not.toContain('secret');
    expect(redacted.sections[0]?.rows[0]).toEqual({
      project_name: 'a [redacted]',
      input_tokens: 1,
    });
  });
});
