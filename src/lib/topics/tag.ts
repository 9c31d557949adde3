import type { PaperTopic } from '../schema';
import { isCapitalsWord, phraseWords, type Taxonomy } from './taxonomy';
import { plainAbstract } from '../text/text';
import { tokenArrays } from '../text/words';
import { distinctPhrases } from '../text/wording';

interface Phrase {
  /** Folded words; a word may be a prefix pattern (`wild`). */
  words: string[];
  /** Whether each word is a prefix pattern (written with a trailing `*`). */
  wild: boolean[];
  /** Whether each word must be written in capitals in the text (`CLIP`); absent when none must. */
  capitals?: boolean[];
  /** Index into `CompiledTaxonomy.rules`. */
  rule: number;
}

/** A phrase found in a text: as written there, and its folded words joined by spaces. */
interface Quote {
  span: string;
  folded: string;
}

interface CompiledRule {
  topic: number;
  weight: number;
  titleOnly: boolean;
}

/** Phrases indexed for matching at each word of a text. */
interface PhraseIndex {
  /** Phrases by their first folded word (exact first words). */
  byFirst: Map<string, Phrase[]>;
  /** Phrases whose first word is a prefix pattern, by the prefix's first three letters (`prefixKey`). */
  byPrefix: Map<number, Phrase[]>;
  /** Phrases whose first word is a prefix pattern shorter than three letters: tried at every word. */
  shortPrefix: Phrase[];
}

/**
 * A word's first three letters as one small integer: a map keyed so is read without making and hashing a string per
 * word (and a small integer, unlike a larger number, is not allocated). Ten bits a letter: letters that differ by a
 * multiple of 1,024 share a key, which only puts more phrases before `matchesAt`, which compares the words themselves.
 */
function prefixKey(word: string): number {
  return word.length < PREFIX_KEY ? -1 : ((word.charCodeAt(0) & 1023) << 20) | ((word.charCodeAt(1) & 1023) << 10) | (word.charCodeAt(2) & 1023);
}

/** A taxonomy compiled for fast matching: built once, used for every paper. */
export interface CompiledTaxonomy extends PhraseIndex {
  taxonomy: Taxonomy;
  /** Every rule of every topic, flattened. */
  rules: CompiledRule[];
  /** The phrases of `outside` (subjects the taxonomy does not cover), each as rule 0; empty without them. */
  outside: PhraseIndex;
}

const PREFIX_KEY = 3;
const MAX_EVIDENCE = 6;

/** Adds phrases (as written in the taxonomy: words, `word*` prefixes) to an index, each counting for `rule`. */
function indexPhrases(index: PhraseIndex, match: readonly string[], rule: number): void {
  for (const text of match) {
    const { words, wild, capitals } = phraseWords(text);
    const phrase: Phrase = capitals.includes(true) ? { words, wild, capitals, rule } : { words, wild, rule };
    const first = words[0]!;
    if (!wild[0]) append(index.byFirst, first, phrase);
    else if (first.length < PREFIX_KEY) index.shortPrefix.push(phrase);
    else append(index.byPrefix, prefixKey(first), phrase);
  }
}

function append<K>(map: Map<K, Phrase[]>, key: K, phrase: Phrase): void {
  const list = map.get(key);
  if (list) list.push(phrase);
  else map.set(key, [phrase]);
}

const emptyIndex = (): PhraseIndex => ({ byFirst: new Map(), byPrefix: new Map(), shortPrefix: [] });

export function compileTaxonomy(taxonomy: Taxonomy): CompiledTaxonomy {
  const index = emptyIndex();
  const rules: CompiledRule[] = [];
  taxonomy.topics.forEach((topic, t) => {
    for (const rule of topic.rules) indexPhrases(index, rule.match, rules.push({ topic: t, weight: rule.weight, titleOnly: rule.titleOnly }) - 1);
  });
  const outside = emptyIndex();
  indexPhrases(outside, taxonomy.outside?.match ?? [], 0);
  return { taxonomy, rules, ...index, outside };
}

function matchesAt(phrase: Phrase, forms: readonly string[], at: number): boolean {
  if (at + phrase.words.length > forms.length) return false;
  for (let i = 0; i < phrase.words.length; i += 1) {
    const form = forms[at + i]!;
    if (phrase.wild[i] ? !form.startsWith(phrase.words[i]!) : form !== phrase.words[i]) return false;
  }
  return true;
}

/**
 * Whether the text writes in capitals each word that a phrase matched at `at` must have in capitals: the word less a
 * plural “s” (“CLIPs”), or for a prefix pattern the part it matched (`CLIP*` finds “CLIPScore”).
 */
