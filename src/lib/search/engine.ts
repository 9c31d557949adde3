/**
 * Answers queries in the browser from the static search files (format.ts): looks each word up in its pack with
 * flexsearch, ranks the papers, and reads the records of those it shows. Files come through `SearchFiles`: fetch and
 * DecompressionStream in the browser, memory and zlib in tests.
 */
import { containsPhrase, parseQuery, type Phrase } from './query';
import { foldWord, foldWordAsTyped } from '../text/words';
import {
  INDEX_OPTIONS,
  MASKS_FILE,
  MASK_BITS,
  MAX_PREFIX,
  MIN_PREFIX,
  decodePostings,
  packFor,
  packName,
  prefixToken,
  recordFileName,
  recordPlaces,
  recordRuns,
  type Pack,
  type RecordPlace,
  type SearchDoc,
  type SearchMasks,
  type SearchMeta,
} from './format';

/** The minimal flexsearch Index surface this module uses (the browser passes the compact build's class). */
export interface FlexIndex {
  add(id: number, text: string): unknown;
  search(query: string, options?: { limit?: number }): unknown;
  export(handler: (key: string, data: string) => void): unknown;
  import(key: string, data: unknown): unknown;
}
export type FlexIndexClass = new (options: typeof INDEX_OPTIONS & { encoder: unknown }) => FlexIndex;

/** How the engine reads the search files. */
export interface SearchFiles {
  /** A whole file's bytes. */
  file(name: string): Promise<Uint8Array>;
  /** Bytes `start` up to `end` of a file: an HTTP Range request in the browser. */
  range(name: string, start: number, end: number): Promise<Uint8Array>;
  /** Inflates compressed bytes (DecompressionStream in the browser, zlib in Node). */
  inflate(bytes: Uint8Array, format: 'gzip' | 'deflate-raw'): Promise<Uint8Array>;
}

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
/** gzip's first two bytes: a pack a host has already decompressed on the way (Content-Encoding) lacks them. */
const isGzip = (bytes: Uint8Array) => bytes[0] === 0x1f && bytes[1] === 0x8b;

export interface SearchHit {
  /** Paper number (position in the digest's order). */
  n: number;
  score: number;
  /** How many of the query's words it matched. */
  matched: number;
  /** Its text must be read to know whether it matches: a "phrase" the query asks for, or one it leaves out. */
  unsure?: true;
}

export interface SearchResult {
  /** The query's words as searched (after folding), for highlighting. */
  words: string[];
  /** All matching papers, best first; those marked `unsure` are settled by `verify`. */
  hits: SearchHit[];
  phrases: Phrase[];
  excludedPhrases: Phrase[];
}

/** What `verify` settles: the hits whose text was read and kept, and whether every unsure hit was read. */
export interface VerifiedResult {
  hits: SearchHit[];
  complete: boolean;
}

/** At most this many unsure hits are read for a phrase (their records fetched): "at least N" beyond. */
export const VERIFY_LIMIT = 200;

/** Answers the engine remembers, the oldest forgotten first. */
const ANSWERS_KEPT = 100;
const TITLE_WEIGHT = 4;
const BODY_WEIGHT = 1;
const FUZZY_FACTOR = 0.5;

/** A pack's two fields as flexsearch indexes. */
interface PackIndexes {
  title: FlexIndex;
  body: FlexIndex;
}

/**
 * Answers queries from the static files; every file is loaded at most once, and a load that failed is forgotten, so
 * the next search asks again.
 */
export class SearchEngine {
  readonly #files: SearchFiles;
  readonly #Index: FlexIndexClass;
  readonly #encoder: unknown;
  readonly #metaFile = new Map<0, Promise<{ meta: SearchMeta; places: RecordPlace[] }>>();
  readonly #packs = new Map<number, Promise<PackIndexes>>();
  readonly #records = new Map<number, Promise<SearchDoc>>();
  readonly #maskFile = new Map<0, Promise<SearchMasks>>();
  readonly #answers = new Map<string, Promise<SearchResult>>();

