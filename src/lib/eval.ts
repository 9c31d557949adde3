/** Scoring of predicted topic sets against hand labels. Pure arithmetic, no I/O. */

export interface LabelledPaper {
  title: string;
  /** Gold topics, most central first. */
  topics: string[];
  primary: string;
}

export interface TopicFigures {
  slug: string;
  gold: number;
  predicted: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface EvaluationReport {
  micro: { precision: number; recall: number; f1: number };
  macroF1: number;
  primaryAccuracy: number;
  perTopic: TopicFigures[];
  errors: { title: string; gold: string[]; predicted: string[] }[];
}

function f1(precision: number, recall: number): number {
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);

export function evaluateTopics(cases: readonly { label: LabelledPaper; predicted: readonly string[] }[], slugs: readonly string[]): EvaluationReport {
  const tp = new Map<string, number>();
  const fp = new Map<string, number>();
  const fn = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  let primaryHits = 0;
  const errors: EvaluationReport['errors'] = [];
  for (const { label, predicted } of cases) {
    const gold = new Set(label.topics);
    const got = new Set(predicted);
    for (const s of got) bump(gold.has(s) ? tp : fp, s);
    for (const s of gold) if (!got.has(s)) bump(fn, s);
    const primaryRight = predicted[0] === label.primary;
    if (primaryRight) primaryHits += 1;
    const setRight = gold.size === got.size && [...gold].every((s) => got.has(s));
    if (!setRight || !primaryRight) errors.push({ title: label.title, gold: label.topics, predicted: [...predicted] });
  }
  const perTopic = slugs.map((slug) => {
    const t = tp.get(slug) ?? 0;
    const precision = ratio(t, t + (fp.get(slug) ?? 0));
    const recall = ratio(t, t + (fn.get(slug) ?? 0));
    return { slug, gold: t + (fn.get(slug) ?? 0), predicted: t + (fp.get(slug) ?? 0), precision, recall, f1: f1(precision, recall) };
  });
  const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  const precision = ratio(sum(tp), sum(tp) + sum(fp));
  const recall = ratio(sum(tp), sum(tp) + sum(fn));
  const scored = perTopic.filter((t) => t.gold > 0 || t.predicted > 0);
  return {
    micro: { precision, recall, f1: f1(precision, recall) },
    macroF1: ratio(
      scored.reduce((a, t) => a + t.f1, 0),
      scored.length,
    ),
    primaryAccuracy: ratio(primaryHits, cases.length),
    perTopic,
    errors,
  };
}
