/** Builds the static search files (see format.ts for their layout, engine.ts for how queries use them). Build time only. */
import { createHash } from 'node:crypto';
import { deflateRawSync, gzipSync } from 'node:zlib';
import type { Paper } from '../schema';
import { plainAbstract } from '../text/text';
import type { FlexIndexClass } from './engine';
import {
  INDEX_OPTIONS,
  MASKS_FILE,
  MASK_BITS,
  RECORDS_PER_FILE,
  encodeEntries,
  packName,
  recordFileName,
  topicMask,
  type Pack,
  type SearchDoc,
  type SearchMasks,
  type SearchMeta,
  wordTokens,
  wordsByFrequency,
} from './format';

export interface SearchBuild {
  /** File name (under `search-index/<version>/`) → contents. */
  files: Map<string, Uint8Array>;
  meta: SearchMeta;
}

/**
 * Encoded postings per pack before the next term starts a new pack: small packs (a query word costs a few KB), up to
 * 100 of them; past that, packs grow so that there are no more than 3 for every 100 papers, and the index adds few
 * files to a host's count.
 */
const MIN_PACK_BYTES = 8 * 1024;
const PACKS_PER_PAPER = 0.03;
const FEW_PACKS = 100;
export function packBytesFor(totalBytes: number, papers: number): number {
  return Math.max(MIN_PACK_BYTES, Math.ceil(totalBytes / Math.max(FEW_PACKS, papers * PACKS_PER_PAPER)));
}

/**
 * flexsearch's bucket for the term at `position` of `count` (its `get_score` in `src/index/add.js`, for a whole term
 * in a "strict" index): the first term takes bucket 0, and the rest spread over the resolution's buckets.
 */
export function bucketOf(position: number, count: number, resolution: number = INDEX_OPTIONS.resolution): number {
  if (position === 0 || resolution <= 1) return 0;
  return count <= resolution ? position : Math.floor(((resolution - 1) / count) * position + 1);
}

/** Buckets per term: flexsearch's resolution. */
const BUCKETS = INDEX_OPTIONS.resolution;

/** Pairs of numbers appended in fixed chunks, so that tens of millions of them are never copied to grow. */
export class PairLog {
  readonly #chunk: number;
  readonly #chunks: Int32Array[] = [];
  length = 0;

  /** `chunk`: pairs per chunk (a million: 8 MB). */
  constructor(chunk = 1 << 20) {
    this.#chunk = chunk;
  }

  push(a: number, b: number): void {
    const at = this.length % this.#chunk;
    if (at === 0) this.#chunks.push(new Int32Array(this.#chunk * 2));
    const chunk = this.#chunks.at(-1)!;
    chunk[at * 2] = a;
    chunk[at * 2 + 1] = b;
    this.length += 1;
  }

  forEach(visit: (a: number, b: number) => void): void {
    this.#chunks.forEach((chunk, c) => {
      const end = Math.min(this.#chunk, this.length - c * this.#chunk);
      for (let i = 0; i < end; i += 1) visit(chunk[i * 2]!, chunk[i * 2 + 1]!);
    });
  }
}

/**
 * One field's postings, each term's encoded as flexsearch's index holds them (see format.ts), from the papers' tokens.
 * The terms are flexsearch's own: its encoder splits each distinct token once (a paper's tokens joined and encoded
 * are the same as each token encoded, in order, each term kept once). The buckets are filled here rather than by
 * adding the papers to a flexsearch index and exporting it, which at 100,000 papers took minutes and gigabytes (its
 * map of nine arrays per term, then the export's JSON); tests/search-build.test.ts checks the two agree. Each paper's
 * tokens are made as it is added, and its postings go into typed arrays (term, paper × BUCKETS + bucket), sorted by
 * term at the end: tens of millions of them at 100,000 papers, which as a list per term kept the collector busy.
 *
 * `tokensOf` gives a paper's words; `expand` a word's tokens (`wordTokens`: the word and its prefixes), worked out
 * once per distinct word. A paper's tokens are its words' expanded in order, each once, as `indexTokens` makes them.
 */
