/**
 * A map for remembering the results of pure functions that holds at most `limit` entries, in two generations: new
 * values go into the young one; when it is full it becomes the old one and the previous old one is forgotten; a value
 * found in the old generation moves back to the young. So memory stays bounded however large the build, what the build
 * works on now (the latest papers, rendered for each feed in turn; the words in use) stays remembered, and nothing is
 * ever deleted one entry at a time (a Map that loses its oldest entry on every insertion gets slower as it goes).
 */
export class BoundedCache<K, V> {
  #young = new Map<K, V>();
  #old = new Map<K, V>();
  /** Entries per generation: half the limit. */
  readonly #generation: number;

  constructor(readonly limit: number) {
    this.#generation = Math.max(1, Math.floor(limit / 2));
  }

  /** The value remembered for `key`; otherwise `compute(key)`, remembered. */
  get(key: K, compute: (key: K) => V): V {
    const known = this.#young.get(key);
    if (known !== undefined) return known;
    const value = this.#old.get(key) ?? compute(key);
    if (this.#young.size >= this.#generation) {
      this.#old = this.#young;
      this.#young = new Map();
    }
    this.#young.set(key, value);
    return value;
  }

  /** Forgets `key` (a value that turned out wrong, such as a failed load). */
  delete(key: K): void {
    this.#young.delete(key);
    this.#old.delete(key);
  }
}
