import type { PaperTopic } from './schema';
import type { Taxonomy } from './taxonomy';
import { foldWord, tokenize, type Token } from './words';

interface Phrase {
  /** Folded words; the last may be a prefix (`wild`). */
  words: string[];
  /** Whether each word is a prefix pattern (written with a trailing `*`). */
  wild: boolean[];
  topic: number;
  rule: number;
}

/** A taxonomy compiled for fast matching: built once, used for every paper. */
export interface CompiledTaxonomy {
  taxonomy: Taxonomy;
  /** Phrases by their first folded word (exact first words). */
  byFirst: Map<string, Phrase[]>;
  /** Phrases whose first word is a prefix pattern, by the prefix's first three letters. */
  byPrefix: Map<string, Phrase[]>;
}

const PREFIX_KEY = 3;

export function compileTaxonomy(taxonomy: Taxonomy): CompiledTaxonomy {
  const byFirst = new Map<string, Phrase[]>();
  const byPrefix = new Map<string, Phrase[]>();
  taxonomy.topics.forEach((topic, t) => {
    topic.rules.forEach((rule, r) => {
      for (const text of rule.match) {
        const raw = text.split(/[\s-]+/).filter(Boolean);
        const wild = raw.map((w) => w.endsWith('*'));
        const words = raw.map((w, i) => {
          const bare = w.replace(/\*$/, '').toLowerCase();
          return wild[i] ? bare : foldWord(bare);
        });
        const phrase: Phrase = { words, wild, topic: t, rule: r };
        const first = words[0]!;
        if (wild[0]) {
          const key = first.slice(0, PREFIX_KEY);
          byPrefix.set(key, [...(byPrefix.get(key) ?? []), phrase]);
        } else {
          byFirst.set(first, [...(byFirst.get(first) ?? []), phrase]);
        }
      }
    });
  });
  return { taxonomy, byFirst, byPrefix };
}

function wordMatches(phrase: Phrase, i: number, token: Token | undefined): boolean {
  if (!token) return false;
  return phrase.wild[i] ? token.form.startsWith(phrase.words[i]!) : token.form === phrase.words[i];
}

interface Hit {
  topic: number;
  rule: number;
  text: string;
}

function findHits(compiled: CompiledTaxonomy, text: string): Hit[] {
  const tokens = tokenize(text);
  const hits: Hit[] = [];
  tokens.forEach((token, at) => {
    const candidates = [...(compiled.byFirst.get(token.form) ?? []), ...(compiled.byPrefix.get(token.form.slice(0, PREFIX_KEY)) ?? [])];
    for (const phrase of candidates) {
      if (!phrase.words.every((_, i) => wordMatches(phrase, i, tokens[at + i]))) continue;
      const last = tokens[at + phrase.words.length - 1]!;
      hits.push({ topic: phrase.topic, rule: phrase.rule, text: text.slice(token.start, last.end) });
    }
  });
  return hits;
}

/** A topic's score for one paper, with the phrases behind it. */
export interface TopicScore {
  slug: string;
  score: number;
  evidence: string[];
}

/** Scores every topic for a paper. Exposed so the evaluation and `explain` can show the full picture. */
export function scoreTopics(compiled: CompiledTaxonomy, paper: { title: string; abstract: string }): TopicScore[] {
  const { taxonomy } = compiled;
  const { titleWeight, repeatCap } = taxonomy.settings;
  const titleHits = findHits(compiled, paper.title);
  const abstractHits = findHits(compiled, paper.abstract);
  return taxonomy.topics.map((topic, t) => {
    let score = 0;
    const evidence = new Map<string, string>();
    topic.rules.forEach((rule, r) => {
      const inTitle = titleHits.filter((h) => h.topic === t && h.rule === r);
      const inAbstract = rule.titleOnly ? [] : abstractHits.filter((h) => h.topic === t && h.rule === r);
      if (inTitle.length > 0) score += rule.weight * titleWeight;
      score += rule.weight * Math.min(inAbstract.length, repeatCap);
      if (rule.weight > 0) {
        for (const hit of [...inTitle, ...inAbstract]) {
          const key = hit.text.toLowerCase();
          if (!evidence.has(key)) evidence.set(key, hit.text);
        }
      }
    });
    return { slug: topic.slug, score: Math.round(score * 100) / 100, evidence: [...evidence.values()].slice(0, 6) };
  });
}

/**
 * Tags a paper: every topic that clears its threshold and a share of the best score, best first, at most
 * `maxTopics`. Never empty: with nothing over the bar, the best-scoring topic; with no match at all, the fallback.
 */
export function tagPaper(compiled: CompiledTaxonomy, paper: { title: string; abstract: string }): PaperTopic[] {
  const { settings, topics } = compiled.taxonomy;
  const scores = scoreTopics(compiled, paper)
    .map((s, index) => ({ ...s, index }))
    .sort((a, b) => b.score - a.score || a.index - b.index);
  const best = scores[0]!;
  const chosen = scores
    .filter((s) => s.score >= (topics[s.index]!.threshold ?? settings.threshold) && s.score >= best.score * settings.relativeThreshold)
    .slice(0, settings.maxTopics);
  const picked = (chosen.length > 0 ? chosen : best.score > 0 ? [best] : []).sort(
    (a, b) => b.score * topics[b.index]!.primaryBias - a.score * topics[a.index]!.primaryBias || a.index - b.index,
  );
  if (picked.length === 0) return [{ slug: settings.fallback, score: 0, evidence: ['no rule matched; the fallback topic'] }];
  return picked.map(({ slug, score, evidence }) => ({ slug, score, evidence }));
}
