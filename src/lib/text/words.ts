/** Word forms folded on purpose, so that rules and search treat variants alike. Pure string functions. */
import { BoundedCache } from '../cache';

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
  return foldsToItself(word) ? word : folded.get(word, fold);
}

/**
 * Whether `fold` would give the word back unchanged, told without it: lower-case ASCII letters and digits, no final s,
 * and no -is-/-ys- that a British spelling could hide. Most words of an abstract are so, and this test is cheaper than
 * looking them up (a fresh string is hashed to be found in a Map).
 */
function foldsToItself(word: string): boolean {
  for (let i = 0; i < word.length; i += 1) if (ASCII_WORD[word.charCodeAt(i)] !== PLAIN) return false;
  return endsPlainly(word);
}

/** For a word of lower-case ASCII letters and digits: whether `fold` leaves it as it is (no plural, no British -is-). */
function endsPlainly(word: string): boolean {
  return word.charCodeAt(word.length - 1) !== 115 && !(word.length > 5 && (word.includes('is') || word.includes('ys')));
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
  return foldLower(/[^\x00-\x7f]/.test(word) ? word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase() : word.toLowerCase());
}

const ES_PLURAL = /(?:ss|sh|ch|x)es$/;
/** Singulars that end in the e of -es ("caches" is "cache", not "cach"): the common ones, as English has no rule for them. */
const ENDS_IN_E = new Set([
  'cache',
  'niche',
  'ache',
  'headache',
  'avalanche',
  'cliche',
  'psyche',
  'moustache',
  'mustache',
  'attache',
  'creche',
  'quiche',
  'impasse',
  'finesse',
  'crevasse',
  'posse',
  'lacrosse',
]);

/**
 * Singulars in -as and -us (kept whole: "bias" is not a plural) whose plural adds -es: "biases" is "bias", where
 * "bases", "cases" and "phases" are plurals of singulars in -e, the more common kind, as English has no rule for them.
 */
const AS_US = new Set([
  'bias',
  'alias',
  'atlas',
  'canvas',
  'gas',
  'virus',
  'status',
  'focus',
  'bonus',
  'campus',
  'census',
  'consensus',
  'corpus',
  'nexus',
  'bus',
  'apparatus',
  'syllabus',
  'hiatus',
  'prospectus',
]);

