/**
 * Synthetic corpora for the benchmark, shaped like a growing real archive rather than one dump repeated: each
 * paper takes a real paper's title (so the tagger has something true to read) under a new model name, and an
 * abstract of sentences drawn from many real abstracts, with invented names that recur across papers. So the
 * vocabulary grows with the archive as a real one's does (a new name or two per paper, old names mentioned again),
 * abstracts differ in length, and no two papers share an abstract. The sentences a paper borrows come from papers of
 * its own kind (`kindOf`: the bench passes the tagger's main topic), as a real paper's sentences are about its own
 * subject: drawn from every paper, they gave a synthetic paper two thirds of a topic more than a real one has (2.9
 * against 2.2), and so a third more rows in the topics' lists. Drawn by kind, 2.3; abstracts are as long as real ones.
 */
import type { DumpPaper } from '../src/lib/ingest/parse';

/** A small deterministic generator (mulberry32), so the same size always gives the same corpus. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ONSETS = ['b', 'c', 'd', 'f', 'g', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'z', 'br', 'cr', 'dr', 'fl', 'gr', 'pr', 'st', 'tr', 'qu'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'eo', 'ia'];
const CODAS = ['', 'n', 'r', 'x', 'l', 's', 'm', 'th'];

/** The i-th invented name: distinct for every i (a bijective numbering in syllables), e.g. `Brixa`, `Tolmeo`. */
export function inventedName(i: number): string {
  const syllables: string[] = [];
  let n = i + ONSETS.length * VOWELS.length; // at least two syllables
  while (n > 0) {
    const s = n % (ONSETS.length * VOWELS.length);
    syllables.push(ONSETS[s % ONSETS.length]! + VOWELS[Math.floor(s / ONSETS.length)]!);
    n = Math.floor(n / (ONSETS.length * VOWELS.length));
  }
  const word = syllables.join('') + CODAS[i % CODAS.length]!;
  return word[0]!.toUpperCase() + word.slice(1);
}

function sentences(abstract: string): string[] {
  return abstract
    .split(/(?<=[.!?])\s+(?=[A-Z])/)
    .map((s) => s.trim())
    .filter((s) => s.length > 20);
}

/** `total` papers: titles from the sources under new names, abstracts mixed from the sentences of sources of a kind. */
export function syntheticPapers(sources: readonly DumpPaper[], total: number, kindOf: (source: DumpPaper) => string = () => ''): DumpPaper[] {
  const kinds = sources.map(kindOf);
  const ofSource = sources.map((p) => sentences(p.abstract));
  const pools = new Map<string, string[]>();
  ofSource.forEach((own, i) => {
    const pool = pools.get(kinds[i]!);
    if (pool) pool.push(...own);
    else pools.set(kinds[i]!, [...own]);
  });
  // A kind with few papers borrows from every paper, so no abstract is one paper's sentences again and again.
  const everySentence = ofSource.flat();
  for (const [kind, pool] of pools) if (pool.length < 40) pools.set(kind, everySentence);
  const rand = random(total);
  const papers: DumpPaper[] = [];
  for (let i = 0; i < total; i += 1) {
    const source = sources[i % sources.length]!;
    const name = inventedName(i);
    const own = ofSource[i % sources.length]!;
    const pool = pools.get(kinds[i % sources.length]!)!;
    const parts = [own[0] ?? source.abstract];
    const count = 4 + Math.floor(rand() * 6);
    for (let k = 0; k < count; k += 1) parts.push(pool[Math.floor(rand() * pool.length)]!);
    // Names recur: a paper cites an earlier one's model, the recent ones more often.
    const earlier = i > 0 ? inventedName(Math.floor(i * (1 - rand() ** 3))) : 'none';
    parts.splice(1, 0, `We call our method ${name}, and compare it with ${earlier} on ${inventedName(i + 7 * total).toLowerCase()} data.`);
    papers.push({ ...source, title: `${name}: ${source.title}`, abstract: parts.join(' ') });
  }
  return papers;
}

export interface SyntheticDay {
  date: string;
  text: string;
}

/** The ISO date `days` after `day`. */
export function dayAfter(day: string, days = 1): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The papers as dumps of `perDay` papers on consecutive days ending `lastDay`, with page chrome like the real one. */
export function syntheticDumps(papers: readonly DumpPaper[], perDay = 224, lastDay = '2026-11-26'): SyntheticDay[] {
  const days: SyntheticDay[] = [];
  const dayCount = Math.ceil(papers.length / perDay);
  for (let d = 0; d < dayCount; d += 1) {
    const lines = ['Get trending papers in your email inbox once a day!', 'Get trending papers in your email inbox!'];
    for (let i = d * perDay; i < Math.min(papers.length, (d + 1) * perDay); i += 1) {
      lines.push(`${i === d * perDay ? 'Subscribe' : ''}${papers[i]!.title}`, papers[i]!.abstract);
    }
    days.push({ date: dayAfter(lastDay, d - (dayCount - 1)), text: `${lines.join('\n')}\n` });
  }
  return days;
}
