/** Presenting results: the window of best results ordered as a reader expects, highlighted words, and a snippet. */
import { parseQuery, searchWords } from './query';
import type { SearchHit } from './engine';
import type { SearchDoc } from './format';
import { tokenize } from '../text/words';

/**
 * Orders a ranked window of results as a reader expects: papers whose title (then abstract) holds the query's words
 * as a phrase first; then papers with more of the words; then papers whose title has more of the words as whole
 * words, then whose abstract does, above papers that only have longer words starting with them (the index finds
 * "lossless" for "loss", and "codec" for "code"); then the engine's order.
 */
export function rankWindow(hits: readonly SearchHit[], docs: ReadonlyMap<number, SearchDoc>, query: string): SearchHit[] {
  const words = parseQuery(query).words;
  const phrase = words.length >= 2 ? ` ${words.join(' ')} ` : undefined;
  const folded = (text: string) => ` ${searchWords(text).join(' ')} `;
  const whole = (text: string) => words.filter((w) => text.includes(` ${w} `)).length;
  return hits
    .map((hit) => {
      const doc = docs.get(hit.n);
      if (!doc) return { hit, phrase: 0, title: 0, abstract: 0 };
      const [title, abstract] = [folded(doc.title), folded(doc.abstract)];
      return {
        hit,
        phrase: phrase === undefined ? 0 : title.includes(phrase) ? 2 : abstract.includes(phrase) ? 1 : 0,
        title: whole(title),
        abstract: whole(abstract),
      };
    })
    .sort(
      (a, b) =>
        b.phrase - a.phrase || b.hit.matched - a.hit.matched || b.title - a.title || b.abstract - a.abstract || b.hit.score - a.hit.score || a.hit.n - b.hit.n,
    )
    .map((x) => x.hit);
}

export interface Highlighted {
  text: string;
  mark: boolean;
}

/** Splits text into runs, marking words that start with a searched word. Text stays text: the caller makes text nodes. */
export function highlight(text: string, words: readonly string[]): Highlighted[] {
  const runs: Highlighted[] = [];
  let at = 0;
  for (const token of tokenize(text)) {
    if (!words.some((w) => token.form.startsWith(w))) continue;
    if (token.start > at) runs.push({ text: text.slice(at, token.start), mark: false });
    runs.push({ text: text.slice(token.start, token.end), mark: true });
    at = token.end;
  }
  if (at < text.length) runs.push({ text: text.slice(at), mark: false });
  return runs;
}

/** About `length` characters of the abstract around its first highlighted word. */
export function snippet(text: string, words: readonly string[], length = 220): string {
  const first = tokenize(text).find((t) => words.some((w) => t.form.startsWith(w)));
  if (!first || first.start < length / 2) return text.length > length ? `${text.slice(0, length).replace(/\s+\S*$/, '')}…` : text;
  const start = text.lastIndexOf(' ', first.start - length / 3) + 1;
  // A window that reaches the end keeps its last word; one cut short ends at the last whole word.
  if (start + length >= text.length) return `…${text.slice(start)}`;
  return `…${text.slice(start, start + length).replace(/\s+\S*$/, '')}…`;
}

/**
 * The line above the results: how many papers match, the query as typed in curly quotes, and the topic filter. A
 * query that is one quoted phrase is named as a phrase in its own quotes, not wrapped in a second pair.
 */
export function searchStatus(query: string, found: { matches: number; complete: boolean; topics: number }): string {
  const { matches, complete, topics } = found;
  const phrase = /^"([^"]+)"$/.exec(query);
  const asked = phrase ? `the phrase “${phrase[1]!.trim()}”` : `“${query}”`;
  const scope = topics > 0 ? ` in ${topics === 1 ? 'the chosen topic' : `${topics} chosen topics`}` : '';
  if (matches === 0) return `No papers match ${asked}${scope}.`;
  return `${complete ? '' : 'At least '}${matches} ${matches === 1 ? 'paper matches' : 'papers match'} ${asked}${scope}.`;
}
