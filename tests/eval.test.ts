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

describe('evaluateTopics with papers outside the taxonomy', () => {
  const report = evaluateTopics(
    [
      { label: { title: 'Weather', topics: [], primary: null }, predicted: [] },
      { label: { title: 'Robots', topics: [], primary: null }, predicted: ['efficiency'] },
      { label: { title: 'Codec', topics: ['codecs', 'speech'], primary: 'codecs' }, predicted: ['codecs', 'speech'] },
      { label: { title: 'Order', topics: ['codecs', 'speech'], primary: 'codecs' }, predicted: ['speech', 'codecs'] },
      { label: { title: 'Extra', topics: ['codecs'], primary: 'codecs' }, predicted: ['codecs', 'speech'] },
      { label: { title: 'Other', topics: ['codecs', 'vision'], primary: 'codecs' }, predicted: ['codecs', 'speech'] },
    ],
    ['codecs', 'speech', 'vision', 'efficiency', 'unused'],
  );

  it('counts a topic given to such a paper as a false positive, and the paper as given a topic', () => {
    expect(report.offTaxonomy).toEqual({ papers: 2, givenATopic: 1 });
    expect(report.perTopic.find((t) => t.slug === 'efficiency')).toMatchObject({ gold: 0, predicted: 1, precision: 0, f1: 0 });
  });

  it('scores primaries over the papers that have one, and lists every paper with a wrong set or a wrong first topic', () => {
    expect(report.primaryAccuracy).toBeCloseTo(3 / 4);
    expect(report.errors.map((e) => e.title)).toEqual(['Robots', 'Order', 'Extra', 'Other']);
    expect(report.errors[0]).toEqual({ title: 'Robots', gold: [], predicted: ['efficiency'] });
  });

  it('adds up micro figures over all tags: 6 right, 3 extra, 1 missed', () => {
    expect(report.micro.precision).toBeCloseTo(6 / 9);
    expect(report.micro.recall).toBeCloseTo(6 / 7);
    expect(report.perTopic.find((t) => t.slug === 'speech')).toMatchObject({ gold: 2, predicted: 4, precision: 0.5, recall: 1 });
    // Macro-F1 over the four topics that occur (unused is left out): codecs 1, speech 2/3, vision 0, efficiency 0.
    expect(report.macroF1).toBeCloseTo((1 + 2 / 3 + 0 + 0) / 4);
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

  it('fits the opening weight too, keeps a setting on a tie, and fits topics in any order they appear', () => {
    // Each paper's primary is far behind but all in its opening sentence: no bias on the grid gets either right,
    // an opening weight of 3 gets both.
    const opening: OrderingCase[] = [
      { primary: 'b', chosen: [topic('a', 30), topic('b', 8, 8)] },
      { primary: 'a', chosen: [topic('a', 8, 8), topic('b', 30)] },
    ];
    const withOpening = fitOrdering(opening, flat);
    expect(withOpening.openingWeight).toBeGreaterThan(0);
    expect(opening.map((paper) => primaryUnder(paper, withOpening))).toEqual(['b', 'a']);
    // Already right: nothing moves, not even to another value that is as good.
    const right: OrderingCase[] = [{ primary: 'a', chosen: [topic('a', 10), topic('b', 8)] }];
    expect(fitOrdering(right, { primaryBias: { a: 1.2, b: 0.9 }, openingWeight: 2 })).toEqual({ primaryBias: { a: 1.2, b: 0.9 }, openingWeight: 2 });
    // Two topics that must both move (z before y before x), listed in reverse order.
    const chain: OrderingCase[] = [
      { primary: 'z', chosen: [topic('x', 10), topic('z', 7)] },
      { primary: 'y', chosen: [topic('x', 10), topic('y', 8)] },
      { primary: 'z', chosen: [topic('y', 10), topic('z', 8)] },
    ];
    const fitted = fitOrdering(chain, flat);
    expect(chain.map((paper) => primaryUnder(paper, fitted))).toEqual(['z', 'y', 'z']);
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
  it('reads papers outside the taxonomy, and names a nested field by its path', () => {
    expect(parseLabels('[{"title":"Robots","topics":[],"primary":null}]')).toEqual({ ok: true, value: [{ title: 'Robots', topics: [], primary: null }] });
    expect(parseLabels('[{"title":"A","topics":[""],"primary":"x"}]')).toEqual({
      ok: false,
      message: expect.stringMatching(/^entry 1, field topics\.0: Too small/) as unknown,
    });
    expect(parseLabels('[{"title":"","topics":["x"],"primary":"x"}]')).toEqual({
      ok: false,
      message: expect.stringMatching(/^entry 1, field title: Too small/) as unknown,
    });
    expect(parseLabels('[{"title":"A","topics":["x"],"primary":""}]')).toEqual({
      ok: false,
      message: expect.stringMatching(/^entry 1, field primary: Too small/) as unknown,
    });
    expect(parseLabels('[5]')).toEqual({ ok: false, message: expect.stringMatching(/^entry 1: Invalid input/) as unknown });
  });

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
