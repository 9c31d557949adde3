import type { Paper } from '../schema';
import { foldedWords, spellingsIn } from '../text/words';
import { isSubjectWord } from '../text/stopwords';

interface Vector {
  ids: number[];
  weights: number[];
}

export interface RelatedOptions {
  /** How many related papers per paper, at most. Default `RELATED_COUNT`. */
  k?: number;
  /**
   * The similarity floor: a paper is listed only when the cosine of their words reaches this, so a paper with no
   * close neighbour lists fewer, or none. Default `RELATED_FLOOR`.
   */
  floor?: number;
  /**
   * A paper with topics lists only papers that share one of them (the words alone relate a face-animation paper to an
   * audio codec through "generation" and "quality"); an unsorted paper, only papers this similar. Default 0.3.
   */
  unsortedFloor?: number;
  /** Terms found in more than this share of papers are ignored (they relate everything to everything). Default 0.05. */
  maxDocumentShare?: number;
  /** …and terms found in more than this many papers. Default 250. */
  maxDocuments?: number;
  /** Only a paper's heaviest terms are compared. Default 16. */
  termsPerPaper?: number;
}

export interface RelatedInput {
  id: string;
  title: string;
  abstract: string;
  /** Topic slugs, primary first; none for an unsorted paper. */
  topics?: readonly string[];
}

/** A related paper and why: the topics it shares, and the distinctive words both use, heaviest first. */
export interface Related {
  id: string;
  topics: string[];
  terms: string[];
  /** The cosine of the two papers' word weights (0 to 1): lists are ordered by it, highest first. */
  score: number;
}

/** Related papers on a paper's page, at most, unless `content/site.yaml` says otherwise. */
export const RELATED_COUNT = 5;

/** Fitted on the bundled dump's hand labels and checked on the extra file's (`npm run eval:topics -- --related`). */
export const RELATED_FLOOR = 0.1;

function termsOf(doc: RelatedInput): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (text: string, weight: number) => {
    for (const form of foldedWords(text)) {
      if (!isSubjectWord(form)) continue;
      counts.set(form, (counts.get(form) ?? 0) + weight);
    }
  };
  add(doc.title, 2);
  add(doc.abstract, 1);
  return counts;
}

/**
 * The most similar papers to each paper by TF-IDF cosine over title and abstract words. Sparse and bounded: each
 * paper keeps only its `termsPerPaper` heaviest terms, terms common to many papers are skipped, and scores are
 * accumulated through an inverted index of those terms, so the cost grows with the papers that share rare words,
 * never with all pairs. Ties break by id, so the output is deterministic. Topics filter, they do not rank: a paper with
 * topics lists only papers sharing one, and nobody below the floor.
 */
