import { describe, expect, test } from 'vitest';
import { createLoadNotices } from './load-notices';

describe('createLoadNotices', () => {
  test('says each refusal once, merging endpoints that refused the same grouping', () => {
    const notices = createLoadNotices((text) => text);
    const names = {
      type: 'capability-refused',
      capability: 'names',
      message: 'names unavailable: this key lacks api.management.read; showing ids',
    } as const;
    notices.record(names);
    notices.record(names);
    for (const endpoint of ['completions', 'embeddings', 'completions']) {
      notices.record({
        type: 'capability-refused',
        capability: 'grouping',
        endpoint,
        fields: ['api_key_id'],
        message: `${endpoint}: refused`,
      });
    }
    expect(notices.namesAvailable()).toBe(false);
    expect(notices.list()).toEqual([
      'names unavailable: this key lacks api.management.read; showing ids',
      'grouping by api_key_id refused by this organization (completions, embeddings): shown without it',
    ]);
  });

  test('lists failed parts by reason, redacted', () => {
    const notices = createLoadNotices((text) => text.replaceAll('sk-secret', '[redacted]'));
    notices.failed('images usage', new Error('403 from the API, key sk-secret'));
    notices.failed('audio_speeches usage', new Error('403 from the API, key sk-secret'));
    notices.failed('the bill (Costs API)', new Error('timeout'), Date.UTC(2026, 0, 5) / 1000);
    expect(notices.namesAvailable()).toBe(true);
    expect(notices.list()).toEqual([
      'images usage, audio_speeches usage could not be loaded: 403 from the API, key [redacted]',
      'the bill (Costs API) could not be loaded after 2026-01-05 (shown up to then): timeout',
    ]);
  });
});
