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

/**
 * The phrases of a topic's evidence a reader needs, in the order given: one of each phrase (“Dual Encoders” and
 * “dual encoder” are one, and the first as written stands for both), and none that a longer one already says
 * (“Recognition” beside “Image Recognition”).
 */
export function distinctEvidence(evidence: readonly string[]): string[] {
  return distinctPhrases(evidence, (e) => foldedWords(e).join(' '));
}

/** `distinctEvidence` for phrases whose folded words (joined by spaces) are already known, as the tagger's are. */
export function distinctPhrases<T>(phrases: readonly T[], foldedOf: (phrase: T) => string): T[] {
  // A space either side, so containment is of whole words (“code” is not in “codec”).
  const keys = phrases.map((p) => ` ${foldedOf(p)} `);
  return phrases.filter((_, i) => keys.indexOf(keys[i]!) === i && !keys.some((other) => other !== keys[i] && other.includes(keys[i]!)));
}

/** Why a paper has a topic, as the end of a sentence: `for “dual encoder” and “retrieval”`, or `set by hand`. */
export function evidencePhrase(evidence: readonly string[]): string {
  if (evidence.length === 0 || (evidence.length === 1 && evidence[0] === 'set by hand')) return 'set by hand';
  return `for ${listInWords(distinctEvidence(evidence).map((e) => `“${e}”`))}`;
}

/** `#12 on 26 November 2026`: a trending rank with the day it belongs to. */
export function rankPhrase(rank: number, day: string): string {
  return `#${rank} on ${formatDay(day)}`;
}
