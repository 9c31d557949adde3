import { tokenize } from './words';

/** English words that carry no topic; dropped before weighting. */
const STOPWORDS = new Set(
  'a an and are as at be been being but by can could do does for from has have how however in into is it its may more most much not of on or our over such than that the their them then these they this those through to under up use used using via was we were what when where which while with within would also both each other only same so some very well all any between both different new novel propose proposed show shows paper approach method methods result results based model models task tasks performance existing large work further first one two three while without towards toward achieve achieves state art'
    .split(' '),
);

export interface RelatedOptions {
  /** How many related papers per paper. Default 5. */
  k?: number;
  /** Terms found in more than this share of papers are ignored (they relate everything to everything). Default 0.05. */
  maxDocumentShare?: number;
}

export interface RelatedInput {
  id: string;
  title: string;
  abstract: string;
}

function termsOf(doc: RelatedInput): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (text: string, weight: number) => {
    for (const { form } of tokenize(text)) {
      if (form.length < 3 || STOPWORDS.has(form) || /^\d+$/.test(form)) continue;
      counts.set(form, (counts.get(form) ?? 0) + weight);
    }
  };
  add(doc.title, 2);
  add(doc.abstract, 1);
  return counts;
}

/**
 * The most similar papers to each paper by TF-IDF cosine over title and abstract words. Sparse: scores are
 * accumulated through an inverted index, and terms common to many papers are skipped, so the cost grows with
 * the number of papers that share rare words, not with all pairs. Ties break by id, so output is deterministic.
 */
export function relatedPapers(docs: readonly RelatedInput[], options: RelatedOptions = {}): Map<string, string[]> {
  const k = options.k ?? 5;
  const n = docs.length;
  const maxDf = Math.max(2, Math.floor(n * (options.maxDocumentShare ?? 0.05)));
  const termCounts = docs.map(termsOf);
  const df = new Map<string, number>();
  for (const counts of termCounts) for (const term of counts.keys()) df.set(term, (df.get(term) ?? 0) + 1);

  const postings = new Map<string, { doc: number; weight: number }[]>();
  const vectors = termCounts.map((counts, doc) => {
    const entries: [string, number][] = [];
    for (const [term, tf] of counts) {
      const d = df.get(term)!;
      if (d > maxDf || d < 2) continue;
      entries.push([term, (1 + Math.log(tf)) * Math.log(n / d)]);
    }
    const norm = Math.hypot(...entries.map(([, w]) => w)) || 1;
    const vector = entries.map(([term, w]) => [term, w / norm] as const);
    for (const [term, weight] of vector) {
      let list = postings.get(term);
      if (!list) postings.set(term, (list = []));
      list.push({ doc, weight });
    }
    return vector;
  });

  const result = new Map<string, string[]>();
  const scores = new Float64Array(n);
  const touched: number[] = [];
  vectors.forEach((vector, doc) => {
    for (const [term, weight] of vector) {
      for (const other of postings.get(term)!) {
        if (other.doc === doc) continue;
        if (scores[other.doc] === 0) touched.push(other.doc);
        scores[other.doc]! += weight * other.weight;
      }
    }
    const ranked = touched
      .map((other) => ({ other, score: scores[other]! }))
      .sort((a, b) => b.score - a.score || (docs[a.other]!.id < docs[b.other]!.id ? -1 : 1))
      .slice(0, k);
    result.set(docs[doc]!.id, ranked.map((r) => docs[r.other]!.id));
    for (const other of touched) scores[other] = 0;
    touched.length = 0;
  });
  return result;
}
