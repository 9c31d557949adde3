/** Small phrases the pages say the same way everywhere. Pure string functions. */
import { formatDay } from './dates';
import { foldedWords } from './words';

/** The name papers with no topic go under, on pages, in search and in feeds. */
export const UNSORTED = 'Unsorted';

/** What the name means, where a row has room for a tooltip. */
export const UNSORTED_MEANING = 'No topic of the taxonomy fits this paper';

/** `a`, `a and b`, `a, b and c`. */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** `1 paper`, `224 papers`. */
export function countOf(n: number, noun: string): string {
  return `${n.toLocaleString('en-GB')} ${noun}${n === 1 ? '' : 's'}`;
}

/** Why a paper has a topic, as the end of a sentence: `for “dual encoder” and “retrieval”`, or `set by hand`. */
export function evidencePhrase(evidence: readonly string[]): string {
  if (evidence.length === 0 || (evidence.length === 1 && evidence[0] === 'set by hand')) return 'set by hand';
  // "Dual Encoders" and "dual encoder" are one piece of evidence to a reader: the first as written stands for both.
  const seen = new Set<string>();
  const distinct = evidence.filter((e) => {
    const key = foldedWords(e).join(' ');
    return !seen.has(key) && seen.add(key);
  });
  return `for ${listInWords(distinct.map((e) => `“${e}”`))}`;
}

/** `#12 on 26 November 2026`: a trending rank with the day it belongs to. */
export function rankPhrase(rank: number, day: string): string {
  return `#${rank} on ${formatDay(day)}`;
}
