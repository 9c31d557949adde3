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

  it('stops remembering at its limit, and still answers correctly past it', () => {
    const cache = new BoundedCache<string, number>(2);
    const calls: string[] = [];
    const length = (key: string) => (calls.push(key), key.length);
    for (const key of ['a', 'bb', 'ccc', 'ccc', 'a']) cache.get(key, length);
    expect(calls).toEqual(['a', 'bb', 'ccc', 'ccc']);
    expect(cache.get('ccc', length)).toBe(3);
  });
});
