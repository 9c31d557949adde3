/**
 * A map for remembering the results of pure functions that holds at most `limit` entries: past it, the oldest
 * entry is forgotten for each new one, so memory stays bounded however large the build, and what the build is working
 * on now (the latest day's papers, rendered for each feed in turn) stays remembered.
 */
export class BoundedCache<K, V> {
  readonly #map = new Map<K, V>();

  constructor(readonly limit: number) {}

  /** The value remembered for `key`; otherwise `compute(key)`, remembered in place of the oldest when full. */
  get(key: K, compute: (key: K) => V): V {
    const known = this.#map.get(key);
    if (known !== undefined) return known;
    const value = compute(key);
    if (this.#map.size >= this.limit) this.#map.delete(this.#map.keys().next().value as K);
    this.#map.set(key, value);
    return value;
  }

  /** Forgets `key` (a value that turned out wrong, such as a failed load), making room. */
  delete(key: K): void {
    this.#map.delete(key);
  }
}
