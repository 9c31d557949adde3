/**
 * Client-side search over static files, built at build time. flexsearch holds the inverted index; this module
 * decides what goes in it and how a query is answered, so the build and the browser share one definition.
 *
 * Layout (all under `search-index/`): `meta.json` (topics, each paper's topics as a bit mask, the shard lists),
 * index shards `t-<key>.json` (titles and topic names) and `b-<key>.json` (abstracts and link names) holding only
 * the words that start with `<key>` (two letters, more where a prefix is common), and data chunks `d-<n>.json` with
 * what a result shows. A query loads the meta file, one title and one body shard per word, and the data chunks of
 * the results it shows: never the whole index.
 */
import { containsPhrase, parseQuery, searchWords, type Phrase } from './query';
import { foldWord, foldWordAsTyped, tokenize } from './words';

/** Options every index shard is created with, at build time and in the browser alike. */
export const INDEX_OPTIONS = { tokenize: 'strict', resolution: 9 } as const;

/** Papers per data chunk. */
export const CHUNK_SIZE = 4;
/** Prefix tokens are indexed for lengths 4 up to this, so a word being typed finds longer words. */
const MAX_PREFIX = 8;
const MIN_PREFIX = 4;

/** The minimal flexsearch Index surface this module uses (the browser passes the compact build's class). */
export interface FlexIndex {
  add(id: number, text: string): unknown;
  search(query: string, options?: { limit?: number }): unknown;
  export(handler: (key: string, data: string) => void): unknown;
  import(key: string, data: string): unknown;
}
export type FlexIndexClass = new (options: typeof INDEX_OPTIONS & { encoder: unknown }) => FlexIndex;

/**
 * The index tokens of a text: each distinct word, most frequent first (flexsearch ranks earlier positions higher,
 * so a paper that says a word often ranks above one that says it once), plus prefixes of 4 to 8 letters.
 */
export function indexTokens(text: string): string[] {
  const counts = new Map<string, number>();
  for (const word of searchWords(text)) counts.set(word, (counts.get(word) ?? 0) + 1);
  const byFrequency = [...counts].sort((a, b) => b[1] - a[1]).map(([word]) => word);
  const tokens = new Set<string>();
  for (const word of byFrequency) {
    tokens.add(word);
    for (let n = MIN_PREFIX; n <= Math.min(MAX_PREFIX, word.length - 1); n += 1) tokens.add(word.slice(0, n));
  }
  return [...tokens];
}

/** Which shard a token lives in: its first two letters, or a code for other scripts. */
export function shardKey(token: string): string {
  const head = token.slice(0, 2);
  return /^[a-z0-9]{2}$/.test(head) ? head : `u${token.codePointAt(0)!.toString(16)}`;
}

/** The shard holding a word: the longest listed key the word starts with (shards split where they grow large). */
export function shardFor(word: string, keys: readonly string[]): string {
  const base = shardKey(word);
  if (base.startsWith('u')) return base;
  let best = base;
  for (const key of keys) if (key.length > best.length && word.startsWith(key)) best = key;
  return best;
}

/** What a result shows. */
export interface SearchDoc {
  id: string;
  title: string;
  abstract: string;
  topics: string[];
  date: string;
}

/** Topic bits per number in `SearchMeta.masks` (31, so no number is negative). */
export const MASK_BITS = 31;

/** A paper's topics (indexes into the taxonomy) as `maskWords` numbers of `MASK_BITS` bits. */
export function topicMask(indexes: readonly number[], maskWords: number): number[] {
  const words = new Array<number>(maskWords).fill(0);
  for (const i of indexes) words[Math.floor(i / MASK_BITS)]! |= 1 << (i % MASK_BITS);
  return words;
}

export interface SearchMeta {
  version: 1;
  count: number;
  chunkSize: number;
  topics: { slug: string; name: string }[];
  /**
   * Each paper's topics as a bit set in `maskWords` numbers of 31 bits (topic i is bit i % 31 of word i / 31), paper
   * n's words at n × maskWords: one number a paper up to 31 topics, and no limit on the taxonomy's size.
   */
  maskWords: number;
  masks: number[];
  titleShards: string[];
  bodyShards: string[];
}

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

/** At most this many unsure hits are read for a phrase (their data chunks fetched): "at least N" beyond. */
export const VERIFY_LIMIT = 200;

/** Answers the engine remembers, the oldest forgotten first. */
const ANSWERS_KEPT = 100;
const TITLE_WEIGHT = 4;
const BODY_WEIGHT = 1;
const FUZZY_FACTOR = 0.5;

/**
 * Answers queries from the static files. `load` fetches a file under `search-index/` and parses it (fetch in the browser,
 * the file system in tests); every file is loaded at most once.
 */
export class SearchEngine {
  readonly #load: (name: string) => Promise<unknown>;
  readonly #Index: FlexIndexClass;
  readonly #encoder: unknown;
  readonly #files = new Map<string, Promise<unknown>>();
  readonly #indexes = new Map<string, Promise<FlexIndex | undefined>>();
  readonly #answers = new Map<string, Promise<SearchResult>>();

  constructor(load: (name: string) => Promise<unknown>, Index: FlexIndexClass, encoder: unknown) {
    this.#load = load;
    this.#Index = Index;
    this.#encoder = encoder;
  }

