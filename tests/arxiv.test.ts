import { describe, expect, it } from 'vitest';
import {
  abstractAgreement,
  arxivIdIn,
  arxivLinks,
  bibtex,
  chooseEntry,
  findLinks,
  parseArxivFeed,
  titleForMatching,
  titleQuery,
  type ArxivEntry,
} from '../src/lib/ingest/arxiv';
import type { Paper } from '../src/lib/schema';
import { retryAfterSeconds } from '../src/net/arxiv-client';
import { atomFeed, errorFeed } from './arxiv-standin';

describe('arxivIdIn', () => {
  it.each([
    ['Code and paper: arXiv:2401.01234v2.', '2401.01234'],
    ['See https://arxiv.org/abs/2310.12345 for details', '2310.12345'],
    ['PDF at arxiv.org/pdf/0706.0001v1.', '0706.0001'],
    ['Page: https://huggingface.co/papers/2502.00001', '2502.00001'],
    ['An old one: arXiv:hep-th/9901001', 'hep-th/9901001'],
  ])('finds the id in %j', (text, id) => {
    expect(arxivIdIn(text)).toBe(id);
  });

  it('reads the prefix in any case, but not an old-style id in capitals, which arXiv never writes', () => {
    expect(arxivIdIn('ARXIV:2401.01234')).toBe('2401.01234');
    expect(arxivIdIn('arXiv:HEP-TH/9901001')).toBeUndefined();
  });

  it('finds nothing in text without an arXiv id, nor in a number that only looks like one', () => {
    expect(arxivIdIn('We reach 2401.01234 FPS on github.com/a/b')).toBeUndefined();
    expect(arxivIdIn('huggingface.co/datasets/2401.01234')).toBeUndefined();
  });
});

describe('titles', () => {
  it('compares titles by their letters and digits, whatever the case, accents, spacing and punctuation', () => {
    expect(titleForMatching('NeRV++:  An  Éclair\n  of Codecs!')).toBe('nerv an eclair of codecs');
    expect(titleQuery('Foo: "Bar" (Baz)')).toBe('ti:"foo bar baz"');
  });
});

const entry = (id: string, title: string, summary: string, authors = ['Ada Lovelace']): ArxivEntry => ({
  id,
  title,
  summary,
  authors,
  published: '2024-01-15',
  category: 'cs.LG',
});

describe('parseArxivFeed', () => {
  it('reads the entries of an answer in the manual’s format: id without version, title on one line, authors, date, category', () => {
    const xml = atomFeed('search_query=x', [
      {
        id: '2401.01234',
        title: 'A Long Title That the API Breaks Over Two Lines in Its Answer',
        summary: 'Abstract text.',
        authors: ['Ada Lovelace', 'Alan Turing'],
        published: '2024-01-15',
        category: 'cs.LG',
      },
    ]);
    expect(parseArxivFeed(xml)).toEqual({
      ok: true,
      entries: [
        {
          id: '2401.01234',
          title: 'A Long Title That the API Breaks Over Two Lines in Its Answer',
          summary: 'Abstract text.',
          authors: ['Ada Lovelace', 'Alan Turing'],
          published: '2024-01-15',
          category: 'cs.LG',
        },
      ],
    });
  });

  it('reads an answer written by hand: CDATA, versions, dates with times, categories, and what to leave out', () => {
    const xml = `<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">
  <title>Query results</title>
  <entry>
    <id>http://arxiv.org/abs/2401.01234v12</id>
    <published>2024-01-15T18:00:00Z</published>
    <title><![CDATA[Codecs & <Co>]]></title>
    <summary>An abstract.</summary>
    <author><name>Ada Lovelace</name><arxiv:affiliation>Analytical Engines</arxiv:affiliation></author>
    <arxiv:primary_category term="cs.LG"/>
    <category term="cs.AI"/>
  </entry>
  <entry>
    <id>http://arxiv.org/abs/2401.05678</id>
    <published>unknown</published>
    <title>No Category</title>
    <arxiv:primary_category/>
  </entry>
  <entry><id>http://arxiv.org/abs/not-an-id</id><title>Bad Id</title></entry>
  <entry><id>http://arxiv.org/abs/2401.09999</id><summary>No title.</summary></entry>
</feed>`;
    expect(parseArxivFeed(xml)).toEqual({
      ok: true,
      entries: [
        { id: '2401.01234', title: 'Codecs & <Co>', summary: 'An abstract.', authors: ['Ada Lovelace'], published: '2024-01-15', category: 'cs.LG' },
        { id: '2401.05678', title: 'No Category', summary: '', authors: [], published: undefined, category: undefined },
      ],
    });
  });

  it('says “no message” for an API error without one', () => {
    const xml = `<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/api/errors#x</id></entry></feed>`;
    expect(parseArxivFeed(xml)).toEqual({ ok: false, error: 'the API answered with an error: no message' });
  });

  it('reads an answer with no result as no entries', () => {
    expect(parseArxivFeed(atomFeed('q', []))).toEqual({ ok: true, entries: [] });
  });

  it('says why an answer cannot be used: malformed XML, not a feed, an API error', () => {
    expect(parseArxivFeed('<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>Broken')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^the answer is not well-formed XML/) as unknown,
    });
    expect(parseArxivFeed('<html><body>Rate exceeded</body></html>')).toEqual({ ok: false, error: 'the answer is not an Atom feed' });
    expect(parseArxivFeed(errorFeed('incorrect id format for 1234'))).toEqual({
      ok: false,
      error: 'the API answered with an error: incorrect id format for 1234',
    });
  });
});