export function relatedPapers(docs: readonly RelatedInput[], options: RelatedOptions = {}): Map<string, Related[]> {
  const k = options.k ?? RELATED_COUNT;
  const minimum = options.floor ?? RELATED_FLOOR;
  const unsortedMinimum = options.unsortedFloor ?? 0.3;
  const n = docs.length;
  const termsPerPaper = options.termsPerPaper ?? 16;
  const maxDf = Math.max(2, Math.min(options.maxDocuments ?? 250, Math.floor(n * (options.maxDocumentShare ?? 0.05))));
  const termCounts = docs.map(termsOf);
  const termIds = new Map<string, number>();
  const df: number[] = [];
  for (const counts of termCounts) {
    for (const term of counts.keys()) {
      let id = termIds.get(term);
      if (id === undefined) {
        id = df.length;
        termIds.set(term, id);
        df.push(0);
      }
      df[id]! += 1;
    }
  }

  // Each paper's heaviest terms, L2-normalised, as parallel arrays of term ids and weights.
  const vectors = termCounts.map((counts): Vector => {
    const entries: [number, number][] = [];
    for (const [term, tf] of counts) {
      const id = termIds.get(term)!;
      const d = df[id]!;
      // A word in one paper relates it to nothing; one in every paper weighs log(n / n) = 0 and relates nothing either.
      if (d > maxDf || d < 2 || d >= n) continue;
      entries.push([id, (1 + Math.log(tf)) * Math.log(n / d)]);
    }
    entries.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    const kept = entries.slice(0, termsPerPaper);
    const norm = Math.sqrt(kept.reduce((sum, [, w]) => sum + w * w, 0)) || 1;
    return { ids: kept.map(([id]) => id), weights: kept.map(([, w]) => w / norm) };
  });
  const postingDocs: number[][] = Array.from({ length: df.length }, () => []);
  const postingWeights: number[][] = Array.from({ length: df.length }, () => []);
  vectors.forEach((v, doc) => {
    v.ids.forEach((id, i) => {
      postingDocs[id]!.push(doc);
      postingWeights[id]!.push(v.weights[i]!);
    });
  });

  const terms = [...termIds.keys()];
  /** The words two papers share, by their weight in both, at most three. */
  const sharedTerms = (a: Vector, b: Vector): string[] =>
    a.ids
      .map((id, i) => ({ id, weight: a.weights[i]! * (b.weights[b.ids.indexOf(id)] ?? 0) }))
      .filter((t) => t.weight > 0)
      .sort((x, y) => y.weight - x.weight || x.id - y.id)
      .slice(0, 3)
      .map((t) => terms[t.id]!);
  // Each paper's topics as a bit set of `topicWords` 32-bit words, so "do these two share a topic?" allocates nothing.
  const topicBit = new Map<string, number>();
  for (const doc of docs) for (const t of doc.topics ?? []) if (!topicBit.has(t)) topicBit.set(t, topicBit.size);
  const topicWords = Math.max(1, Math.ceil(topicBit.size / 32));
  const topicSets = new Uint32Array(n * topicWords);
  docs.forEach((doc, d) => {
    for (const t of doc.topics ?? []) {
      const bit = topicBit.get(t)!;
      topicSets[d * topicWords + (bit >>> 5)]! |= 1 << (bit & 31);
    }
  });
  const sharesTopic = (a: number, b: number): boolean => {
    for (let w = 0; w < topicWords; w += 1) if ((topicSets[a * topicWords + w]! & topicSets[b * topicWords + w]!) !== 0) return true;
    return false;
  };
  const result = new Map<string, Related[]>();
  const scores = new Float64Array(n);
  // Papers reached from this one, each once (a flag, not a zero score, says so: a score can stay 0).
  const reached = new Uint8Array(n);
  const touched: number[] = [];
  const better = (a: number, b: number) => scores[a]! > scores[b]! || (scores[a] === scores[b] && docs[a]!.id < docs[b]!.id);
  for (let doc = 0; doc < n; doc += 1) {
    const v = vectors[doc]!;
    for (let i = 0; i < v.ids.length; i += 1) {
      const id = v.ids[i]!;
      const w = v.weights[i]!;
      const others = postingDocs[id]!;
      const weights = postingWeights[id]!;
      for (let j = 0; j < others.length; j += 1) {
        const other = others[j]!;
        if (other === doc) continue;
        if (reached[other] === 0) {
          reached[other] = 1;
          touched.push(other);
        }
        scores[other]! += w * weights[j]!;
      }
    }
    const mine = docs[doc]!.topics ?? [];
    const floor = mine.length > 0 ? minimum : unsortedMinimum;
    // Top k by insertion into a short sorted list: no sort of every candidate.
    const top: number[] = [];
    for (const other of touched) {
      if (scores[other]! < floor || (mine.length > 0 && !sharesTopic(doc, other))) continue;
      if (top.length === k && !better(other, top[k - 1]!)) continue;
      let at = top.length;
      while (at > 0 && better(other, top[at - 1]!)) at -= 1;
      top.splice(at, 0, other);
      if (top.length > k) top.pop();
    }
    const shared = top.map((other) => sharedTerms(v, vectors[other]!));
    // The words as this paper writes them (“ASR”, “patches”), not as they were folded to be compared.
    const spelt = shared.some((terms) => terms.length > 0) ? spellingsIn(`${docs[doc]!.title}\n${docs[doc]!.abstract}`, new Set(shared.flat())) : undefined;
    result.set(
      docs[doc]!.id,
      top.map((other, i) => ({
        id: docs[other]!.id,
        topics: (docs[other]!.topics ?? []).filter((t) => mine.includes(t)),
        terms: shared[i]!.map((term) => spelt?.get(term) ?? term),
        score: scores[other]!,
      })),
    );
    for (const other of touched) {
      scores[other] = 0;
      reached[other] = 0;
    }
    touched.length = 0;
  }
  return result;
}

/**
 * The related papers of a digest's papers, by paper id. `papers` must be in the digest's order (`compareNewestFirst`):
 * scores are sums of floating-point numbers in that order, so the site and the search worker, which both make them,
 * agree to the last bit only when they hand over the papers in the same order.
 */
export function relatedOfPapers(papers: readonly Paper[], k = RELATED_COUNT): Map<string, Related[]> {
  return relatedPapers(
    papers.map((p) => ({ id: p.id, title: p.title, abstract: p.abstract, topics: p.topics.map((t) => t.slug) })),
    { k },
  );
}

/** Related papers as text, for the search worker to hand them to the build (`parseRelated` reads it back). */
export function stringifyRelated(related: ReadonlyMap<string, readonly Related[]>): string {
  return JSON.stringify([...related]);
}

/** The text `stringifyRelated` wrote, as the map it was made from. */
export function parseRelated(text: string): Map<string, Related[]> {
  return new Map(JSON.parse(text) as [string, Related[]][]);
}