  constructor(files: SearchFiles, Index: FlexIndexClass, encoder: unknown) {
    this.#files = files;
    this.#Index = Index;
    this.#encoder = encoder;
  }

  /** Remembers a load; forgets it if it fails. */
  static #kept<K, V>(cache: Map<K, Promise<V>>, key: K, load: () => Promise<V>): Promise<V> {
    let value = cache.get(key);
    if (!value) {
      cache.set(key, (value = load()));
      value.catch(() => cache.delete(key));
    }
    return value;
  }

  #loadMeta(): Promise<{ meta: SearchMeta; places: RecordPlace[] }> {
    return SearchEngine.#kept(this.#metaFile, 0, async () => {
      const meta = JSON.parse(text(await this.#files.file('meta.json'))) as SearchMeta;
      return { meta, places: recordPlaces(meta.recordSizes) };
    });
  }

  async meta(): Promise<SearchMeta> {
    return (await this.#loadMeta()).meta;
  }

  #masks(): Promise<SearchMasks> {
    return SearchEngine.#kept(this.#maskFile, 0, async () => JSON.parse(text(await this.#files.file(MASKS_FILE))) as SearchMasks);
  }

  #pack(i: number): Promise<PackIndexes> {
    return SearchEngine.#kept(this.#packs, i, async () => {
      const bytes = await this.#files.file(packName(i));
      const pack = JSON.parse(text(isGzip(bytes) ? await this.#files.inflate(bytes, 'gzip') : bytes)) as Pack;
      const index = (entries: [string, string][]) => {
        const created = new this.#Index({ ...INDEX_OPTIONS, encoder: this.#encoder });
        created.import(
          'map',
          entries.map(([term, postings]) => [term, decodePostings(postings)]),
        );
        return created;
      };
      return { title: index(pack.t), body: index(pack.b) };
    });
  }

  /** The papers with a term, in the title and in the body (those that use it most first). */
  async #term(term: string): Promise<{ title: number[]; body: number[] }> {
    const meta = await this.meta();
    const { title, body } = await this.#pack(packFor(term, meta.packs));
    const limit = 100_000;
    return { title: title.search(term, { limit }) as number[], body: body.search(term, { limit }) as number[] };
  }

  /**
   * The papers with the word itself, then those with only longer words that start with it (for a word of 4 to 8
   * letters, the prefixes indexed): “code” finds code, then codec. Words are searched so, as a word is typed.
   */
  async #lookup(word: string): Promise<{ title: number[]; body: number[] }> {
    const [whole, longer] = await Promise.all([this.#term(word), this.#term(prefixToken(word))]);
    const merge = (a: number[], b: number[]) => {
      const seen = new Set(a);
      return [...a, ...b.filter((n) => !seen.has(n))];
    };
    return { title: merge(whole.title, longer.title), body: merge(whole.body, longer.body) };
  }

  /**
   * Looks a word up; with no match, tries it with up to two last letters dropped, then with two neighbouring letters
   * swapped or one letter left out among its first six, then shorter prefixes down to four letters: a one-letter
   * typo anywhere in a longer word.
   */
  async #forgiving(word: string): Promise<{ probe: string; found: { title: number[]; body: number[] }; fuzzy: boolean }> {
    const empty = (f: { title: number[]; body: number[] }) => f.title.length + f.body.length === 0;
    let probe = word;
    let found = await this.#lookup(probe);
    if (!empty(found) || word.length <= MIN_PREFIX) return { probe, found, fuzzy: false };
    // Dropping letters goes two deep before swaps are tried: further down, short prefixes match other words.
    const shortest = Math.max(MIN_PREFIX, Math.min(word.length, MAX_PREFIX) - 2);
    const trim = async (floor: number) => {
      while (empty(found) && probe.length > floor) {
        probe = probe.length > MAX_PREFIX ? probe.slice(0, MAX_PREFIX) : probe.slice(0, -1);
        found = await this.#lookup(probe);
      }
    };
    await trim(shortest);
    if (!empty(found)) return { probe, found, fuzzy: true };
    for (const variant of typoVariants(word)) {
      const candidate = variant.slice(0, MAX_PREFIX);
      const result = await this.#lookup(candidate);
      if (!empty(result)) return { probe: candidate, found: result, fuzzy: true };
    }
    await trim(MIN_PREFIX);
    return { probe: empty(found) ? word : probe, found, fuzzy: true };
  }

  /**
   * All papers matching the query, best first: papers with more of the words first, then by score (title above
   * abstract, rare words above common ones), then newest first. A word with no match at all is looked up forgivingly
   * (see #forgiving) and counts for less.
   */
  search(query: string, topicFilter: readonly string[] = []): Promise<SearchResult> {
    // A query asked again (typing back to it, Back, a repeated search) is answered from memory; a failed answer is
    // forgotten, so the next try asks again.
    const key = `${query}\u0000${topicFilter.join(',')}`;
    let answer = this.#answers.get(key);
    if (!answer) {
      answer = this.#search(query, topicFilter);
      answer.catch(() => this.#answers.delete(key));
      if (this.#answers.size >= ANSWERS_KEPT) this.#answers.delete(this.#answers.keys().next().value!);
      this.#answers.set(key, answer);
    }
    return answer;
  }

  async #search(query: string, topicFilter: readonly string[]): Promise<SearchResult> {
    const meta = await this.meta();
    const parsed = parseQuery(query);
    const words = parsed.words;
    // The last word of a query still being typed (no space after it) is a prefix: "acces" is access, not the plural
    // of "acce". Looked up as typed first; where nothing starts so, as the folded word ("codecs" → codec).
    const typing = /[\p{L}\p{N}]$/u.test(query) ? (query.match(/[\p{L}\p{N}]+$/u)?.[0] ?? '') : '';
    const asTyped = typing ? foldWordAsTyped(typing) : '';
    // Every word's lookup starts at once: the packs they need load in parallel.
    const lookups = await Promise.all(
      words.map(async (word) => {
        const typed = word === foldWord(typing) && asTyped !== word ? await this.#lookup(asTyped) : undefined;
        return typed && typed.title.length + typed.body.length > 0 ? { probe: asTyped, found: typed, fuzzy: false } : this.#forgiving(word);
      }),
    );
    const scores = new Map<number, { score: number; matched: number }>();
    const papersWith = new Map<string, Set<number>>();
    lookups.forEach(({ found, fuzzy }, i) => {
      const matching = new Set([...found.title, ...found.body]);
      papersWith.set(words[i]!, matching);
      if (matching.size === 0) return;
      const df = matching.size;
      const idf = Math.log(1 + meta.count / df) * (fuzzy ? FUZZY_FACTOR : 1);
      const title = new Set(found.title);
      // The body field lists papers that use the word most first; earlier places earn up to one more point.
      const bodyPlace = new Map(found.body.map((n, place) => [n, 1 - place / found.body.length]));
      for (const n of matching) {
        const entry = scores.get(n) ?? { score: 0, matched: 0 };
        const inBody = bodyPlace.get(n);
        entry.score += idf * ((title.has(n) ? TITLE_WEIGHT : 0) + (inBody === undefined ? 0 : BODY_WEIGHT * (1 + inBody)));
        entry.matched += 1;
        scores.set(n, entry);
      }
    });
    // -word leaves out every paper with the word (as written, not forgiven) in its title, abstract or topic names.
    const left = new Set<number>();
    // The word itself: -code keeps the codec papers.
    for (const found of await Promise.all(parsed.excluded.map((w) => this.#term(w)))) for (const n of [...found.title, ...found.body]) left.add(n);
    // A paper holding all the words of a -"phrase" may hold the phrase: its text is read before it is shown.
    const excludedWords = await Promise.all(
      parsed.excludedPhrases.map(async (p) => (await Promise.all(p.words.map((w) => this.#lookup(w)))).map((f) => new Set([...f.title, ...f.body]))),
    );
    const maybeExcluded = (n: number) => excludedWords.some((sets) => sets.every((set) => set.has(n)));
    const phraseWords = [...new Set(parsed.phrases.flatMap((p) => p.words))];
    const wanted = topicFilter.map((slug) => meta.topics.findIndex((t) => t.slug === slug)).filter((i) => i >= 0);
    const masks = wanted.length > 0 ? await this.#masks() : [];
    const hasWanted = (n: number) => wanted.some((i) => ((masks[n * meta.maskWords + Math.floor(i / MASK_BITS)] ?? 0) & (1 << (i % MASK_BITS))) !== 0);
    const hits = [...scores]
      .filter(([n]) => (wanted.length === 0 || hasWanted(n)) && !left.has(n) && phraseWords.every((w) => papersWith.get(w)?.has(n)))
      .map(([n, s]): SearchHit => ({
        n,
        score: s.score,
        matched: s.matched,
        ...(parsed.phrases.length > 0 || maybeExcluded(n) ? { unsure: true as const } : {}),
      }))
      .sort((a, b) => b.matched - a.matched || b.score - a.score || a.n - b.n);
    return { words: lookups.map((l) => l.probe), hits, phrases: parsed.phrases, excludedPhrases: parsed.excludedPhrases };
  }

  /**
   * Reads the text of the unsure hits (at most `limit` of them, in rank order) and keeps those that hold every
   * phrase asked for, in the title or the abstract, and none left out. Unsure hits past the limit are dropped, and
   * the result says it is incomplete ("at least N").
   */
  async verify(result: SearchResult, limit = VERIFY_LIMIT): Promise<VerifiedResult> {
    const unsure = result.hits.filter((h) => h.unsure);
    if (unsure.length === 0) return { hits: result.hits, complete: true };
    const read = unsure.slice(0, limit);
    const docs = await this.docs(read.map((h) => h.n));
    const holds = (doc: SearchDoc, phrase: Phrase) => containsPhrase(doc.title, phrase) || containsPhrase(doc.abstract, phrase);
    const kept = new Set(
      read
        .filter((h) => {
          const doc = docs.get(h.n)!;
          return result.phrases.every((p) => holds(doc, p)) && !result.excludedPhrases.some((p) => holds(doc, p));
        })
        .map((h) => h.n),
    );
    return { hits: result.hits.filter((h) => !h.unsure || kept.has(h.n)), complete: unsure.length <= limit };
  }

  /**
   * The shown data of papers by number: each record not read before is fetched, records that lie close together in
   * one file with one request.
   */
  async docs(numbers: readonly number[]): Promise<Map<number, SearchDoc>> {
    const { places } = await this.#loadMeta();
    const missing = [...new Set(numbers)].filter((n) => !this.#records.has(n) && places[n]);
    for (const run of recordRuns(missing.map((n) => places[n]!))) {
      const bytes = this.#files.range(recordFileName(run.file), run.start, run.end);
      for (const n of missing) {
        const place = places[n]!;
        if (place.file !== run.file || place.start < run.start || place.end > run.end) continue;
        // Awaited below, with every other record asked for.
        void SearchEngine.#kept(this.#records, n, async () => {
          const record = (await bytes).subarray(place.start - run.start, place.end - run.start);
          return JSON.parse(text(await this.#files.inflate(record, 'deflate-raw'))) as SearchDoc;
        });
      }
    }
    const docs = await Promise.all(numbers.map(async (n) => [n, await this.#records.get(n)!] as const));
    return new Map(docs);
  }
}

/** Spellings one typo away in the first six letters: neighbours swapped, then one letter left out, in order. */
export function typoVariants(word: string): string[] {
  const variants: string[] = [];
  const reach = Math.min(6, word.length - 1);
  for (let i = 0; i < reach; i += 1) variants.push(word.slice(0, i) + word[i + 1]! + word[i]! + word.slice(i + 2));
  for (let i = 0; i < reach; i += 1) variants.push(word.slice(0, i) + word.slice(i + 1));
  return [...new Set(variants)].filter((v) => v !== word && v.length > MIN_PREFIX);
}
