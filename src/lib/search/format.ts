/**
 * The search files' format, shared by the build (build.ts) and the browser (engine.ts). Under `search-index/<version>/`:
 *
 * - `meta.json`: the paper count, the topics, the first term of every pack, and the size of every paper's record;
 * - `masks.json`: each paper's topics, loaded only when the reader filters by topic;
 * - packs `p-<n>.bin`: gzip-compressed JSON holding, for a run of terms in sorted order, each term's postings in the
 *   title field and in the body field. A query word loads the one pack its term sorts into. Postings are flexsearch's
 *   own (a word's papers in up to 9 buckets by how prominent the word is in each), written as base-36 gaps;
 * - records `r-<k>.bin`: what a result shows (title, plain abstract, topics, date), one raw-DEFLATE record per paper,
 *   `RECORDS_PER_FILE` papers to a file, read with an HTTP Range request per run of results.
 *
 * So the index is a few hundred files at 20,000 papers, not thousands, and a host stores it compressed (as Pagefind's
 * is), while a result costs its own record, not a chunk of its neighbours'.
 */

import { searchWords } from './query';

/** Options every flexsearch index is created with, at build time and in the browser alike. */
export const INDEX_OPTIONS = { tokenize: 'strict', resolution: 9 } as const;

/** Papers per record file. Records are fetched one range at a time, so this only bounds the file count. */
export const RECORDS_PER_FILE = 1000;

/** Prefix tokens are indexed for lengths 4 up to this, so a word being typed finds longer words. */
export const MAX_PREFIX = 8;
export const MIN_PREFIX = 4;

/** A text's distinct search words, most frequent first (words used as often in the order of their first use). */
export function wordsByFrequency(text: string): string[] {
  const counts = new Map<string, number>();
  for (const word of searchWords(text)) counts.set(word, (counts.get(word) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).map(([word]) => word);
}

/**
 * Marks a prefix token (`codeP`: a word that starts “code” and goes on), so the whole word “code” and the start of
 * “codec” are different terms: a word being typed looks up both, `-code` only the whole word. Search words are folded
 * to lower case, so no word's own token ends in this capital; at the end, the prefix sorts beside its word.
 */
export const PREFIX_MARK = 'P';

/** The token under which a word starting with `prefix` (and longer) is indexed. */
export const prefixToken = (prefix: string): string => prefix + PREFIX_MARK;

/**
 * A word's index tokens: the word, then its prefixes of 4 to 8 letters (`prefixToken`), so a word being typed finds
 * longer words.
 */
export function wordTokens(word: string): string[] {
  const tokens = [word];
  for (let n = MIN_PREFIX; n <= Math.min(MAX_PREFIX, word.length - 1); n += 1) tokens.push(prefixToken(word.slice(0, n)));
  return tokens;
}

/**
 * The index tokens of a text: each distinct word, most frequent first (flexsearch ranks earlier positions higher,
 * so a paper that says a word often ranks above one that says it once), each followed by its prefixes, each token
 * once.
 */
export function indexTokens(text: string): string[] {
  return [...new Set(wordsByFrequency(text).flatMap(wordTokens))];
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
  /** 3 since prefix tokens are marked (`prefixToken`). */
  version: 3;
  count: number;
  topics: { slug: string; name: string }[];
  /** Numbers per paper in `masks.json`: one per 31 topics. */
  maskWords: number;
  /** The first term of each pack, in sorted order: pack i holds the terms from `packs[i]` up to `packs[i + 1]`. */
  packs: string[];
  /** Each paper's record size in bytes, base 36, comma-separated, in paper order. */
  recordSizes: string;
}

/** One field's postings of a term, as flexsearch holds them: up to 9 buckets of ascending paper numbers. */
export type Buckets = (number[] | null | undefined)[];

/** What a pack file holds: [term, encoded postings] pairs for the title field and the body field. */
export interface Pack {
  t: [string, string][];
  b: [string, string][];
}

/**
 * `masks.json`, loaded only for a topic filter: each paper's topics as a bit set in `maskWords` numbers of 31 bits
 * (topic i is bit i % 31 of word i / 31), paper n's words at n × maskWords: one number a paper up to 31 topics, and
 * no limit on the taxonomy's size.
 */
export type SearchMasks = number[];
export const MASKS_FILE = 'masks.json';

export const packName = (i: number) => `p-${i}.bin`;
export const recordFileName = (k: number) => `r-${k}.bin`;

/**
 * Postings as text: each bucket's numbers as base-36 gaps joined by `,`, buckets by `|`, empty ones left empty, none
 * after the last. Read from `entries[start]` up to `entries[end]`, each a paper number × `resolution` + its bucket, a
 * bucket's papers in ascending order.
 */
export function encodeEntries(entries: ArrayLike<number>, start = 0, end = entries.length, resolution: number = INDEX_OPTIONS.resolution): string {
  const buckets: string[] = [];
  const previous = new Array<number>(resolution).fill(0);
  for (let i = start; i < end; i += 1) {
    const bucket = entries[i]! % resolution;
    const paper = (entries[i]! - bucket) / resolution;
    const gap = (paper - previous[bucket]!).toString(36);
    previous[bucket] = paper;
    buckets[bucket] = buckets[bucket] === undefined ? gap : `${buckets[bucket]},${gap}`;
  }
  return Array.from(buckets, (b) => b ?? '').join('|');
}

/** Buckets (flexsearch's arrays of ascending paper numbers) as text: see `encodeEntries`. */
export function encodePostings(buckets: Buckets): string {
  return encodeEntries(buckets.flatMap((bucket, b) => (bucket ?? []).map((paper) => paper * INDEX_OPTIONS.resolution + b)));
}

export function decodePostings(text: string): Buckets {
  return text.split('|').map((bucket) => {
    if (bucket === '') return null;
    let n = 0;
    return bucket.split(',').map((gap) => (n += parseInt(gap, 36)));
  });
}

/** The pack a term sorts into: the last whose first term is not after it. */
export function packFor(term: string, packs: readonly string[]): number {
  let low = 0;
  let high = packs.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (packs[mid]! <= term) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** Where each paper's record is: its file and byte range, from the sizes in the meta file. */
export interface RecordPlace {
  file: number;
  start: number;
  end: number;
}

export function recordPlaces(recordSizes: string): RecordPlace[] {
  const places: RecordPlace[] = [];
  if (recordSizes === '') return places;
  let start = 0;
  recordSizes.split(',').forEach((size, n) => {
    if (n % RECORDS_PER_FILE === 0) start = 0;
    const end = start + parseInt(size, 36);
    places.push({ file: Math.floor(n / RECORDS_PER_FILE), start, end });
    start = end;
  });
  return places;
}

/** Ranges closer than this are fetched as one, the bytes between them read and dropped. */
const RANGE_GAP = 2048;

/** Runs of records to fetch: sorted places in the same file, merged where they lie within RANGE_GAP bytes. */
export function recordRuns(places: readonly RecordPlace[]): RecordPlace[] {
  const sorted = [...places].sort((a, b) => a.file - b.file || a.start - b.start);
  const runs: RecordPlace[] = [];
  for (const place of sorted) {
    const last = runs.at(-1);
    if (last && last.file === place.file && place.start - last.end <= RANGE_GAP) last.end = Math.max(last.end, place.end);
    else runs.push({ ...place });
  }
  return runs;
}
