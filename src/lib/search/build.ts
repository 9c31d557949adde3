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
  indexTokens,
  RECORDS_PER_FILE,
  encodePostings,
  packName,
  recordFileName,
  topicMask,
  type Buckets,
  type Pack,
  type SearchDoc,
  type SearchMasks,
  type SearchMeta,
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

/**
 * One field's postings, each term's encoded as flexsearch's index holds them (see format.ts), from the papers' tokens.
 * The terms are flexsearch's own (its encoder splits the tokens); the buckets are filled here rather than by adding
 * the papers to a flexsearch index and exporting it, which at 100,000 papers took minutes and gigabytes (its map of
 * nine arrays per term, then the export's JSON). tests/search-build.test.ts checks the two agree. Each paper's tokens
 * are made as it is added, so no list of every paper's tokens is ever held.
 */
export function fieldPostings(count: number, tokensOf: (doc: number) => string[], Index: FlexIndexClass, encoder: unknown): Map<string, string> {
  const flexEncoder = (new Index({ ...INDEX_OPTIONS, encoder }) as unknown as { encoder: { encode(text: string, dedupe: boolean): string[] } }).encoder;
  // Per term, its papers in order, each as paper × BUCKETS + bucket.
  const entries = new Map<string, number[]>();
  for (let doc = 0; doc < count; doc += 1) {
    const words = flexEncoder.encode(tokensOf(doc).join(' '), true);
    words.forEach((term, position) => {
      const entry = doc * BUCKETS + bucketOf(position, words.length);
      const list = entries.get(term);
      if (list) list.push(entry);
      else entries.set(term, [entry]);
    });
  }
  const postings = new Map<string, string>();
  for (const [term, list] of entries) {
    const buckets: Buckets = [];
    for (const entry of list) (buckets[entry % BUCKETS] ??= []).push(Math.floor(entry / BUCKETS));
    postings.set(term, encodePostings(buckets));
    entries.delete(term);
  }
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

/** Changes whenever the search files' format does, so a new format never meets files cached under an old name. */
const SEARCH_FORMAT = 5;

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
  const title = fieldPostings(papers.length, (n) => indexTokens(papers[n]!.title), Index, encoder);
  const body = fieldPostings(
    papers.length,
    (n) => {
      const p = papers[n]!;
      const words = indexTokens([p.abstract, ...p.links.map((l) => l.label), ...(p.authors ?? []), p.arxivId ?? ''].join(' '));
      const seen = new Set(words);
      const topicWords = indexTokens(p.topics.map((t) => topicName.get(t.slug) ?? t.slug).join(' ')).filter((w) => !seen.has(w));
      return [...words, ...topicWords];
    },
    Index,
    encoder,
  );
  const files = new Map<string, Uint8Array>();
  let total = 0;
  for (const field of [title, body]) for (const [term, postings] of field) total += term.length + postings.length;
  const packs = packTerms(title, body, packBytes ?? packBytesFor(total, papers.length));
  title.clear();
  body.clear();
  packs.forEach(({ pack }, i) => files.set(packName(i), gzipSync(JSON.stringify(pack), { level: 9 })));

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
      const record = deflateRawSync(JSON.stringify(doc), { level: 9 });
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
    version: 2,
    count: papers.length,
    topics: topics.map((t) => ({ slug: t.slug, name: t.name })),
    maskWords,
    packs: packs.map((p) => p.first),
    recordSizes: sizes.join(','),
  };
  files.set('meta.json', Buffer.from(JSON.stringify(meta)));
  return { files, meta };
}
