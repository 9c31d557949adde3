/** What `topics review` tells the person who runs the digest about papers the taxonomy does not place. */
import { isSubjectWord } from '../text/stopwords';
import { foldedWords, spellingsIn } from '../text/words';

export interface RecurringWord {
  /** The word as the titles write it most. */
  word: string;
  /** How many of the titles use it. */
  papers: number;
}

/** How much more often than in the other titles a word must be used in these to be theirs (three times). */
const LIFT = 3;

/** Words a title uses of a model whatever its subject (an efficient, deep, high-resolution model of anything). */
const GENERIC = new Set(['efficient', 'deep', 'high', 'low', 'fast', 'robust', 'scalable', 'simple', 'accurate', 'stable', 'versatile']);

/** Each subject word of each title, counted once a title. */
function titlesWith(titles: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const title of titles)
    for (const form of new Set(foldedWords(title))) if (isSubjectWord(form) && !GENERIC.has(form)) counts.set(form, (counts.get(form) ?? 0) + 1);
  return counts;
}

/**
 * The words that recur among some titles (unsorted papers') and set them apart from the other titles (the sorted
 * papers'): used by at least `min` of them, and at least three times as often among them as among the others (so
 * "learning" and "neural", in every kind of paper, are not listed). Most used first, then alphabetically, at most
 * `limit`, as the titles spell them. Plurals and spellings are folded ("Robot" and "robots" are one word); stopwords,
 * numbers, words of one or two letters and words any model has ("efficient", "deep") are left out. The subject a
 * topic could be added for.
 */
export function recurringWords(titles: readonly string[], others: readonly string[], min = 2, limit = 12): RecurringWord[] {
  const here = titlesWith(titles);
  const elsewhere = titlesWith(others);
  const share = (n: number, of: number) => n / Math.max(1, of);
  const recurring = [...here]
    .filter(([form, n]) => n >= min && share(n, titles.length) >= LIFT * share(elsewhere.get(form) ?? 0, others.length))
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, limit);
  const spelt = spellingsIn(titles.join('\n'), new Set(recurring.map(([form]) => form)));
  return recurring.map(([form, papers]) => ({ word: spelt.get(form) ?? form, papers }));
}
