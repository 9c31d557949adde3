/** Builds the static search files (see search.ts for their layout and how queries use them). Build time only. */
import type { Paper } from './schema';
import { plainAbstract } from './text';
import { CHUNK_SIZE, INDEX_OPTIONS, indexTokens, shardKey, type FlexIndex, type FlexIndexClass, type SearchDoc, type SearchMeta } from './search';

export interface SearchBuild {
  /** File name (under `search/`) → contents. */
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

/** Builds every search file for the papers (in the digest's order, newest first). */
export function buildSearchFiles(papers: readonly Paper[], topics: readonly { slug: string; name: string }[], Index: FlexIndexClass, encoder: unknown): SearchBuild {
  const topicIndex = new Map(topics.map((t, i) => [t.slug, i]));
  const topicName = new Map(topics.map((t) => [t.slug, t.name]));
  const shards = { t: new Map<string, FlexIndex>(), b: new Map<string, FlexIndex>() };
  const add = (field: 't' | 'b', doc: number, tokens: string[]) => {
    const byShard = new Map<string, string[]>();
    for (const token of tokens) {
      const key = shardKey(token);
      byShard.set(key, [...(byShard.get(key) ?? []), token]);
    }
    for (const [key, words] of byShard) {
      let index = shards[field].get(key);
      if (!index) shards[field].set(key, (index = new Index({ ...INDEX_OPTIONS, encoder })));
      index.add(doc, words.join(' '));
    }
  };
  const files = new Map<string, string>();
  const docs: SearchDoc[] = [];
  papers.forEach((paper, n) => {
    // A paper's topic names count as much as its title: they say what it is about.
    const titleText = [paper.title, ...paper.topics.map((t) => topicName.get(t.slug) ?? t.slug)].join(' ');
    const body = [paper.abstract, ...paper.links.map((l) => l.label)].join(' ');
    add('t', n, indexTokens(titleText));
    add('b', n, indexTokens(body));
    docs.push({ id: paper.id, title: paper.title, abstract: plainAbstract(paper.abstract), topics: paper.topics.map((t) => t.slug), date: paper.firstSeen });
  });
  for (let c = 0; c * CHUNK_SIZE < docs.length; c += 1) {
    files.set(`d-${c}.json`, JSON.stringify(docs.slice(c * CHUNK_SIZE, (c + 1) * CHUNK_SIZE)));
  }
  const sortedKeys = (m: Map<string, FlexIndex>) => [...m.keys()].sort();
  for (const key of sortedKeys(shards.t)) files.set(`t-${key}.json`, exportIndex(shards.t.get(key)!));
  for (const key of sortedKeys(shards.b)) files.set(`b-${key}.json`, exportIndex(shards.b.get(key)!));
  const meta: SearchMeta = {
    version: 1,
    count: papers.length,
    chunkSize: CHUNK_SIZE,
    topics: topics.map((t) => ({ slug: t.slug, name: t.name })),
    masks: papers.map((p) => p.topics.reduce((mask, t) => mask | (1 << (topicIndex.get(t.slug) ?? 31)), 0)),
    titleShards: sortedKeys(shards.t),
    bodyShards: sortedKeys(shards.b),
  };
  files.set('meta.json', JSON.stringify(meta));
  return { files, meta };
}

