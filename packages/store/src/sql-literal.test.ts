import { describe, expect, it } from 'vitest';
import { sqlDatabaseName, sqlIdentifier, sqlLiteral } from './sql-literal';

describe('sqlLiteral', () => {
  it('quotes strings, escaping backslashes and quotes with a backslash', () => {
    expect(sqlLiteral('proj_abc')).toBe("'proj_abc'");
    expect(sqlLiteral("O'Brien")).toBe("'O\\'Brien'");
    expect(sqlLiteral('a\\b')).toBe("'a\\\\b'");
    expect(sqlLiteral("\\'")).toBe("'\\\\\\''");
    expect(sqlLiteral("x' OR 1=1 --")).toBe("'x\\' OR 1=1 --'");
    expect(sqlLiteral('')).toBe("''");
    expect(sqlLiteral('Zoë\n<b>')).toBe("'Zoë\n<b>'");
  });

  it('writes safe integers and refuses every other number', () => {
    expect(sqlLiteral(1_741_996_800)).toBe('1741996800');
    expect(sqlLiteral(-5)).toBe('-5');
    for (const value of [1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60]) {
      expect(() => sqlLiteral(value)).toThrow(RangeError);
    }
  });

  it('refuses values that are neither strings nor numbers', () => {
    for (const value of [null, undefined, true, {}, [], 1n]) {
      expect(() => sqlLiteral(value as never)).toThrow(TypeError);
    }
  });
});

describe('sqlIdentifier and sqlDatabaseName', () => {
  it('accept only the store tables and columns', () => {
    expect(sqlIdentifier('results')).toBe('results');
    expect(sqlIdentifier('input_tokens')).toBe('input_tokens');
    expect(sqlIdentifier('current_results')).toBe('current_results');
    for (const name of ['system.tables', 'results; DROP TABLE x', 'users', '']) {
      expect(() => sqlIdentifier(name)).toThrow(RangeError);
    }
  });

  it('accept plain database names only, quoted', () => {
    expect(sqlDatabaseName('usagekit')).toBe('`usagekit`');
    expect(sqlDatabaseName('_test_2')).toBe('`_test_2`');
    for (const name of ['1db', 'a-b', 'a`b', 'db; DROP', '', 'x'.repeat(64)]) {
      expect(() => sqlDatabaseName(name)).toThrow(RangeError);
    }
  });
});
