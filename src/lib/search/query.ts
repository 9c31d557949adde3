/**
 * The search box's small query language: `"an exact phrase"`, `-word` and `-"a phrase"` to leave papers out, and
 * plain words. Pure: the engine (engine.ts) decides what each part does to the results.
 */
import { tokenize } from '../text/words';

/** Words shorter than this are not indexed or searched (they match too much to help). */
export const MIN_WORD = 2;

/** Folded search words of a text: lower case, accents off, British spellings and plurals folded (see words.ts). */
export function searchWords(text: string): string[] {
  return tokenize(text)
    .map((t) => t.form)
    .filter((w) => w.length >= MIN_WORD);
}

export interface ParsedQuery {
  /** Words to find: the plain words and the words of every phrase, folded, in the order typed, each once. */
  words: string[];
  /**
   * Phrases a result must contain, as folded words (two or more; a one-word phrase is a plain word). An open phrase
   * (its closing quote not typed yet) ends in a word still being typed, matched as a prefix.
   */
  phrases: Phrase[];
  /** Words no result may contain, folded. */
  excluded: string[];
  /** Phrases no result may contain. */
  excludedPhrases: Phrase[];
}

export interface Phrase {
  words: string[];
  open: boolean;
}

/**
 * Reads a query. A quote opens a phrase up to the next quote (or the end, while it is being typed); a minus at the
 * start of a word or before a quote excludes; a hyphen inside a word ("1-bit", "state-of-the-art") is part of it.
 */
export function parseQuery(query: string): ParsedQuery {
  const words: string[] = [];
  const phrases: Phrase[] = [];
  const excluded: string[] = [];
  const excludedPhrases: Phrase[] = [];
  const add = (list: string[], more: readonly string[]) => {
    for (const w of more) if (!list.includes(w)) list.push(w);
  };
  const part = /(-?)"([^"]*)("?)|(-?)([^\s"]+)/g;
  for (const m of query.matchAll(part)) {
    const quoted = m[2] !== undefined;
    const minus = (quoted ? m[1] : m[4]) === '-';
    const found = searchWords(quoted ? m[2]! : m[5]!);
    if (found.length === 0) continue;
    // `-state-of-the-art` leaves out the phrase, as `-"state of the art"` does.
    const phrase = { words: found, open: quoted && m[3] === '' && m.index + m[0].length === query.length && /[\p{L}\p{N}]$/u.test(query) };
    if (minus) {
      if (found.length > 1) excludedPhrases.push(phrase);
      else add(excluded, found);
    } else {
      add(words, found);
      if (quoted && found.length > 1) phrases.push(phrase);
    }
  }
  return { words, phrases, excluded: excluded.filter((w) => !words.includes(w)), excludedPhrases };
}

/** Whether a text holds the phrase's words in order, next to each other (as searchWords reads the text). */
export function containsPhrase(text: string, phrase: Phrase): boolean {
  const joined = ` ${searchWords(text).join(' ')} `;
  return joined.includes(` ${phrase.words.join(' ')}${phrase.open ? '' : ' '}`);
}