describe('chooseEntry', () => {
  const paper = {
    title: 'Neural Audio Codecs at Scale',
    abstract: 'We train neural audio codecs on a million hours of speech and music and study how they scale.',
  };

  it('takes the one result whose title is the paper’s, and nothing when none is', () => {
    expect(chooseEntry(paper, [entry('2401.00001', 'Neural audio codecs at scale.', 'Other words.')])).toEqual({
      kind: 'resolved',
      entry: entry('2401.00001', 'Neural audio codecs at scale.', 'Other words.'),
    });
    expect(chooseEntry(paper, [entry('2401.00002', 'Neural Audio Codecs at Small Scale', paper.abstract)])).toEqual({ kind: 'not-found' });
    expect(chooseEntry(paper, [])).toEqual({ kind: 'not-found' });
  });

  it('among results with the same title takes the one whose abstract agrees, never the impostor', () => {
    const impostor = entry('2301.99999', paper.title, 'A survey of image codecs for satellites, unrelated to audio.');
    const real = entry('2401.00001', paper.title, 'We train neural audio codecs on a million hours of speech and music, and we study how they scale.');
    expect(chooseEntry(paper, [impostor, real])).toEqual({ kind: 'resolved', entry: real });
    expect(chooseEntry(paper, [real, impostor])).toEqual({ kind: 'resolved', entry: real });
  });

  it('calls it ambiguous when several share the title and none, or more than one, has the abstract', () => {
    const a = entry('2301.00001', paper.title, 'Something else entirely about robots.');
    const b = entry('2301.00002', paper.title, 'Yet another unrelated abstract on weather.');
    expect(chooseEntry(paper, [a, b])).toEqual({ kind: 'ambiguous', ids: ['2301.00001', '2301.00002'] });
  });

  it('measures abstract agreement as shared words', () => {
    expect(abstractAgreement('the cat sat on the mat', 'the cat sat on the mat')).toBe(1);
    expect(abstractAgreement('audio codec speech', 'robot legged walking')).toBe(0);
    // Words of one or two letters do not count: {the, cat} against {the, dog}.
    expect(abstractAgreement('a an the cat', 'a an the dog')).toBeCloseTo(1 / 3);
    expect(abstractAgreement('', '')).toBe(0);
    expect(abstractAgreement('a b', 'a b')).toBe(0);
  });

  it('takes an abstract that agrees exactly at the bar as the paper’s', () => {
    const half = entry('2401.00003', paper.title, 'alpha beta delta');
    const other = entry('2401.00004', paper.title, 'robots weather');
    expect(chooseEntry({ title: paper.title, abstract: 'alpha beta gamma' }, [other, half])).toEqual({ kind: 'resolved', entry: half });
  });
});

const paper: Paper = {
  id: 'neural-audio-codecs-at-scale',
  title: 'Neural Audio Codecs at Scale: 100% & body{x} #1',
  abstract: 'An abstract.',
  firstSeen: '2026-11-26',
  seen: [{ date: '2026-11-26', rank: 1 }],
  links: [],
  topics: [],
};

