/** Builds the static search files (see search.ts for their layout and how queries use them). Build time only. */
import { createHash } from 'node:crypto';
import type { Paper } from './schema';
import { plainAbstract } from './text';
import {
  CHUNK_SIZE,
  INDEX_OPTIONS,
  MASK_BITS,
  indexTokens,
  shardKey,
  topicMask,
  type FlexIndex,
  type FlexIndexClass,
  type SearchDoc,
  type SearchMeta,
} from './search';

export interface SearchBuild {
  /** File name (under `search-index/`) → contents. */
  files: Map<string, string>;
  meta: SearchMeta;
}

function exportIndex(index: FlexIndex): string {
  const parts: Record<string, string> = {};
  index.export((key, data) => {
    parts[key] = data;
  });
  return JSON.stringify(parts);
}

/** Postings per shard before a shard is split by one more letter (about 10 KB gzipped). */
const MAX_POSTINGS = 6000;
const MAX_KEY = 6;

/**
 * Assigns every token a shard key: its first two letters, or more where a two-letter shard would be large, so one
 * word's lookup loads one small file at any corpus size. A token as short as its key stays in that key's shard.
 */
export function assignShards(postings: ReadonlyMap<string, number>, maxPostings = MAX_POSTINGS): Map<string, string> {
  const assignment = new Map<string, string>();
  const place = (key: string, tokens: string[]) => {
    const total = tokens.reduce((sum, t) => sum + postings.get(t)!, 0);
    if (total <= maxPostings || key.length >= MAX_KEY || key.startsWith('u')) {
      for (const t of tokens) assignment.set(t, key);
      return;
    }
    const groups = new Map<string, string[]>();
    for (const t of tokens) {
      if (t.length <= key.length) assignment.set(t, key);
      else {
        const sub = t.slice(0, key.length + 1);
        const group = groups.get(sub);
        if (group) group.push(t);
        else groups.set(sub, [t]);
      }
    }
    for (const [sub, group] of groups) place(/^[a-z0-9]+$/.test(sub) ? sub : key, group);
  };
  const top = new Map<string, string[]>();
  for (const token of postings.keys()) {
    const key = shardKey(token);
    const group = top.get(key);
    if (group) group.push(token);
    else top.set(key, [token]);
  }
  for (const [key, tokens] of top) place(key, tokens);
  return assignment;
}

/**
 * One field's shards: each shard's flexsearch index, holding each paper's tokens of that shard in the paper's
 * order. Papers are added to the shard indexes as they are read, with no intermediate copy of every token.
 */
function buildField(docTokens: readonly string[][], Index: FlexIndexClass, encoder: unknown): Map<string, string> {
  const postings = new Map<string, number>();
  for (const tokens of docTokens) for (const t of tokens) postings.set(t, (postings.get(t) ?? 0) + 1);
  const shardOf = assignShards(postings);
  postings.clear();
  const indexes = new Map<string, FlexIndex>();
  docTokens.forEach((tokens, doc) => {
    const byShard = new Map<string, string[]>();
    for (const t of tokens) {
      const key = shardOf.get(t)!;
      const list = byShard.get(key);
      if (list) list.push(t);
      else byShard.set(key, [t]);
    }
    for (const [key, list] of byShard) {
      let index = indexes.get(key);
      if (!index) indexes.set(key, (index = new Index({ ...INDEX_OPTIONS, encoder })));
      index.add(doc, list.join(' '));
    }
  });
  const files = new Map<string, string>();
  for (const key of [...indexes.keys()].sort()) {
    files.set(key, exportIndex(indexes.get(key)!));
    indexes.delete(key);
  }
  return files;
}

/** Changes whenever the search files' format does, so a new format never meets files cached under an old name. */
const SEARCH_FORMAT = 4;

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
): SearchBuild {
  const topicIndex = new Map(topics.map((t, i) => [t.slug, i]));
  const topicName = new Map(topics.map((t) => [t.slug, t.name]));
  // One field at a time, so only one field's tokens and indexes are in memory at once. The title field holds the
  // title alone: a paper's topic names are not its title, so they go last in the body field, where they count least
  // (a paper in "Quantization" that never says the word is found, below those that do).
  const titleShards = buildField(
    papers.map((p) => indexTokens(p.title)),
    Index,
    encoder,
  );
  const bodyShards = buildField(
    papers.map((p) => {
      const body = indexTokens([p.abstract, ...p.links.map((l) => l.label), ...(p.authors ?? []), p.arxivId ?? ''].join(' '));
      const seen = new Set(body);
      const topicWords = indexTokens(p.topics.map((t) => topicName.get(t.slug) ?? t.slug).join(' ')).filter((w) => !seen.has(w));
      return [...body, ...topicWords];
    }),
    Index,
    encoder,
  );
  const files = new Map<string, string>();
  for (const [key, data] of titleShards) files.set(`t-${key}.json`, data);
  for (const [key, data] of bodyShards) files.set(`b-${key}.json`, data);
  const docs: SearchDoc[] = papers.map((paper) => ({
    id: paper.id,
    title: paper.title,
    abstract: plainAbstract(paper.abstract),
    topics: paper.topics.map((t) => t.slug),
    date: paper.firstSeen,
  }));
  for (let c = 0; c * CHUNK_SIZE < docs.length; c += 1) {
    files.set(`d-${c}.json`, JSON.stringify(docs.slice(c * CHUNK_SIZE, (c + 1) * CHUNK_SIZE)));
  }
  const maskWords = Math.max(1, Math.ceil(topics.length / MASK_BITS));
  const meta: SearchMeta = {
    version: 1,
    count: papers.length,
    chunkSize: CHUNK_SIZE,
    topics: topics.map((t) => ({ slug: t.slug, name: t.name })),
    maskWords,
    masks: papers.flatMap((p) =>
      topicMask(
        p.topics.map((t) => topicIndex.get(t.slug)).filter((i) => i !== undefined),
        maskWords,
      ),
    ),
    titleShards: [...titleShards.keys()],
    bodyShards: [...bodyShards.keys()],
  };
  files.set('meta.json', JSON.stringify(meta));
  return { files, meta };
}
