/** Scoring of predicted topic sets against hand labels. Pure arithmetic and validation, no I/O. */
import { z } from 'astro/zod';
import { formatIssues, type Validated } from '../schema';
import { orderValue } from './tag';

/** One hand-labelled paper of an evaluation file such as `../shared/eval/topics-dev.json`. */
export const LabelledPaperSchema = z.object({
  /** The title exactly as in the dump. */
  title: z.string().min(1),
  /** Gold topic slugs, most central first; empty for a paper whose subject is outside the taxonomy. */
  topics: z.array(z.string().min(1)),
  /** The most central topic: normally the first of `topics`, scored as given; null for a paper outside the taxonomy. */
  primary: z.string().min(1).nullable(),
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
  return { ok: false, message: formatIssues(result.error, place) };
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
  /** Over the papers that have a primary topic (those outside the taxonomy have none to get right). */
  primaryAccuracy: number;
  /** Papers outside the taxonomy (no gold topic), and how many of them were given a topic all the same. */
  offTaxonomy: { papers: number; givenATopic: number };
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
  let withPrimary = 0;
  const offTaxonomy = { papers: 0, givenATopic: 0 };
  const errors: EvaluationReport['errors'] = [];
  for (const { label, predicted } of cases) {
    const gold = new Set(label.topics);
    const got = new Set(predicted);
    for (const s of got) bump(gold.has(s) ? tp : fp, s);
    for (const s of gold) if (!got.has(s)) bump(fn, s);
    const primaryRight = label.primary === null ? predicted.length === 0 : predicted[0] === label.primary;
    if (label.primary !== null) {
      withPrimary += 1;
      if (primaryRight) primaryHits += 1;
    } else {
      offTaxonomy.papers += 1;
      if (predicted.length > 0) offTaxonomy.givenATopic += 1;
    }
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
    primaryAccuracy: ratio(primaryHits, withPrimary),
    offTaxonomy,
    perTopic,
    errors,
  };
}

/** What ordering needs of one labelled paper: its gold primary, and the topics the tagger chose, in taxonomy order. */
export interface OrderingCase {
  primary: string;
  chosen: readonly { slug: string; score: number; openingScore: number }[];
}

/** The settings that put a paper's chosen topics in order (see `orderKey` in tag.ts). */
export interface OrderingSettings {
  /** Each topic's `primaryBias`; a topic not listed has 1. */
  primaryBias: Readonly<Record<string, number>>;
  openingWeight: number;
}

/** The topic the tagger would put first under these settings; on a tie, the earlier in taxonomy order, as `tagPaper` does. */
export function primaryUnder(paper: OrderingCase, settings: OrderingSettings): string | undefined {
  let primary: string | undefined;
  let best = -Infinity;
  for (const topic of paper.chosen) {
    const key = orderValue(topic, settings.openingWeight, settings.primaryBias[topic.slug] ?? 1);
    if (key > best) [primary, best] = [topic.slug, key];
  }
  return primary;
}

const primariesRight = (cases: readonly OrderingCase[], settings: OrderingSettings) =>
  cases.filter((paper) => primaryUnder(paper, settings) === paper.primary).length;

const BIAS_GRID = [0.5, 0.6, 0.7, 0.8, 0.9, 1, 1.1, 1.2, 1.3, 1.4, 1.5];
const OPENING_GRID = [0, 0.5, 1, 2, 3];

/**
 * Fits the ordering settings to labelled papers by coordinate search: each topic's bias, then the opening weight,
 * moves to the grid value that gets the most primaries right (keeping its value on a tie), until nothing moves.
 * Deterministic. What a maintainer tuning `primaryBias` by hand against the labels does, done thoroughly.
 */
export function fitOrdering(cases: readonly OrderingCase[], start: OrderingSettings): OrderingSettings {
  const fitted = { primaryBias: { ...start.primaryBias }, openingWeight: start.openingWeight };
  const slugs = [...new Set(cases.flatMap((paper) => paper.chosen.map((t) => t.slug)))].sort();
  const tryValues = (grid: readonly number[], get: () => number, set: (value: number) => void): boolean => {
    const was = get();
    let [bestValue, bestRight] = [was, primariesRight(cases, fitted)];
    for (const value of grid) {
      set(value);
      const right = primariesRight(cases, fitted);
      if (right > bestRight) [bestValue, bestRight] = [value, right];
    }
    set(bestValue);
    return bestValue !== was;
  };
  for (let moved = true; moved;) {
    moved = false;
    for (const slug of slugs) {
      const bias = fitted.primaryBias;
      moved =
        tryValues(
          BIAS_GRID,
          () => bias[slug] ?? 1,
          (value) => (bias[slug] = value),
        ) || moved;
    }
    moved =
      tryValues(
        OPENING_GRID,
        () => fitted.openingWeight,
        (value) => (fitted.openingWeight = value),
      ) || moved;
  }
  return fitted;
}

/** How many primaries are right: with the given settings, with settings fitted to all papers, and held out. */
export interface OrderingCheck {
  papers: number;
  /** With the settings as they are. */
  current: number;
  /** With settings fitted to every labelled paper: what tuning against these labels can reach on them. */
  fitted: number;
  /** Each paper ordered by settings fitted to all the other papers (leave-one-out): what that tuning gives on papers it has not seen. */
  heldOut: number;
}

/**
 * Leave-one-out check of tuning the order against labels. When `fitted` is well above `heldOut`, a gain found by
 * tuning `primaryBias` on these labels is fitting these papers rather than a rule that carries over to new ones.
 */
export function crossValidateOrdering(cases: readonly OrderingCase[], start: OrderingSettings): OrderingCheck {
  const heldOut = cases.filter((paper, i) => {
    const others = cases.filter((_, j) => j !== i);
    return primaryUnder(paper, fitOrdering(others, start)) === paper.primary;
  }).length;
  return { papers: cases.length, current: primariesRight(cases, start), fitted: primariesRight(cases, fitOrdering(cases, start)), heldOut };
}

export interface RelatedFigures {
  /** Related-paper links shown, over all papers. */
  links: number;
  /** Links between two papers whose hand labels share no topic. */
  offTopic: number;
  /** Papers that list no related paper. */
  withNone: number;
  papers: number;
}

/** How related-paper links agree with hand labels: a link is off topic when the two papers' labels share no topic. */
export function scoreRelated(related: ReadonlyMap<string, readonly { id: string }[]>, labels: ReadonlyMap<string, readonly string[]>): RelatedFigures {
  let links = 0;
  let offTopic = 0;
  let withNone = 0;
  for (const [id, list] of related) {
    if (list.length === 0) withNone += 1;
    const mine = labels.get(id) ?? [];
    for (const other of list) {
      links += 1;
      if (!(labels.get(other.id) ?? []).some((t) => mine.includes(t))) offTopic += 1;
    }
  }
  return { links, offTopic, withNone, papers: related.size };
}