describe('links to the paper', () => {
  it('links the arXiv abstract page, the PDF and the Hugging Face page of an id', () => {
    expect(arxivLinks('2401.01234')).toEqual({
      abstract: 'https://arxiv.org/abs/2401.01234',
      pdf: 'https://arxiv.org/pdf/2401.01234',
      huggingFace: 'https://huggingface.co/papers/2401.01234',
    });
  });

  it('puts U+FFFD for a lone surrogate in a search, and keeps a pair', () => {
    const [arxiv] = findLinks('A\uD800B\uDC00C 😀');
    expect(arxiv!.url).toBe('https://arxiv.org/search/?query=A%EF%BF%BDB%EF%BF%BDC+%F0%9F%98%80&searchtype=title');
    expect(findLinks('X').map((l) => l.label)).toEqual(['arXiv', 'Hugging Face', 'Semantic Scholar', 'Google Scholar']);
  });

  it('searches four sites for the exact title: form-encoded where a server reads the form, %20 where a script does', () => {
    const title = 'A & B: “C” + d/e?';
    const links = findLinks(title);
    expect(links.map((l) => l.url)).toEqual([
      'https://arxiv.org/search/?query=A+%26+B%3A+%E2%80%9CC%E2%80%9D+%2B+d%2Fe%3F&searchtype=title',
      'https://huggingface.co/papers?q=A%20%26%20B%3A%20%E2%80%9CC%E2%80%9D%20%2B%20d%2Fe%3F',
      'https://www.semanticscholar.org/search?q=%22A%20%26%20B%3A%20%E2%80%9CC%E2%80%9D%20%2B%20d%2Fe%3F%22',
      'https://scholar.google.com/scholar?q=%22A+%26+B%3A+%E2%80%9CC%E2%80%9D+%2B+d%2Fe%3F%22',
    ]);
    // What each site reads back, as a browser submitting its form or a script reading the address would.
    const read = links.map((l) => new URL(l.url).searchParams);
    expect(read.map((p) => p.get('query') ?? p.get('q'))).toEqual([title, title, `"${title}"`, `"${title}"`]);
    expect(read[0]!.get('searchtype')).toBe('title');
  });
});

describe('bibtex', () => {
  it('cites an arXiv paper as arXiv does, with the characters BibTeX reads as markup escaped', () => {
    const cited = { ...paper, arxivId: '2401.01234', authors: ['Ada Lovelace', 'Alan Turing'], published: '2024-01-15', arxivCategory: 'cs.SD' };
    expect(bibtex(cited, 'https://digest.test/papers/x/')).toBe(
      [
        '@misc{lovelace2024neural,',
        '  title = {{Neural Audio Codecs at Scale: 100\\% \\& body\\{x\\} \\#1}},',
        '  author = {Ada Lovelace and Alan Turing},',
        '  year = {2024},',
        '  eprint = {2401.01234},',
        '  archivePrefix = {arXiv},',
        '  primaryClass = {cs.SD},',
        '  url = {https://arxiv.org/abs/2401.01234}',
        '}',
      ].join('\n'),
    );
  });

  it('escapes every character BibTeX reads as markup, keys by the family name and the first long word, and leaves out a category it lacks', () => {
    const cited = { ...paper, title: 'A New Codec', arxivId: '2401.01234', authors: ['A_B ^C ~D \\E $F {G} %H &I #J', 'Ada Lovelace '] };
    const text = bibtex(cited, 'https://digest.test/papers/x/');
    expect(text.split('\n')[0]).toBe('@misc{j2026codec,');
    expect(text).toContain('  author = {A\\_B \\^{}C \\~{}D \\textbackslash{}E \\$F \\{G\\} \\%H \\&I \\#J and Ada Lovelace },');
    expect(text).not.toContain('primaryClass');
    expect(bibtex({ ...cited, authors: ['Ada Lovelace '] }, '').split('\n')[0]).toBe('@misc{lovelace2026codec,');
    expect(bibtex({ ...paper, title: 'A Map' }, '').split('\n')[0]).toBe('@misc{paper2026paper,');
  });

  it('cites a paper with no id yet by the page where it was seen', () => {
    expect(bibtex(paper, 'https://digest.test/papers/x/')).toBe(
      [
        '@misc{paper2026neural,',
        '  title = {{Neural Audio Codecs at Scale: 100\\% \\& body\\{x\\} \\#1}},',
        '  howpublished = {\\url{https://digest.test/papers/x/}},',
        '  note = {Trending on 2026-11-26}',
        '}',
      ].join('\n'),
    );
  });
});

describe('retryAfterSeconds', () => {
  it('reads seconds or an HTTP date, and nothing else', () => {
    expect(retryAfterSeconds('7')).toBe(7);
    expect(retryAfterSeconds('Tue, 01 Dec 2026 00:00:10 GMT', Date.parse('2026-12-01T00:00:00Z'))).toBe(10);
    expect(retryAfterSeconds(null)).toBeUndefined();
    expect(retryAfterSeconds('soon')).toBeUndefined();
  });
});
