import { describe, expect, it } from 'vitest';
import { evaluateTopics, parseLabels } from '../src/lib/eval';
import { formatProblem, hasErrors } from '../src/lib/problems';
import { parseSiteSettings } from '../src/lib/settings';

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

describe('problems', () => {
  it('prints FILE:LINE: severity: message, or FILE alone for the whole file', () => {
    expect(formatProblem({ file: 'd.txt', line: 12, severity: 'error', message: 'a title with no abstract' })).toBe(
      'd.txt:12: error: a title with no abstract',
    );
    expect(formatProblem({ file: 'd.txt', line: 0, severity: 'note', message: 'no papers' })).toBe('d.txt: note: no papers');
    expect(hasErrors([{ file: 'd.txt', line: 1, severity: 'note', message: '' }])).toBe(false);
  });
});

describe('parseSiteSettings', () => {
  it('fills defaults', () => {
    const result = parseSiteSettings('title: Digest\ndescription: Papers.\n');
    expect(result).toEqual({
      ok: true,
      value: { title: 'Digest', description: 'Papers.', pageSize: 30, feedItems: 100, topicFeedItems: 50, relatedCount: 5, language: 'en' },
    });
  });

  it('names the bad field, and says when the YAML itself is broken', () => {
    const message = (text: string) => {
      const result = parseSiteSettings(text);
      return result.ok ? '' : result.message;
    };
    expect(message('title: Digest\ndescription: Papers.\npageSize: 2\n')).toMatch(/^field pageSize: /);
    expect(message('title: [unclosed')).toMatch(/^not valid YAML/);
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
