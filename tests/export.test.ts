/** The data export (src/lib/feeds/export.ts): every record, a file per month, listed in papers.json. */
import { describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { exportIndex, papersExport, papersExportFile } from '../src/lib/feeds/export';
import type { Paper } from '../src/lib/schema';
import { buildDigest } from '../src/lib/site/digest';
import type { Taxonomy } from '../src/lib/topics/taxonomy';

const paper = (id: string, title: string, firstSeen: string, rank: number, topics = ['codecs']): Paper => ({
  id,
  title,
  abstract: `An abstract of ${id}. We propose ${id}, which works.`,
  firstSeen,
  seen: [{ date: firstSeen, rank }],
  links: [],
  topics: topics.map((slug) => ({ slug, score: 12, evidence: ['codec'] })),
});
const papers = [
  paper('old', 'An Older Codec', '2026-11-25', 1),
  paper('second', 'The Second of the Day', '2026-11-26', 2, ['vision']),
  paper('hostile', 'A <b>bold</b> & “quoted” title', '2026-11-26', 1),
  paper('loose', 'A Paper About Weather', '2026-11-26', 3, []),
];

describe('the export', () => {
  it('writes every record with its keys in a fixed order, one a line', () => {
    const text = papersExport(papers);
    const records = JSON.parse(text) as Record<string, unknown>[];
    expect(records.map((r) => Object.keys(r))).toEqual(papers.map(() => ['id', 'title', 'abstract', 'firstSeen', 'seen', 'links', 'topics']));
    expect(records[2]!['title']).toBe(papers[2]!.title);
    expect(text.split('\n')).toHaveLength(papers.length + 3);
    expect(papersExport([])).toBe('[]\n');
  });

  it('is published gzipped: the same records, a fraction of the bytes, the same bytes every build', async () => {
    const many = Array.from({ length: 40 }, (_, i) => paper(`p${i}`, `Paper number ${i}`, '2026-11-26', i + 1));
    const file = await papersExportFile(many);
    expect(gunzipSync(file).toString('utf8')).toBe(papersExport(many));
    expect(file.length).toBeLessThan(papersExport(many).length / 3);
    expect(Buffer.from(await papersExportFile(many)).equals(Buffer.from(file))).toBe(true);
    // No time in gzip's header (bytes 4–7), so a build on another day writes the same file.
    expect(Buffer.from(file).readUInt32LE(4)).toBe(0);
  });

  it('is split by the month a paper was first seen, newest first (the digest’s months), listed in papers.json', () => {
    const at = (p: (typeof papers)[number], firstSeen: string) => ({ ...p, firstSeen, seen: [{ date: firstSeen, rank: 1 }] });
    const mixed = [at(papers[0]!, '2026-12-01'), at(papers[1]!, '2026-11-30'), at(papers[2]!, '2026-12-02'), at(papers[3]!, '2025-12-31')];
    const { months } = buildDigest(mixed, { topics: [], settings: {} } as unknown as Taxonomy);
    expect(months.map((m) => [m.key, m.papers.map((p) => p.id)])).toEqual([
      ['2026-12', [papers[2]!.id, papers[0]!.id]],
      ['2026-11', [papers[1]!.id]],
      ['2025-12', [papers[3]!.id]],
    ]);
    expect(JSON.parse(exportIndex(months, (m) => `/data/papers-${m}.json.gz`))).toEqual({
      months: [
        { month: '2026-12', papers: 2, url: '/data/papers-2026-12.json.gz' },
        { month: '2026-11', papers: 1, url: '/data/papers-2026-11.json.gz' },
        { month: '2025-12', papers: 1, url: '/data/papers-2025-12.json.gz' },
      ],
    });
  });
});
