/** Problems found in input files (src/lib/ingest/problems.ts): one line each, FILE:LINE first. */
import { describe, expect, it } from 'vitest';
import { formatProblem, hasErrors } from '../src/lib/ingest/problems';

describe('problems', () => {
  it('prints FILE:LINE: severity: message, or FILE alone for the whole file', () => {
    expect(formatProblem({ file: 'd.txt', line: 12, severity: 'error', message: 'a title with no abstract' })).toBe(
      'd.txt:12: error: a title with no abstract',
    );
    expect(formatProblem({ file: 'd.txt', line: 0, severity: 'note', message: 'no papers' })).toBe('d.txt: note: no papers');
    expect(hasErrors([{ file: 'd.txt', line: 1, severity: 'note', message: '' }])).toBe(false);
  });

  it('has errors when any problem is an error, however many notes', () => {
    const note = { file: 'd.txt', line: 1, severity: 'note', message: 'a note' } as const;
    const error = { file: 'd.txt', line: 2, severity: 'error', message: 'a lost paper' } as const;
    expect(hasErrors([note, error, note])).toBe(true);
    expect(hasErrors([error])).toBe(true);
    expect(hasErrors([])).toBe(false);
  });
});