export function fieldPostings(
  count: number,
  tokensOf: (doc: number) => string[],
  Index: FlexIndexClass,
  encoder: unknown,
  expand: (word: string) => string[] = (word) => [word],
): Map<string, string> {
  const flexEncoder = (new Index({ ...INDEX_OPTIONS, encoder }) as unknown as { encoder: { encode(text: string, dedupe: boolean): string[] } }).encoder;
  const terms: string[] = [];
  const termIds = new Map<string, number>();
  const idOf = (term: string) => {
    let id = termIds.get(term);
    if (id === undefined) termIds.set(term, (id = terms.push(term) - 1));
    return id;
  };
  // Each distinct word's terms (those of its tokens, in order): one term id, or a list of them.
  const tokenTerms = new Map<string, number | number[]>();
  // The last paper each term was found in, so that a paper counts a term once (at its first place).
  let lastDoc = new Int32Array(16).fill(-1);
  const docTerms: number[] = [];
  const keep = (id: number, doc: number) => {
    if (id >= lastDoc.length) {
      const grown = new Int32Array(Math.max(lastDoc.length * 2, id + 1)).fill(-1);
      grown.set(lastDoc);
      lastDoc = grown;
    }
    if (lastDoc[id] === doc) return;
    lastDoc[id] = doc;
    docTerms.push(id);
  };
  const log = new PairLog();
  for (let doc = 0; doc < count; doc += 1) {
    docTerms.length = 0;
    for (const token of tokensOf(doc)) {
      let ids = tokenTerms.get(token);
      if (ids === undefined) {
        const encoded = expand(token).flatMap((t) => flexEncoder.encode(t, true));
        ids = encoded.length === 1 ? idOf(encoded[0]!) : encoded.map(idOf);
        tokenTerms.set(token, ids);
      }
      if (typeof ids === 'number') keep(ids, doc);
      else for (const id of ids) keep(id, doc);
    }
    docTerms.forEach((id, position) => log.push(id, doc * BUCKETS + bucketOf(position, docTerms.length)));
  }
  tokenTerms.clear();
  termIds.clear();
  // Sorted by term, each term's entries in paper order (a counting sort keeps the order it finds).
  const starts = new Int32Array(terms.length + 1);
  log.forEach((id) => (starts[id + 1]! += 1));
  for (let t = 0; t < terms.length; t += 1) starts[t + 1]! += starts[t]!;
  const next = starts.slice(0, terms.length);
  const entries = new Int32Array(log.length);
  log.forEach((id, entry) => (entries[next[id]!++] = entry));
  const postings = new Map<string, string>();
  terms.forEach((term, t) => postings.set(term, encodeEntries(entries, starts[t], starts[t + 1])));
  return postings;
}

/**
 * Groups the terms, in sorted order, into packs of about `packBytes` of postings (a term is never split), and
 * returns each pack with its first term.
 */
export function packTerms(title: ReadonlyMap<string, string>, body: ReadonlyMap<string, string>, packBytes: number): { first: string; pack: Pack }[] {
  const terms = [...new Set([...title.keys(), ...body.keys()])].sort();
  const packs: { first: string; pack: Pack }[] = [];
  let size = Infinity;
  for (const term of terms) {
    if (size >= packBytes) {
      packs.push({ first: term, pack: { t: [], b: [] } });
      size = 0;
    }
    const { pack } = packs.at(-1)!;
    const inTitle = title.get(term);
    const inBody = body.get(term);
    if (inTitle !== undefined) pack.t.push([term, inTitle]);
    if (inBody !== undefined) pack.b.push([term, inBody]);
    size += term.length * 2 + (inTitle?.length ?? 0) + (inBody?.length ?? 0);
  }
  return packs;
}

/**
 * Changes whenever the search files' format or their bytes do (6: packs and records compressed at zlib's default
 * level, not 9, records with a smaller window: the records' sizes in `meta.json` changed), so new files never meet
 * files cached under an old name.
 */
const SEARCH_FORMAT = 6;

/**
 * The folder the search files go in (`search-index/<version>/`): a hash of everything they are built from, so a
 * folder's files never change under their names and hosts may cache them for good. The search page, rendered while
 * the files are built in another process, computes the same name from the same papers.
 */
