/**
 * A map for remembering the results of pure functions that stops growing at `limit` entries: past it, results are
 * computed each time instead of kept, so memory stays bounded however large the build.
 */
export class BoundedCache<K, V> {
  readonly #map = new Map<K, V>();

  constructor(readonly limit: number) {}

  /** The value remembered for `key`; otherwise `compute(key)`, remembered while there is room. */
  get(key: K, compute: (key: K) => V): V {
    const known = this.#map.get(key);
    if (known !== undefined) return known;
    const value = compute(key);
    if (this.#map.size < this.limit) this.#map.set(key, value);
    return value;
  }

  /** Forgets `key` (a value that turned out wrong, such as a failed load), making room. */
  delete(key: K): void {
    this.#map.delete(key);
  }
}
