/** Word forms folded on purpose, so that rules and search treat variants alike. Pure string functions. */
import { BoundedCache } from '../cache';

const WORD = /[\p{L}\p{N}]+/gu;

export interface Token {
  /** The folded form used for matching. */
  form: string;
  /** Offsets of the word in the original text. */
  start: number;
  end: number;
}

/**
 * Folds one word: lower case, accents dropped, British -ise/-isation/-yse spelt -ize/-ization/-yze,
 * plurals made singular. Applied alike to texts and to the phrases of rules, so both meet in the middle.
 */
export function foldWord(word: string): string {
  return folded.get(word, fold);
}

// The vocabulary seen so far: words repeat across papers, and folding is the tagger's inner loop.
const folded = new BoundedCache<string, string>(200_000);

/** Folds a word as `foldWord` does but keeps a final s: a word still being typed (`acces`) is not a plural. */
export function foldWordAsTyped(word: string): string {
  const w = foldWord(word);
  const lower = word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  return lower.endsWith('s') && !w.endsWith('s') && w.length === lower.length - 1 ? `${w}s` : w;
}

function fold(word: string): string {
  // eslint-disable-next-line no-control-regex -- the range test for ASCII starts at NUL.
  let w = /[^\x00-\x7f]/.test(word) ? word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase() : word.toLowerCase();
  // The plural first, so that the spelling rule sees the singular: "noises" is "noise", as "noise" is, not "noize".
  if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 3 && w.endsWith('s') && !/(ss|us|is|as)$/.test(w)) w = w.slice(0, -1);
  // Only -is-/-ys- words can change (most words have neither, and three replacements cost more than two searches).
  // Five letters or fewer are English words, not British spellings: rise, raise, noise, arise.
  if (w.length > 5 && (w.includes('is') || w.includes('ys'))) {
    w = w
      .replace(/isation$/, 'ization')
      .replace(/is(e|ed|er|ing)$/, 'iz$1')
      .replace(/ys(e|ed|er|ing)$/, 'yz$1');
  }
  return w;
}

/** The words of a text with their folded forms and where they stand. */
export function tokenize(text: string): Token[] {
  const { forms, starts, ends } = tokenArrays(text);
  return forms.map((form, i) => ({ form, start: starts[i]!, end: ends[i]! }));
}

/** `tokenize` as three parallel arrays, for the tagger's inner loop: no object per word. */
export function tokenArrays(text: string): { forms: string[]; starts: Int32Array; ends: Int32Array } {
  const forms = text.match(WORD) ?? [];
  const starts = new Int32Array(forms.length);
  const ends = new Int32Array(forms.length);
  // `match` gives the words without the cost of a match object each; each is the first of its letters from where the
  // last one ended, since only characters outside words lie between.
  let at = 0;
  for (let i = 0; i < forms.length; i += 1) {
    const word = forms[i]!;
    starts[i] = text.indexOf(word, at);
    at = starts[i]! + word.length;
    ends[i] = at;
    forms[i] = foldWord(word);
  }
  return { forms, starts, ends };
}

/** The folded forms of a text's words, without positions: for counting terms, where offsets are not needed. */
export function foldedWords(text: string): string[] {
  const words = text.match(WORD);
  if (!words) return [];
  for (let i = 0; i < words.length; i += 1) words[i] = foldWord(words[i]!);
  return words;
}
