import { describe, expect, it } from 'vitest';
import { BoundedCache } from '../src/lib/cache';

describe('BoundedCache', () => {
  it('computes a value once and remembers it', () => {
    const cache = new BoundedCache<string, number>(10);
    const calls: string[] = [];
    const length = (key: string) => (calls.push(key), key.length);
    expect(cache.get('abc', length)).toBe(3);
    expect(cache.get('abc', length)).toBe(3);
    expect(calls).toEqual(['abc']);
  });

  it('holds at most its limit, forgetting the oldest for each new value, and still answers correctly', () => {
    const cache = new BoundedCache<string, number>(2);
    const calls: string[] = [];
    const length = (key: string) => (calls.push(key), key.length);
    for (const key of ['a', 'bb', 'ccc', 'ccc', 'a']) expect(cache.get(key, length)).toBe(key.length);
    // "a" was forgotten when "ccc" came, and computed again; "bb" then, for "a".
    expect(calls).toEqual(['a', 'bb', 'ccc', 'a']);
    expect(cache.get('ccc', length)).toBe(3);
    expect(cache.get('bb', length)).toBe(2);
    expect(calls).toEqual(['a', 'bb', 'ccc', 'a', 'bb']);
  });

  it('makes room when a key is deleted, and computes a deleted key again', () => {
    const cache = new BoundedCache<string, number>(2);
    const calls: string[] = [];
    const length = (key: string) => (calls.push(key), key.length);
    cache.get('a', length);
    cache.get('bb', length);
    cache.delete('a');
    cache.get('ccc', length);
    // "bb" stayed: deleting "a" made the room for "ccc".
    cache.get('bb', length);
    cache.get('a', length);
    expect(calls).toEqual(['a', 'bb', 'ccc', 'a']);
  });
});
