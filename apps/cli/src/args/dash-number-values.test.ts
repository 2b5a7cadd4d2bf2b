import { describe, expect, test } from 'vitest';
import { joinDashNumberValues } from './dash-number-values';

const options = {
  top: { type: 'string', description: 'top' },
  json: { type: 'boolean', description: 'json' },
} as const;

describe('joinDashNumberValues', () => {
  test('joins a negative number to the flag that takes it', () => {
    expect(joinDashNumberValues(['--top', '-3', '--json'], options)).toEqual([
      '--top=-3',
      '--json',
    ]);
    expect(joinDashNumberValues(['--top', '-0.5'], options)).toEqual(['--top=-0.5']);
  });

  test('leaves flags, boolean flags and arguments after -- alone', () => {
    expect(joinDashNumberValues(['--top', '--json'], options)).toEqual(['--top', '--json']);
    expect(joinDashNumberValues(['--json', '-3'], options)).toEqual(['--json', '-3']);
    expect(joinDashNumberValues(['--', '--top', '-3'], options)).toEqual(['--', '--top', '-3']);
  });
});
