import { describe, expect, test } from 'vitest';
import { LruCache } from './lru-cache';

describe('LruCache', () => {
  test('drops the least recently used entries beyond the entry count', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
  });

  test('bounds the total weight and never keeps a value heavier than the capacity', () => {
    const cache = new LruCache<string, Uint8Array>(10, (value) => value.byteLength);
    cache.set('a', new Uint8Array(4));
    cache.set('b', new Uint8Array(4));
    cache.set('a', new Uint8Array(5));
    cache.set('c', new Uint8Array(4));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')?.byteLength).toBe(5);
    expect(cache.get('c')?.byteLength).toBe(4);
    cache.set('huge', new Uint8Array(11));
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.get('a')?.byteLength).toBe(5);
  });
});
