/** A paper's one-line gist: the abstract's key sentence, by a simple rule that needs no model and never varies. */
import { BoundedCache } from '../cache';
import { cutAtWord, plainAbstract } from './text';

// Where authors say what they did. The first sentence that does is the paper's contribution.
const CONTRIBUTION =
  /\b(?:we|this (?:paper|work|study|article)|our (?:method|approach|model|work))\b[^.]*?\b(?:propose|present|introduce|develop|design|show|demonstrate|release|study|investigate|find|describe)/i;

/** Splits plain text into sentences: a stop, then a space and a capital, digit or quote. Abbreviations may split early. */
export function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+(?=[\p{Lu}\p{N}“"(])/u)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/**
 * The abstract's key sentence, at most `max` characters: the first sentence in which the authors say what they
 * propose, present or show; failing that, the first sentence.
 */
export function gist(abstract: string, max = 200): string {
  return cutAtWord(keySentences.get(abstract, keySentence), max);
}

// A paper's gist is shown in every list it is in (its day, its topics, its week and month, the feeds): found once.
const keySentences = new BoundedCache<string, string>(200_000);

function keySentence(abstract: string): string {
  const all = sentences(plainAbstract(abstract));
  return all.find((s) => CONTRIBUTION.test(s)) ?? all[0] ?? '';
}
