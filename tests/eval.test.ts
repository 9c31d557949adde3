import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crossValidateOrdering, evaluateTopics, fitOrdering, parseLabels, primaryUnder, type OrderingCase, scoreRelated } from '../src/lib/topics/eval';
import { compileTaxonomy, scoreTopics, tagPaper } from '../src/lib/topics/tag';
import { parseTaxonomy } from '../src/lib/topics/taxonomy';
import { ROOT } from './helpers';

describe('evaluateTopics', () => {
  const report = evaluateTopics(
    [
      { label: { title: 'A', topics: ['x', 'y'], primary: 'x' }, predicted: ['x', 'y'] },
      { label: { title: 'B', topics: ['y'], primary: 'y' }, predicted: ['x', 'y'] },
      { label: { title: 'C', topics: ['x', 'z'], primary: 'x' }, predicted: ['x'] },
    ],
    ['x', 'y', 'z', 'unused'],
  );

  it('scores micro precision, recall and F1 over every tag', () => {
    // 4 right, 1 extra (B: x), 1 missed (C: z).
    expect(report.micro.precision).toBeCloseTo(4 / 5);
    expect(report.micro.recall).toBeCloseTo(4 / 5);
    expect(report.micro.f1).toBeCloseTo(4 / 5);
  });

  it('scores each topic, and averages macro-F1 over topics that occur', () => {
    const byTopic = Object.fromEntries(report.perTopic.map((t) => [t.slug, t]));
    expect(byTopic['x']).toMatchObject({ gold: 2, predicted: 3, precision: 2 / 3, recall: 1 });
    expect(byTopic['z']).toMatchObject({ gold: 1, predicted: 0, f1: 0 });
    expect(byTopic['unused']).toMatchObject({ gold: 0, predicted: 0 });
    expect(report.macroF1).toBeCloseTo((0.8 + 1 + 0) / 3);
  });

  it('counts the primary topic and lists the papers it gets wrong', () => {
    expect(report.primaryAccuracy).toBeCloseTo(2 / 3);
    expect(report.errors.map((e) => e.title)).toEqual(['B', 'C']);
  });
});

describe('ordering checks', () => {
  const topic = (slug: string, score: number, openingScore = 0) => ({ slug, score, openingScore });
  const flat = { primaryBias: {}, openingWeight: 0 };

  it('puts first what tagPaper puts first, with the taxonomy’s own settings', () => {
    const loaded = parseTaxonomy(readFileSync(join(ROOT, 'content/topics.yaml'), 'utf8'));
    if (!loaded.ok) throw new Error(loaded.messages.join('\n'));
    const compiled = compileTaxonomy(loaded.value);
    const settings = {
      primaryBias: Object.fromEntries(loaded.value.topics.map((t) => [t.slug, t.primaryBias])),
      openingWeight: loaded.value.settings.openingWeight,
    };
    for (const paper of [
      {
        title: 'Task-Aware Encoder Control for Deep Video Compression',
        abstract: 'Video codecs are built for human viewing. We control the encoder for machine tasks.',
      },
      {
        title: 'Context Autoencoder for Self-Supervised Representation Learning',
        abstract: 'We present a masked image modeling approach for self-supervised representation pretraining.',
      },
      { title: 'Ternary Weights for Low-Bit Language Models', abstract: 'Large language models are costly. We quantize them to ternary weights.' },
    ]) {
      const given = tagPaper(compiled, paper).map((t) => t.slug);
      const chosen = scoreTopics(compiled, paper).filter((s) => given.includes(s.slug));
      expect(primaryUnder({ primary: '', chosen }, settings)).toBe(given[0]);
    }
  });

  it('orders by score, the opening sentence and the bias, and keeps taxonomy order on a tie', () => {
    const paper = { primary: 'b', chosen: [topic('a', 10), topic('b', 8, 3)] };
    expect(primaryUnder(paper, flat)).toBe('a');
    expect(primaryUnder(paper, { primaryBias: {}, openingWeight: 1 })).toBe('b');
    expect(primaryUnder(paper, { primaryBias: { a: 0.7 }, openingWeight: 0 })).toBe('b');
    expect(primaryUnder({ primary: 'a', chosen: [topic('a', 5), topic('b', 5)] }, flat)).toBe('a');
  });

  it('fits the biases that get the labelled primaries right', () => {
    const cases: OrderingCase[] = [
      { primary: 'b', chosen: [topic('a', 10), topic('b', 8)] },
      { primary: 'b', chosen: [topic('a', 9), topic('b', 8)] },
      { primary: 'a', chosen: [topic('a', 4), topic('c', 3)] },
    ];
    const fitted = fitOrdering(cases, flat);
    expect(cases.map((paper) => primaryUnder(paper, fitted))).toEqual(['b', 'b', 'a']);
    expect(fitOrdering(cases, flat)).toEqual(fitted);
  });

  it('tells a fit that carries over to held-out papers from one that only fits the labels', () => {
    // Every paper prefers b over a by the same margin: the fit learnt without any one paper still gets it right.
    const consistent: OrderingCase[] = [1, 2, 3, 4].map(() => ({ primary: 'b', chosen: [topic('a', 10), topic('b', 8)] }));
    expect(crossValidateOrdering(consistent, flat)).toEqual({ papers: 4, current: 0, fitted: 4, heldOut: 4 });
    // Two papers with the same scores and opposite labels: any fit gets one right, and the held-out one wrong.
    const contrary: OrderingCase[] = [
      { primary: 'a', chosen: [topic('a', 10), topic('b', 8)] },
      { primary: 'b', chosen: [topic('a', 10), topic('b', 8)] },
    ];
    expect(crossValidateOrdering(contrary, flat)).toEqual({ papers: 2, current: 1, fitted: 1, heldOut: 0 });
  });
});

describe('parseLabels', () => {
  it('reads a JSON array of labelled papers', () => {
    expect(parseLabels('[{"title":"A","topics":["x","y"],"primary":"x"}]')).toEqual({ ok: true, value: [{ title: 'A', topics: ['x', 'y'], primary: 'x' }] });
  });

  it.each([
    ['{', /^not valid JSON: /],
    ['[]', /^the file: Too small/],
    ['[{"title":"A","topics":["x"]}]', /^entry 1, field primary: Invalid input: expected string, received undefined$/],
    ['[{"title":"A","topics":["x"],"primary":"x"},{"title":"B","topics":"x","primary":"x"}]', /^entry 2, field topics: /],
  ])('refuses %s with a message naming the place', (text, message) => {
    const result = parseLabels(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});

describe('scoreRelated', () => {
  it('counts links between papers whose labels share no topic, and papers with no link', () => {
    const related = new Map([
      ['a', [{ id: 'b' }, { id: 'c' }]],
      ['b', [{ id: 'a' }]],
      ['c', []],
    ]);
    const labels = new Map([
      ['a', ['codecs', 'speech']],
      ['b', ['speech']],
      ['c', ['vision']],
    ]);
    expect(scoreRelated(related, labels)).toEqual({ links: 3, offTopic: 1, withNone: 1, papers: 3 });
  });
});
