import { describe, expect, it } from 'vitest';
import { ARXIV_ID, DaySchema, PaperSchema, SLUG_PATTERN, formatIssues, issueMessages } from '../src/lib/schema';

const valid = {
  id: 'a-paper',
  title: 'A Paper',
  abstract: 'An abstract.',
  firstSeen: '2026-11-26',
  seen: [{ date: '2026-11-26', rank: 1 }],
};

/** The messages a record with these fields changed gets, or [] when it is valid. */
function problems(change: Record<string, unknown>): string[] {
  const result = PaperSchema.safeParse({ ...valid, ...change });
  return result.success ? [] : issueMessages(result.error);
}

describe('the paper record', () => {
  it('accepts a minimal record, defaulting links and topics to none', () => {
    const result = PaperSchema.parse(valid);
    expect(result.links).toEqual([]);
    expect(result.topics).toEqual([]);
  });

  it.each([
    [{ id: 'A-Paper' }, 'id: must be a lowercase slug (a-z, 0-9, single hyphens)'],
    [{ id: 'x a-paper' }, 'id: must be a lowercase slug (a-z, 0-9, single hyphens)'],
    [{ id: 'a-paper!' }, 'id: must be a lowercase slug (a-z, 0-9, single hyphens)'],
    [{ title: '   ' }, 'title: must not be empty'],
    [{ abstract: ' \n ' }, 'abstract: must not be empty'],
    [{ firstSeen: '26 November 2026' }, 'firstSeen: must be a date written YYYY-MM-DD'],
    [{ firstSeen: 'x2026-11-26' }, 'firstSeen: must be a date written YYYY-MM-DD'],
    [{ firstSeen: '2026-11-26x' }, 'firstSeen: must be a date written YYYY-MM-DD'],
    [{ arxivId: '2401.01234v2' }, 'arxivId: must be an arXiv identifier such as 2401.01234, without version'],
    [{ arxivId: 'v2401.01234' }, 'arxivId: must be an arXiv identifier such as 2401.01234, without version'],
    [{ arxivCategory: 'cs.LG extra' }, 'arxivCategory: must be an arXiv category such as cs.LG'],
    [{ arxivCategory: 'x cs.LG' }, 'arxivCategory: must be an arXiv category such as cs.LG'],
    [{ arxivCategory: 'cs.' }, 'arxivCategory: must be an arXiv category such as cs.LG'],
    [{ arxivCategory: 'cs.L1' }, 'arxivCategory: must be an arXiv category such as cs.LG'],
    [{ arxivCategory: 'CS.LG' }, 'arxivCategory: must be an arXiv category such as cs.LG'],
  ])('refuses %o with “%s”', (change, message) => {
    expect(problems(change)[0]).toBe(message);
  });

  it('refuses a well-written date that is not on the calendar', () => {
    expect(problems({ firstSeen: '2026-02-30' })).toEqual(['firstSeen: is not a real calendar date']);
  });

  it.each([
    { arxivCategory: 'cs.LG' },
    { arxivCategory: 'hep-th' },
    { arxivCategory: 'math.NA' },
    { arxivId: '2401.01234' },
    { arxivId: 'hep-th/9901001' },
    { arxivId: 'math.GT/0309136' },
  ])('accepts %o', (change) => expect(problems(change)).toEqual([]));

  it('trims a title and refuses an author that is only spaces, or an empty author list', () => {
    expect(PaperSchema.parse({ ...valid, title: '  A Paper  ' }).title).toBe('A Paper');
    expect(problems({ authors: ['Grace Hopper', ' '] })).toHaveLength(1);
    expect(problems({ authors: [] })).toHaveLength(1);
    expect(problems({ authors: ['Grace Hopper', 'Edsger Dijkstra'] })).toEqual([]);
  });

  it('takes only http and https links', () => {
    const link = (url: string) => ({ links: [{ url, kind: 'code', label: 'x' }] });
    expect(problems(link('https://github.com/a/b'))).toEqual([]);
    expect(problems(link('http://example.org/'))).toEqual([]);
    expect(problems(link('ftp://example.org/'))).toHaveLength(1);
    expect(problems(link('javascript:alert(1)'))).toHaveLength(1);
    expect(problems(link('xhttps://example.org/'))).toHaveLength(1);
    expect(problems(link('httpsx://example.org/'))).toHaveLength(1);
  });

  it('holds at most four topics', () => {
    const topic = (slug: string) => ({ slug, score: 5, evidence: [] });
    expect(problems({ topics: ['a', 'b', 'c', 'd'].map(topic) })).toEqual([]);
    expect(problems({ topics: ['a', 'b', 'c', 'd', 'e'].map(topic) })).toHaveLength(1);
  });
});

describe('the patterns', () => {
  it('match a whole slug, a whole arXiv id and a whole date, never part of one', () => {
    expect(['codecs', 'speech-audio', 'a1'].every((s) => SLUG_PATTERN.test(s))).toBe(true);
    expect(['-codecs', 'codecs-', 'speech--audio', 'Codecs', 'x codecs', 'codecs x'].some((s) => SLUG_PATTERN.test(s))).toBe(false);
    expect(['2401.01234', '2401.0123', 'hep-th/9901001', 'math.GT/0309136'].every((s) => ARXIV_ID.test(s))).toBe(true);
    expect(['x2401.01234', '2401.01234x', 'math.G/0309136', 'math.g1/0309136'].some((s) => ARXIV_ID.test(s))).toBe(false);
    expect(DaySchema.safeParse('2026-11-26').success).toBe(true);
  });
});

describe('issue messages', () => {
  it('name each issue by its field path, or give the message alone when there is no place', () => {
    const result = PaperSchema.safeParse({ ...valid, seen: [{ date: 'soon', rank: 1 }], topics: [{ slug: 'Bad', score: 1, evidence: [] }] });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(issueMessages(result.error)).toEqual([
      'seen.0.date: must be a date written YYYY-MM-DD',
      'seen.0.date: is not a real calendar date',
      expect.stringMatching(/^topics\.0\.slug: /),
    ]);
    expect(formatIssues(result.error)).toBe(issueMessages(result.error).join('; '));
    expect(issueMessages(result.error, () => '')).toEqual([
      'must be a date written YYYY-MM-DD',
      'is not a real calendar date',
      expect.not.stringMatching(/^topics/),
    ]);
    expect(issueMessages(result.error, (path) => `line ${path.length}`)[0]).toBe('line 3: must be a date written YYYY-MM-DD');
  });
});
