import { describe, expect, it } from 'vitest';
import {
  defaultStorePath,
  describeStoreLocation,
  parseStoreLocation,
  resolveStoreLocation,
} from './store-location';

describe('defaultStorePath', () => {
  it('follows XDG on Linux, with the ~/.local/share fallback', () => {
    expect(
      defaultStorePath({
        platform: 'linux',
        homeDirectory: '/home/a',
        env: { XDG_DATA_HOME: '/data' },
      }),
    ).toBe('/data/usagekit/usage.duckdb');
    expect(defaultStorePath({ platform: 'linux', homeDirectory: '/home/a', env: {} })).toBe(
      '/home/a/.local/share/usagekit/usage.duckdb',
    );
    // A relative XDG_DATA_HOME is invalid per the spec and ignored.
    expect(
      defaultStorePath({
        platform: 'linux',
        homeDirectory: '/home/a',
        env: { XDG_DATA_HOME: 'rel' },
      }),
    ).toBe('/home/a/.local/share/usagekit/usage.duckdb');
  });

  it('uses Application Support on macOS and LOCALAPPDATA on Windows', () => {
    expect(defaultStorePath({ platform: 'darwin', homeDirectory: '/Users/a', env: {} })).toBe(
      '/Users/a/Library/Application Support/usagekit/usage.duckdb',
    );
    expect(
      defaultStorePath({
        platform: 'win32',
        homeDirectory: 'C:\\Users\\a',
        env: { LOCALAPPDATA: 'C:\\Users\\a\\AppData\\Local' },
      }),
    ).toBe('C:\\Users\\a\\AppData\\Local\\usagekit\\usage.duckdb');
  });
});

describe('parseStoreLocation', () => {
  it('reads paths relative to cwd, and :memory:', () => {
    expect(parseStoreLocation('usage.duckdb', '/work')).toEqual({
      kind: 'duckdb',
      path: '/work/usage.duckdb',
    });
    expect(parseStoreLocation(':memory:')).toEqual({ kind: 'duckdb', path: ':memory:' });
  });

  it('reads ClickHouse URLs with database, default ports and hidden passwords', () => {
    expect(parseStoreLocation('clickhouse://ch.internal:8123/usage')).toMatchObject({
      kind: 'clickhouse',
      url: 'http://ch.internal:8123',
      database: 'usage',
    });
    expect(parseStoreLocation('clickhouses://ch.example.com')).toMatchObject({
      url: 'https://ch.example.com:8443',
      database: 'usagekit',
    });
    const withPassword = parseStoreLocation('http://reader:s3cr%40t@10.0.0.5:8123/db');
    expect(withPassword).toMatchObject({ username: 'reader', password: 's3cr@t', database: 'db' });
    expect(describeStoreLocation(withPassword)).toBe('http://reader:***@10.0.0.5:8123/db');
    expect(describeStoreLocation(withPassword)).not.toContain('s3cr');
  });

  it('refuses other schemes and nested paths', () => {
    expect(() => parseStoreLocation('postgres://x/db')).toThrow(/not supported/);
    expect(() => parseStoreLocation('clickhouse://x/a/b')).toThrow(/one database/);
    expect(() => parseStoreLocation('  ')).toThrow(/empty/);
  });
});

describe('resolveStoreLocation', () => {
  it('prefers --store, then USAGEKIT_STORE, then the default', () => {
    const base = { platform: 'linux' as const, homeDirectory: '/home/a', cwd: '/w' };
    expect(
      resolveStoreLocation({ ...base, store: 'a.duckdb', env: { USAGEKIT_STORE: 'b.duckdb' } }),
    ).toEqual({ kind: 'duckdb', path: '/w/a.duckdb' });
    expect(
      resolveStoreLocation({ ...base, env: { USAGEKIT_STORE: 'clickhouse://h/d' } }),
    ).toMatchObject({ kind: 'clickhouse', database: 'd' });
    expect(resolveStoreLocation({ ...base, env: {} })).toEqual({
      kind: 'duckdb',
      path: '/home/a/.local/share/usagekit/usage.duckdb',
    });
  });
});