function capitalsAt(phrase: Phrase, capitals: readonly boolean[], text: string, starts: readonly number[], ends: readonly number[], at: number): boolean {
  return capitals.every((must, i) => {
    if (!must) return true;
    const start = starts[at + i]!;
    return isCapitalsWord(phrase.wild[i] ? text.slice(start, start + phrase.words[i]!.length) : text.slice(start, ends[at + i]).replace(/s$/, ''));
  });
}

/**
 * Counts, per rule, the phrases found in a text, and keeps the first few matched spans as evidence: one span per
 * phrase, the first found (`quantiz*` found as “Quantization”, “quantized” and “quantize” is one piece of evidence),
 * skipping phrases already in `said` and adding those it finds. Phrases that start before `opening.end` are also
 * counted in `opening.counts`.
 */
function countHits(
  compiled: PhraseIndex,
  text: string,
  counts: Int32Array,
  evidence: (Quote[] | undefined)[],
  said: Set<Phrase>,
  opening?: { end: number; counts: Int32Array },
): void {
  const { forms, starts, ends } = tokenArrays(text);
  const scan = (phrases: Phrase[] | undefined, at: number) => {
    if (!phrases) return;
    for (const phrase of phrases) {
      if (!matchesAt(phrase, forms, at) || (phrase.capitals && !capitalsAt(phrase, phrase.capitals, text, starts, ends, at))) continue;
      counts[phrase.rule]! += 1;
      if (opening && starts[at]! < opening.end) opening.counts[phrase.rule]! += 1;
      // Made on the first match: most rules match nothing in a paper.
      const found = (evidence[phrase.rule] ??= []);
      // Different phrases, not one phrase six times: a repeat (in any case or form) does not take a place.
      if (found.length < MAX_EVIDENCE && !said.has(phrase)) {
        said.add(phrase);
        const last = at + phrase.words.length - 1;
        found.push({ span: text.slice(starts[at], ends[last]), folded: last === at ? forms[at]! : forms.slice(at, last + 1).join(' ') });
      }
    }
  };
  for (let at = 0; at < forms.length; at += 1) {
    const form = forms[at]!;
    scan(compiled.byFirst.get(form), at);
    scan(compiled.byPrefix.get(prefixKey(form)), at);
    if (compiled.shortPrefix.length > 0) scan(compiled.shortPrefix, at);
  }
}