  /** A file, loaded once; one that failed to load is forgotten, so the next search asks for it again. */
  #file(name: string): Promise<unknown> {
    let file = this.#files.get(name);
    if (!file) {
      this.#files.set(name, (file = this.#load(name)));
      file.catch(() => this.#files.delete(name));
    }
    return file;
  }

  meta(): Promise<SearchMeta> {
    return this.#file('meta.json') as Promise<SearchMeta>;
  }

  async #shard(field: 't' | 'b', key: string): Promise<FlexIndex | undefined> {
    const name = `${field}-${key}.json`;
    let index = this.#indexes.get(name);
    if (!index) {
      index = (async () => {
        const meta = await this.meta();
        if (!(field === 't' ? meta.titleShards : meta.bodyShards).includes(key)) return undefined;
        const parts = (await this.#file(name)) as Record<string, string>;
        const created = new this.#Index({ ...INDEX_OPTIONS, encoder: this.#encoder });
        for (const [k, data] of Object.entries(parts)) created.import(k, data);
        return created;
      })();
      this.#indexes.set(name, index);
      index.catch(() => this.#indexes.delete(name));
    }
    return index;
  }

  async #lookup(word: string): Promise<{ title: number[]; body: number[] }> {
    const meta = await this.meta();
    const [title, body] = await Promise.all([this.#shard('t', shardFor(word, meta.titleShards)), this.#shard('b', shardFor(word, meta.bodyShards))]);
    const limit = 100_000;
    return { title: (title?.search(word, { limit }) as number[] | undefined) ?? [], body: (body?.search(word, { limit }) as number[] | undefined) ?? [] };
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
    // Every word's lookup starts at once: the shards they need load in parallel.
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
      // The body shard lists papers that use the word most first; earlier places earn up to one more point.
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
    for (const found of await Promise.all(parsed.excluded.map((w) => this.#lookup(w)))) for (const n of [...found.title, ...found.body]) left.add(n);
    // A paper holding all the words of a -"phrase" may hold the phrase: its text is read before it is shown.
    const excludedWords = await Promise.all(
      parsed.excludedPhrases.map(async (p) => (await Promise.all(p.words.map((w) => this.#lookup(w)))).map((f) => new Set([...f.title, ...f.body]))),
    );
    const maybeExcluded = (n: number) => excludedWords.some((sets) => sets.every((set) => set.has(n)));
    const phraseWords = [...new Set(parsed.phrases.flatMap((p) => p.words))];
    const wanted = topicFilter.map((slug) => meta.topics.findIndex((t) => t.slug === slug)).filter((i) => i >= 0);
    const hasWanted = (n: number) => wanted.some((i) => ((meta.masks[n * meta.maskWords + Math.floor(i / MASK_BITS)] ?? 0) & (1 << (i % MASK_BITS))) !== 0);
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

  /** The shown data of papers by number, loading only the chunks they are in. */
  async docs(numbers: readonly number[]): Promise<Map<number, SearchDoc>> {
    const meta = await this.meta();
    const chunks = [...new Set(numbers.map((n) => Math.floor(n / meta.chunkSize)))];
    const loaded = await Promise.all(chunks.map(async (c) => [c, (await this.#file(`d-${c}.json`)) as SearchDoc[]] as const));
    const byChunk = new Map(loaded);
    return new Map(numbers.map((n) => [n, byChunk.get(Math.floor(n / meta.chunkSize))![n % meta.chunkSize]!]));
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

/** Moves papers whose title (then abstract) holds the query's words as a phrase to the top of a ranked window. */
export function boostPhrases(hits: readonly SearchHit[], docs: ReadonlyMap<number, SearchDoc>, query: string): SearchHit[] {
  const words = parseQuery(query).words;
  if (words.length < 2) return [...hits];
  const phrase = ` ${words.join(' ')} `;
  const has = (text: string) => ` ${searchWords(text).join(' ')} `.includes(phrase);
  return hits
    .map((hit) => {
      const doc = docs.get(hit.n);
      const bonus = doc ? (has(doc.title) ? 2 : has(doc.abstract) ? 1 : 0) : 0;
      return { hit, bonus };
    })
    .sort((a, b) => b.bonus - a.bonus || b.hit.matched - a.hit.matched || b.hit.score - a.hit.score || a.hit.n - b.hit.n)
    .map((x) => x.hit);
}

export interface Highlighted {
  text: string;
  mark: boolean;
}

/** Splits text into runs, marking words that start with a searched word. Text stays text: the caller makes text nodes. */
export function highlight(text: string, words: readonly string[]): Highlighted[] {
  const runs: Highlighted[] = [];
  let at = 0;
  for (const token of tokenize(text)) {
    if (!words.some((w) => token.form.startsWith(w))) continue;
    if (token.start > at) runs.push({ text: text.slice(at, token.start), mark: false });
    runs.push({ text: text.slice(token.start, token.end), mark: true });
    at = token.end;
  }
  if (at < text.length) runs.push({ text: text.slice(at), mark: false });
  return runs;
}

/** About `length` characters of the abstract around its first highlighted word. */
export function snippet(text: string, words: readonly string[], length = 220): string {
  const first = tokenize(text).find((t) => words.some((w) => t.form.startsWith(w)));
  if (!first || first.start < length / 2) return text.length > length ? `${text.slice(0, length).replace(/\s+\S*$/, '')}…` : text;
  const start = text.lastIndexOf(' ', first.start - length / 3) + 1;
  const body = text.slice(start, start + length).replace(/\s+\S*$/, '');
  return `…${body}${start + length < text.length ? '…' : ''}`;
}
