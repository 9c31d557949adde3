/** Scoring of predicted topic sets against hand labels. Pure arithmetic and validation, no I/O. */
import { z } from 'astro/zod';
import type { Validated } from './schema';

/** One hand-labelled paper of an evaluation file such as `../shared/eval/topics-dev.json`. */
export const LabelledPaperSchema = z.object({
  /** The title exactly as in the dump. */
  title: z.string().min(1),
  /** Gold topic slugs, most central first (1 to 4 in the bundled labels; any number is scored). */
  topics: z.array(z.string().min(1)).min(1),
  /** The most central topic: normally the first of `topics`, scored as given. */
  primary: z.string().min(1),
});
export type LabelledPaper = z.infer<typeof LabelledPaperSchema>;

/** Parses an evaluation file: a JSON array of labelled papers. The message names the entry and the field. */
export function parseLabels(text: string): Validated<LabelledPaper[]> {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  const result = z.array(LabelledPaperSchema).min(1).safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  const place = (path: readonly PropertyKey[]) =>
    typeof path[0] === 'number' ? `entry ${path[0] + 1}${path.length > 1 ? `, field ${path.slice(1).map(String).join('.')}` : ''}` : 'the file';
  return { ok: false, message: result.error.issues.map((issue) => `${place(issue.path)}: ${issue.message}`).join('; ') };
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
