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

  it('holds at most its limit, forgetting what has not been asked for in two generations, and still answers correctly', () => {
    const cache = new BoundedCache<string, number>(4);
    const calls: string[] = [];
    const length = (key: string) => (calls.push(key), key.length);
    for (const key of ['a', 'bb', 'ccc', 'dddd', 'eeeee']) expect(cache.get(key, length)).toBe(key.length);
    // Two in each generation: "a" and "bb" were forgotten when "eeeee" started a new young one; "ccc" is in the old.
    expect(cache.get('a', length)).toBe(1);
    expect(cache.get('ccc', length)).toBe(3);
    expect(calls).toEqual(['a', 'bb', 'ccc', 'dddd', 'eeeee', 'a']);
  });

  it('keeps a value that is asked for again, however many others come after it', () => {
    const cache = new BoundedCache<string, number>(4);
    const calls: string[] = [];
    const length = (key: string) => (calls.push(key), key.length);
    for (let i = 0; i < 50; i += 1) {
      cache.get('kept', length);
      cache.get(`other${i}`, length);
    }
    expect(calls.filter((c) => c === 'kept')).toEqual(['kept']);
    expect(calls).toHaveLength(51);
  });

  it('computes a deleted key again', () => {
    const cache = new BoundedCache<string, number>(10);
    const calls: string[] = [];
    const length = (key: string) => (calls.push(key), key.length);
    cache.get('a', length);
    cache.delete('a');
    cache.get('a', length);
    expect(calls).toEqual(['a', 'a']);
  });
});