export function searchIndexVersion(papers: readonly Paper[], topics: readonly { slug: string; name: string }[]): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify([SEARCH_FORMAT, topics.map((t) => [t.slug, t.name])]));
  for (const p of papers) {
    hash.update(JSON.stringify([p.id, p.title, p.abstract, p.firstSeen, p.topics.map((t) => t.slug), p.links.map((l) => l.label), p.authors, p.arxivId]));
  }
  return hash.digest('hex').slice(0, 12);
}

/** Builds every search file for the papers (in the digest's order, newest first). */
export function buildSearchFiles(
  papers: readonly Paper[],
  topics: readonly { slug: string; name: string }[],
  Index: FlexIndexClass,
  encoder: unknown,
  { packBytes }: { packBytes?: number } = {},
): SearchBuild {
  const topicIndex = new Map(topics.map((t, i) => [t.slug, i]));
  const topicName = new Map(topics.map((t) => [t.slug, t.name]));
  // The title field holds the title alone: a paper's topic names are not its title, so they go last in the body
  // field, where they count least (a paper in "Quantization" that never says the word is found, below those that do).
  const title = fieldPostings(papers.length, (n) => wordsByFrequency(papers[n]!.title), Index, encoder, wordTokens);
  const body = fieldPostings(
    papers.length,
    (n) => {
      const p = papers[n]!;
      // The topics' words after the paper's own, those it uses already staying where they are.
      return [
        ...wordsByFrequency([p.abstract, ...p.links.map((l) => l.label), ...(p.authors ?? []), p.arxivId ?? ''].join(' ')),
        ...wordsByFrequency(p.topics.map((t) => topicName.get(t.slug) ?? t.slug).join(' ')),
      ];
    },
    Index,
    encoder,
    wordTokens,
  );
  const files = new Map<string, Uint8Array>();
  let total = 0;
  for (const field of [title, body]) for (const [term, postings] of field) total += term.length + postings.length;
  const packs = packTerms(title, body, packBytes ?? packBytesFor(total, papers.length));
  title.clear();
  body.clear();
  // At zlib's default level: level 9 took 2.4 times as long for packs 0.2% smaller (100,000 papers: 8.8 s against
  // 3.6 s, 44.5 MB against 44.6), and records of the same size.
  packs.forEach(({ pack }, i) => files.set(packName(i), gzipSync(JSON.stringify(pack))));

  const sizes: string[] = [];
  for (let k = 0; k * RECORDS_PER_FILE < papers.length; k += 1) {
    const records = papers.slice(k * RECORDS_PER_FILE, (k + 1) * RECORDS_PER_FILE).map((paper) => {
      const doc: SearchDoc = {
        id: paper.id,
        title: paper.title,
        abstract: plainAbstract(paper.abstract),
        topics: paper.topics.map((t) => t.slug),
        date: paper.firstSeen,
      };
      // Output in 2 KB chunks, not zlib's 16 KB: a buffer that size made for each of 100,000 records pressed the
      // collector into going over the whole heap 25 times (records 23 s → 6 s). An 8 KB window is more than a
      // record needs (they are under 4 KB), and its state is a quarter of the default's.
      const record = deflateRawSync(JSON.stringify(doc), { windowBits: 13, memLevel: 6, chunkSize: 2048 });
      sizes.push(record.length.toString(36));
      return record;
    });
    files.set(recordFileName(k), Buffer.concat(records));
  }

  const maskWords = Math.max(1, Math.ceil(topics.length / MASK_BITS));
  const masks: SearchMasks = papers.flatMap((p) =>
    topicMask(
      p.topics.map((t) => topicIndex.get(t.slug)).filter((i) => i !== undefined),
      maskWords,
    ),
  );
  files.set(MASKS_FILE, Buffer.from(JSON.stringify(masks)));
  const meta: SearchMeta = {
    version: 3,
    count: papers.length,
    topics: topics.map((t) => ({ slug: t.slug, name: t.name })),
    maskWords,
    packs: packs.map((p) => p.first),
    recordSizes: sizes.join(','),
  };
  files.set('meta.json', Buffer.from(JSON.stringify(meta)));
  return { files, meta };
}