/** `fold` of a word already in lower case without accents. */
function foldLower(lower: string): string {
  let w = lower;
  // The plural first, so that the spelling rule sees the singular: "noises" is "noise", as "noise" is, not "noize".
  // Most words reach here for a capital, not a final s: one comparison passes them by.
  if (w.length > 3 && w.charCodeAt(w.length - 1) === 115) {
    if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
    // -es after a hiss is the plural's own syllable: "patches" is "patch", "losses" "loss", "boxes" "box".
    else if (w.length > 4 && ES_PLURAL.test(w) && !ENDS_IN_E.has(w.slice(0, -1))) w = w.slice(0, -2);
    else if (w.endsWith('ses') && AS_US.has(w.slice(0, -2))) w = w.slice(0, -2);
    else if (!/(ss|us|is|as)$/.test(w)) w = w.slice(0, -1);
  }
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
export function tokenArrays(text: string): { forms: string[]; starts: number[]; ends: number[] } {
  const starts: number[] = [];
  const ends: number[] = [];
  return { forms: scanWords(text, starts, ends), starts, ends };
}

/**
 * How a text writes each of the given folded words, for showing them to a reader: the spelling it uses most (the
 * first of equals), so “asr” reads “ASR”, “soundstream” “SoundStream” and “patch” (folded from “patches”)
 * “patches”. A capital that only starts a word (“Speech” in a title) is not kept: it says where the word stood, not
 * how it is spelt. A word the text lacks is left out, and so is one written with an accent its folded form lacks.
 *
 * The text is searched for each word's first two letters rather than read word by word: a paper's page needs a few
 * words from a text of hundreds, for every paper of the archive.
 */
export function spellingsIn(text: string, folded: ReadonlySet<string>): Map<string, string> {
  const spellings = new Map<string, string>();
  const lower = text.toLowerCase();
  // Lower case that changes a text's length (a dotted capital I) would put the words found out of place.
  if (lower.length !== text.length) return spellings;
  for (const form of folded) {
    const seen = new Map<string, number>();
    // Two letters: folding can change the third (“tries” is “try”, “rising” “rizing”), never the first two.
    const stem = form.slice(0, 2);
    for (let at = lower.indexOf(stem); at !== -1; at = lower.indexOf(stem, at + 1)) {
      if (at > 0 && isWordChar(text, at - 1)) continue;
      let end = at;
      while (end < text.length && isWordChar(text, end)) end += 1;
      const written = text.slice(at, end);
      if (foldWord(written) !== form) continue;
      const spelling = /^\p{Lu}\p{Ll}+$/u.test(written) ? written.toLowerCase() : written;
      seen.set(spelling, (seen.get(spelling) ?? 0) + 1);
    }
    let most = 0;
    for (const [spelling, n] of seen) {
      if (n <= most) continue;
      most = n;
      spellings.set(form, spelling);
    }
  }
  return spellings;
}

/** Whether the UTF-16 unit at `at` belongs to a word as `scanWords` reads one (either half of a pair, for a letter outside the BMP). */
function isWordChar(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  if (c < 128) return ASCII_WORD[c] !== NOT_WORD;
  const start = c >= 0xdc00 && c <= 0xdfff && at > 0 ? at - 1 : at;
  return wordCharAt(text, start) !== NOT_WORD;
}

/** The folded forms of a text's words, without positions: for counting terms, where offsets are not needed. */
export function foldedWords(text: string): string[] {
  return scanWords(text);
}

/**
 * The folded words of a text: its runs of letters and digits (`/[\p{L}\p{N}]+/gu`), with where each starts and ends
 * when asked. One pass over the characters: that regular expression costs three times as much, and finding each
 * match's offset again more. A word of lower-case ASCII letters and digits is seen to fold to itself while it is read.
 */
function scanWords(text: string, starts?: number[], ends?: number[]): string[] {
  const forms: string[] = [];
  const n = text.length;
  let at = 0;
  while (at < n) {
    // ASCII is looked up here, anything else in `wordCharAt`: most characters are ASCII.
    let c = text.charCodeAt(at);
    let kind = c < 128 ? ASCII_WORD[c]! : wordCharAt(text, at);
    if (kind === NOT_WORD) {
      at += c >= 0xd800 && text.codePointAt(at)! > 0xffff ? 2 : 1;
      continue;
    }
    const start = at;
    let plain = kind === PLAIN;
    let ascii = c < 128;
    do {
      at += kind === LONG ? 2 : 1;
      if (at >= n) break;
      c = text.charCodeAt(at);
      kind = c < 128 ? ASCII_WORD[c]! : wordCharAt(text, at);
      if (kind !== PLAIN && kind !== NOT_WORD) {
        plain = false;
        if (c >= 128) ascii = false;
      }
    } while (kind !== NOT_WORD);
    const word = text.slice(start, at);
    // Known here whether the word is plain (`foldWord` would only test it again) or ASCII, which folds with a few
    // comparisons, cheaper than looking it up (a fresh string is hashed to be found in a Map).
    forms.push(plain && endsPlainly(word) ? word : ascii ? foldLower(plain ? word : word.toLowerCase()) : folded.get(word, fold));
    starts?.push(start);
    ends?.push(at);
  }
  return forms;
}

/**
 * What a character is to `scanWords`: not part of a word, part of one, a lower-case ASCII letter or digit (part of a
 * word that may fold to itself), or part of one and outside the BMP (two code units).
 */
const NOT_WORD = 0;
const WORD_CHAR = 1;
const PLAIN = 2;
const LONG = 3;
const ASCII_WORD = Uint8Array.from({ length: 128 }, (_, c) => {
  const char = String.fromCharCode(c);
  return /[a-z0-9]/.test(char) ? PLAIN : /[\p{L}\p{N}]/u.test(char) ? WORD_CHAR : NOT_WORD;
});
const IN_WORD = /[\p{L}\p{N}]/u;

/** What the non-ASCII character at `at` is, as `ASCII_WORD` says of ASCII. */
function wordCharAt(text: string, at: number): number {
  const char = String.fromCodePoint(text.codePointAt(at)!);
  return !IN_WORD.test(char) ? NOT_WORD : char.length === 2 ? LONG : WORD_CHAR;
}
