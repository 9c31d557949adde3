import { PaperFrontMatterSchema, type Paper } from './schema';

// The record's fields in the schema's order, the abstract after the title: every field the schema gains is exported.
const KEYS = ['id', 'title', 'abstract', ...Object.keys(PaperFrontMatterSchema.shape).filter((k) => k !== 'id' && k !== 'title')] as (keyof Paper)[];

/** `papers.json`: every record in the digest's order, keys in the schema's order, so the file is byte-stable. */
export function papersExport(papers: readonly Paper[]): string {
  const records = papers.map((p) => Object.fromEntries(KEYS.filter((k) => p[k] !== undefined).map((k) => [k, p[k]])));
  return `${JSON.stringify(records, null, 1)}\n`;
}