/** Words after which a full stop does not end a sentence. */
const ABBREVIATION = /(?:^|[\s(])(?:e\.g|i\.e|et al|vs|cf|fig|figs|eq|eqs|sec|no|approx|resp)\.$/i;

/**
 * Where an abstract's opening sentence ends: the first `.`, `!` or `?` followed by space and a capital letter or
 * digit (or the end of the text), skipping abbreviations such as “e.g.” and “et al.”.
 */
export function openingSentenceEnd(text: string): number {
  for (const match of text.matchAll(/[.!?](?=\s+[\p{Lu}\p{N}]|\s*$)/gu)) {
    const end = match.index + 1;
    if (!ABBREVIATION.test(text.slice(Math.max(0, end - 8), end))) return end;
  }
  return text.length;
}

/** A topic's score for one paper, with the phrases behind it. */
export interface TopicScore {
  slug: string;
  score: number;
  /** The part of the score earned by the title. */
  titleScore: number;
  /** The score the abstract's opening sentence alone would earn: it usually names the paper's field. */
  openingScore: number;
  evidence: string[];
}

/** Scores every topic for a paper. Exposed so the evaluation and `explain` can show the full picture. */
export function scoreTopics(compiled: CompiledTaxonomy, paper: { title: string; abstract: string }): TopicScore[] {
  const { taxonomy, rules } = compiled;
  const { titleWeight, repeatCap } = taxonomy.settings;
  const inTitle = new Int32Array(rules.length);
  const inAbstract = new Int32Array(rules.length);
  const inOpening = new Int32Array(rules.length);
  const titleEvidence = new Array<Quote[] | undefined>(rules.length);
  const abstractEvidence = new Array<Quote[] | undefined>(rules.length);
  // A phrase quoted from the title is not quoted again from the abstract.
  const said = new Set<Phrase>();
  countHits(compiled, paper.title, inTitle, titleEvidence, said);
  // The abstract as readers see it (LaTeX and mangled entities resolved), so evidence quotes words on the page.
  const abstract = plainAbstract(paper.abstract);
  countHits(compiled, abstract, inAbstract, abstractEvidence, said, { end: openingSentenceEnd(abstract), counts: inOpening });
  const scores = taxonomy.topics.map(() => 0);
  const titleScores = taxonomy.topics.map(() => 0);
  const openingScores = taxonomy.topics.map(() => 0);
  const evidence = taxonomy.topics.map((): Quote[] => []);
  rules.forEach((rule, r) => {
    const abstractCount = rule.titleOnly ? 0 : inAbstract[r]!;
    if (inTitle[r]! > 0) {
      scores[rule.topic]! += rule.weight * titleWeight;
      titleScores[rule.topic]! += rule.weight * titleWeight;
    }
    scores[rule.topic]! += rule.weight * Math.min(abstractCount, repeatCap);
    if (!rule.titleOnly) openingScores[rule.topic]! += rule.weight * Math.min(inOpening[r]!, repeatCap);
    if (rule.weight <= 0) return;
    evidence[rule.topic]!.push(...(titleEvidence[r] ?? []), ...(rule.titleOnly ? [] : (abstractEvidence[r] ?? [])));
  });
  return taxonomy.topics.map((topic, t) => ({
    slug: topic.slug,
    score: Math.round(scores[t]! * 100) / 100,
    titleScore: titleScores[t]!,
    openingScore: Math.round(openingScores[t]! * 100) / 100,
    evidence: (evidence[t]!.length > 1 ? distinctPhrases(evidence[t]!, (q) => q.folded) : evidence[t]!).slice(0, MAX_EVIDENCE).map((q) => q.span),
  }));
}

/**
 * The key a paper's chosen topics are ordered by, highest first (so the first is its primary topic): the score, with
 * the abstract's opening sentence, which usually names the paper's field, counted `openingWeight` more times, and
 * scaled by the topic's `primaryBias`. Ordering only: whether a topic is given at all depends on its score alone.
 */
export function orderKey(compiled: CompiledTaxonomy, score: TopicScore, index: number): number {
  const { settings, topics } = compiled.taxonomy;
  return orderValue(score, settings.openingWeight, topics[index]!.primaryBias);
}

/** `orderKey`'s arithmetic, with the two ordering settings given, so the evaluation can try other values. */
export function orderValue(score: { score: number; openingScore: number }, openingWeight: number, primaryBias: number): number {
  return Math.round((score.score + openingWeight * score.openingScore) * primaryBias * 100) / 100;
}

/** The score a paper needs for a topic: the topic's own threshold, or the taxonomy's. */
export function topicThreshold(taxonomy: Taxonomy, topic: Taxonomy['topics'][number]): number {
  return topic.threshold ?? taxonomy.settings.threshold;
}

/**
 * The words of a paper's title that name a subject outside the taxonomy (`outside` in the taxonomy: weather,
 * proteins, robots …), as written in the title, each once (“material” and “materials” both find “Material”); empty
 * when it names none.
 */
export function outsideSubjects(compiled: CompiledTaxonomy, paper: { title: string }): string[] {
  const evidence: (Quote[] | undefined)[] = [];
  countHits(compiled.outside, paper.title, new Int32Array(1), evidence, new Set());
  return distinctPhrases(evidence[0] ?? [], (q) => q.folded).map((q) => q.span);
}

/**
 * Tags a paper: every topic that clears its threshold and a share of the best score, at most `maxTopics`, in
 * `orderKey` order. Empty when the paper is unsorted: no topic clears its threshold, or its title names a subject
 * outside the taxonomy and no topic reaches `outside.score` (the taxonomy's methods are then its tools, not its subject).
 */
export function tagPaper(compiled: CompiledTaxonomy, paper: { title: string; abstract: string }): PaperTopic[] {
  const { settings, topics } = compiled.taxonomy;
  const scores = scoreTopics(compiled, paper)
    .map((s, index) => ({ ...s, index, key: orderKey(compiled, s, index) }))
    .sort((a, b) => b.score - a.score || a.index - b.index);
  const best = scores[0]!;
  const outside = compiled.taxonomy.outside;
  if (outside && best.score < outside.score && outsideSubjects(compiled, paper).length > 0) return [];
  const chosen = scores
    .filter(
      (s) =>
        s.score >= topicThreshold(compiled.taxonomy, topics[s.index]!) &&
        (s.score >= best.score * (topics[s.index]!.relativeThreshold ?? settings.relativeThreshold) || s.score >= settings.strongScore),
    )
    .slice(0, settings.maxTopics);
  // Nothing over the bar: the paper's subject is none of the taxonomy's, and it stays unsorted.
  return chosen.sort((a, b) => b.key - a.key || a.index - b.index).map(({ slug, score, evidence }) => ({ slug, score, evidence }));
}
