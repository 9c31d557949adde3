/**
 * Synthetic corpora for the benchmark: the bundled dump's papers copied under distinct titles and spread over
 * many days of 224-paper dumps, so topics, days, feeds and the search index grow as they would over a year.
 */
import type { DumpPaper } from '../src/lib/parse';

const WORDS = [
  'Revisited',
  'Scaled',
  'Explained',
  'Reloaded',
  'in Practice',
  'at Scale',
  'for Edge',
  'Unified',
  'Simplified',
  'Extended',
  'Benchmarked',
  'Distilled',
];

/** The k-th copy's title: the original with a distinct suffix (`…: Revisited II`). */
export function variantTitle(title: string, k: number): string {
  if (k === 0) return title;
  const word = WORDS[k % WORDS.length]!;
  return `${title}: ${word} ${Math.floor(k / WORDS.length) + 1}`;
}

export interface SyntheticDay {
  date: string;
  text: string;
}

/** `total` papers as dumps of `perDay` papers on consecutive days ending `lastDay`, with page chrome like the real one. */
export function syntheticDumps(papers: readonly DumpPaper[], total: number, perDay = 224, lastDay = '2026-11-26'): SyntheticDay[] {
  const days: SyntheticDay[] = [];
  const dayCount = Math.ceil(total / perDay);
  const end = Date.parse(`${lastDay}T00:00:00Z`);
  for (let d = 0; d < dayCount; d += 1) {
    const date = new Date(end - (dayCount - 1 - d) * 86_400_000).toISOString().slice(0, 10);
    const lines = ['Get trending papers in your email inbox once a day!', 'Get trending papers in your email inbox!'];
    for (let i = d * perDay; i < Math.min(total, (d + 1) * perDay); i += 1) {
      const source = papers[i % papers.length]!;
      const k = Math.floor(i / papers.length);
      lines.push(`${i === d * perDay ? 'Subscribe' : ''}${variantTitle(source.title, k)}`, source.abstract);
    }
    days.push({ date, text: `${lines.join('\n')}\n` });
  }
  return days;
}
