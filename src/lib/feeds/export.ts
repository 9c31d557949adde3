/**
 * The public export of every record: one JSON file per month a paper was first seen in (a host caps a file's size,
 * Cloudflare Pages at 25 MiB, which one file of a year's papers passes), compressed with gzip, and `papers.json`
 * listing them.
 */
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { PaperFrontMatterSchema, type Paper } from '../schema';

// The record's fields in the schema's order, the abstract after the title: every field the schema gains is exported.
const KEYS = ['id', 'title', 'abstract', ...Object.keys(PaperFrontMatterSchema.shape).filter((k) => k !== 'id' && k !== 'title')] as (keyof Paper)[];

/** Records as a JSON array, one record a line, keys in the schema's order, so the file is byte-stable and diffable. */
export function papersExport(papers: readonly Paper[]): string {
  const records = papers.map((p) => JSON.stringify(Object.fromEntries(KEYS.filter((k) => p[k] !== undefined).map((k) => [k, p[k]]))));
  return records.length === 0 ? '[]\n' : `[\n${records.join(',\n')}\n]\n`;
}

/**
 * A month's file as published: `papersExport` compressed with gzip, a third of its size (the abstracts it holds are
 * on the paper pages too, and the export would otherwise be a tenth of the site). Byte-stable: gzip's header carries
 * no time or name here, and the same text gives the same bytes. Compressed on libuv's threads, not the one that
 * renders the pages (a second each 34 MB).
 */
export async function papersExportFile(papers: readonly Paper[]): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await gzipAsync(papersExport(papers), { level: 9 }));
}

const gzipAsync = promisify(gzip);

/**
 * `papers.json`: where each month's records are, and how many. The months are the digest's (`Digest.months`: papers by
 * the month they were first seen, newest month first).
 */
export function exportIndex(months: readonly { key: string; papers: readonly Paper[] }[], url: (month: string) => string): string {
  return `${JSON.stringify({ months: months.map((m) => ({ month: m.key, papers: m.papers.length, url: url(m.key) })) }, null, 1)}\n`;
}
