import { describe, expect, test } from 'vitest';
import { refusalNotice } from './refusal-notice';

const names = 'names unavailable: this key lacks api.management.read; showing ids';

describe('refusalNotice', () => {
  test('says plainly what is missing and what is shown instead', () => {
    expect(refusalNotice({ type: 'capability-refused', capability: 'names', message: names })).toBe(
      names,
    );
    expect(
      refusalNotice({
        type: 'capability-refused',
        capability: 'grouping',
        endpoint: 'costs',
        fields: ['api_key_id'],
        message:
          'costs: the API refused grouping by api_key_id (Invalid group_by); results come without it',
      }),
    ).toBe('grouping by api_key_id refused by this organization; shown without it');
    expect(
      refusalNotice({
        type: 'capability-refused',
        capability: 'grouping',
        fields: ['user_id', 'project_id'],
        message: '',
      }),
    ).toBe('grouping by user_id, project_id refused by this organization; shown without them');
  });
});
