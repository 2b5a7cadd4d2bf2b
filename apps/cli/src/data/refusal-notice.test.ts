import { describe, expect, test } from 'vitest';
import { refusalNotice } from './refusal-notice';

describe('refusalNotice', () => {
  test('says plainly what is missing and what is shown instead', () => {
    expect(refusalNotice({ capability: 'names' })).toBe(
      'names unavailable: this key lacks api.management.read; showing ids',
    );
    expect(refusalNotice({ capability: 'grouping', fields: ['api_key_id'] })).toBe(
      'grouping by api_key_id refused by this organization; shown without it',
    );
    expect(refusalNotice({ capability: 'grouping', fields: ['user_id', 'project_id'] })).toBe(
      'grouping by user_id, project_id refused by this organization; shown without them',
    );
  });
});
