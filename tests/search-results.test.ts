/** Result text (src/lib/search/results.ts): highlighting and snippets. */
import { describe, expect, it } from 'vitest';
import { highlight, snippet } from '../src/lib/search/results';

describe('highlighting and snippets', () => {
  it('marks words starting with a searched word, leaving HTML as text', () => {
    expect(highlight('<b>Neural</b> codecs & more', ['codec'])).toEqual([
      { text: '<b>Neural</b> ', mark: false },
      { text: 'codecs', mark: true },
      { text: ' & more', mark: false },
    ]);
  });
  it('centres the snippet on the first match', () => {
    const text = `${'word '.repeat(100)}target here and more ${'tail '.repeat(60)}`;
    const s = snippet(text, ['target']);
    expect(s.startsWith('…')).toBe(true);
    expect(s).toContain('target here');
    expect(s.length).toBeLessThanOrEqual(224);
  });
});
