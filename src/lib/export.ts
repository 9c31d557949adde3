import type { Paper } from './schema';

/** `papers.json`: every record in the digest's order, keys in a fixed order, so the file is byte-stable. */
export function papersExport(papers: readonly Paper[]): string {
  const records = papers.map((p) => ({
    id: p.id,
    title: p.title,
    abstract: p.abstract,
    firstSeen: p.firstSeen,
    seen: p.seen,
    links: p.links,
    topics: p.topics,
  }));
  return `${JSON.stringify(records, null, 1)}\n`;
}
