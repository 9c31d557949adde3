import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeDump, parseDump } from '../src/lib/ingest/parse';
import { BUNDLED_DUMP, parseFixture, titles } from './helpers';

describe('the bundled dump', () => {
  const text = readFileSync(BUNDLED_DUMP, 'utf8');
  const result = parseDump(text, 'bundled.txt');
  // Expected values are read off the file itself: after the chrome lines, titles and abstracts alternate.
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const firstTitleLine = lines.findIndex((l) => l.startsWith('Subscribe'));
  const body = lines.slice(firstTitleLine).map((l, i) => (i === 0 ? l.replace(/^Subscribe/, '') : l).trim());

  it('yields one record per title/abstract pair in the file', () => {
    expect(body.length % 2).toBe(0);
    expect(result.papers).toHaveLength(body.length / 2);
    expect(result.papers).toHaveLength(224);
  });

  it('reads every title and abstract exactly as written', () => {
    result.papers.forEach((paper, i) => {
      expect(paper.title).toBe(body[2 * i]);
      expect(paper.abstract).toBe(body[2 * i + 1]);
      expect(paper.rank).toBe(i + 1);
    });
  });

  it('strips the Subscribe button from the first title and notes the chrome', () => {
    expect(result.papers[0]!.title).toBe('One-Shot Face Video Re-enactment using Hybrid Latent Spaces of StyleGAN2');
    expect(result.problems.every((p) => p.severity === 'note')).toBe(true);
    expect(result.problems.map((p) => p.line)).toEqual([1, 2, 3]);
  });
});

describe('messy dumps', () => {
  it('reads Windows line endings', () => {
    const r = parseFixture('windows-line-endings.txt');
    expect(titles(r)).toEqual(['First Paper Title', 'Second Paper']);
    expect(r.papers[0]!.abstract).toBe('First abstract. It has sentences.');
  });

  it('drops a byte-order mark', () => {
    expect(titles(parseFixture('byte-order-mark.txt'))).toEqual(['Alpha Paper', 'Beta Paper']);
  });

  it.each([
    ['utf-16le', [0xff, 0xfe]],
    ['utf-16be', [0xfe, 0xff]],
  ] as const)('decodes %s with a byte-order mark, as Windows tools save “Unicode” text', (encoding, bom) => {
    const text = 'Éclair Paper\nAn abstract with “quotes” and 😀. It is prose.\n';
    const units = [...text].flatMap((ch) => {
      const codes: number[] = [];
      for (let i = 0; i < ch.length; i += 1) codes.push(ch.charCodeAt(i));
      return codes;
    });
    const bytes = new Uint8Array([...bom, ...units.flatMap((u) => (encoding === 'utf-16le' ? [u & 0xff, u >> 8] : [u >> 8, u & 0xff]))]);
    const decoded = decodeDump(bytes);
    expect(decoded).toEqual({ ok: true, text });
    expect(parseDump(text, 'x').papers.map((p) => p.title)).toEqual(['Éclair Paper']);
  });

  it('refuses a title over 1,000 or an abstract over 20,000 characters as an error naming the line, keeping the rest', () => {
    const long = `${'word '.repeat(4100)}end.`;
    const r = parseDump(`Good Paper\nA fine abstract. It is prose.\nHuge Abstract Paper\n${long}\n${'T'.repeat(1001)}\nAn abstract. It is prose.\n`, 'big.txt');
    expect(r.papers.map((p) => p.title)).toEqual(['Good Paper']);
    expect(r.problems.filter((p) => p.severity === 'error').map((p) => [p.line, p.message])).toEqual([
      [3, '“Huge Abstract Paper” is not a paper: its abstract (line 4) is 20,504 characters long (at most 20,000); it was not read'],
      [5, `“${'T'.repeat(57)}…” is not a paper: its title is 1,001 characters long (at most 1,000); it was not read`],
    ]);
  });

  it('trims trailing spaces and tabs', () => {
    const r = parseFixture('trailing-whitespace.txt');
    expect(titles(r)).toEqual(['Alpha Paper', 'Beta Paper']);
    expect(r.papers.map((p) => p.abstract)).toEqual(['The alpha abstract.', 'The beta abstract.']);
  });

  it('skips blank lines anywhere, with notes', () => {
    const r = parseFixture('blank-lines.txt');
    expect(titles(r)).toEqual(['Alpha Paper', 'Beta Paper']);
    expect(r.papers.map((p) => p.line)).toEqual([3, 8]);
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('handles page chrome repeated in the middle, with Subscribe glued again', () => {
    const r = parseFixture('chrome-repeated.txt');
    expect(titles(r)).toEqual(['Alpha Paper', 'Beta Paper', 'Gamma Paper']);
    expect(r.papers.map((p) => p.rank)).toEqual([1, 2, 3]);
  });

  it('reads a dump with no chrome at all', () => {
    expect(titles(parseFixture('no-chrome.txt'))).toEqual(['Alpha Paper', 'Beta Paper']);
  });

  it('keeps a paper whose title repeats with different case or spacing only once', () => {
    const r = parseFixture('duplicate-paper.txt');
    expect(titles(r)).toEqual(['Alpha Paper', 'Beta Paper']);
    expect(r.papers[0]!.abstract).toBe('The alpha abstract.');
    expect(r.problems).toEqual([
      { file: 'duplicate-paper.txt', line: 3, severity: 'note', message: '“ALPHA paper” repeats the paper at line 1; kept the first' },
    ]);
  });

  it('keeps any Unicode as written', () => {
    const r = parseFixture('unicode.txt');
    expect(titles(r)).toEqual(['Ünïcødé Tîtle: 日本語の論文 — with “quotes” 🚀', '量子化ニューラルネットワーク']);
    expect(r.papers[1]!.abstract).toBe('日本語だけのアブストラクト。二文目です。');
  });

  it('removes stray control characters, with a note per line', () => {
    const r = parseFixture('control-characters.txt');
    expect(r.papers.map((p) => [p.title, p.abstract])).toEqual([
      ['Alpha Paper', 'The alpha abstract.'],
      ['Beta Paper', 'The beta abstract.'],
    ]);
    expect(r.problems.map((p) => p.line)).toEqual([1, 2, 3]);
  });

  it('keeps LaTeX-ish fragments and URLs in the abstract as written', () => {
    const r = parseFixture('latex-and-urls.txt');
    expect(r.papers[0]!.abstract).toBe(
      "We use 10\\% of data, {\\em emphasis}, W_{ID} latents (NeRV, E-NeRV, \\etc) and Fr\\'echet distance. Code: https://github.com/example/gamma.",
    );
  });

  it('reports a title at the end with no abstract as an error, keeping the papers before it', () => {
    const r = parseFixture('missing-abstract-at-end.txt');
    expect(titles(r)).toEqual(['Alpha Paper']);
    expect(r.problems).toEqual([
      {
        file: 'missing-abstract-at-end.txt',
        line: 3,
        severity: 'error',
        message: '“Beta Paper With No Abstract” has no abstract after it (the dump ends); the paper was not read',
      },
    ]);
  });

  it('notices a title with no abstract in the middle and reads the papers after it in step', () => {
    const r = parseFixture('missing-abstract-in-middle.txt');
    expect(titles(r)).toEqual(['Alpha Paper', 'Beta Paper']);
    expect(r.papers[1]!.abstract).toMatch(/^The beta abstract/);
    expect(r.problems.map((p) => [p.line, p.severity])).toEqual([[3, 'error']]);
  });

  it('keeps HTML in titles and abstracts as text', () => {
    const r = parseFixture('hostile-html.txt');
    expect(titles(r)).toEqual(['Alpha <script>alert(1)</script> Paper']);
  });
});

describe('notes, word for word', () => {
  it('says what it skipped or removed, with the line, in the order of the file', () => {
    const dump = [
      '\uFEFF', // a byte-order mark at the start of the file: dropped without a note
      '',
      'SubscribeAlpha Paper', // 3: the button glued to the first title
      'The alpha abstract. It is prose.',
      '',
      'Beta\u0007 Paper', // 6: one control character
      'The beta\u200b\u200b abstract. It is prose.', // 7: two invisible ones
      '',
      '',
      '',
      'Trending Papers', // 11: chrome after three blank lines
      'SubscribeGamma Paper', // 12: glued again after chrome
      'The gamma abstract. It is prose.',
      'SubscribeDelta Paper', // 14: not after chrome: a title that starts so
      'The delta abstract. It is prose.',
      '',
    ].join('\n');
    const r = parseDump(dump, 'd.txt');
    expect(r.papers.map((p) => [p.line, p.title, p.abstract])).toEqual([
      [3, 'Alpha Paper', 'The alpha abstract. It is prose.'],
      [6, 'Beta Paper', 'The beta abstract. It is prose.'],
      [12, 'Gamma Paper', 'The gamma abstract. It is prose.'],
      [14, 'SubscribeDelta Paper', 'The delta abstract. It is prose.'],
    ]);
    expect(r.problems.map((p) => `${p.line} ${p.severity}: ${p.message}`)).toEqual([
      '3 note: removed the “Subscribe” button text glued to the title',
      '5 note: skipped 1 blank line',
      '6 note: removed 1 control or invisible character',
      '7 note: removed 2 control or invisible characters',
      '8 note: skipped 3 blank lines',
      '11 note: skipped page chrome “Trending Papers”',
      '12 note: removed the “Subscribe” button text glued to the title',
    ]);
  });

  it('quotes a title of up to 60 characters whole, and cuts a longer one at 57', () => {
    const sixty = `T${'x'.repeat(59)}`;
    expect(parseDump(`${sixty}\n`, 'd.txt').problems[0]!.message).toBe(`“${sixty}” has no abstract after it (the dump ends); the paper was not read`);
    expect(parseDump(`${sixty}y\n`, 'd.txt').problems[0]!.message).toBe(
      `“${sixty.slice(0, 57)}…” has no abstract after it (the dump ends); the paper was not read`,
    );
  });

  it('takes a title of exactly 1,000 and an abstract of exactly 20,000 characters', () => {
    const title = `T${'x'.repeat(999)}`;
    const abstract = `${'word '.repeat(3999)}done.`;
    expect(abstract).toHaveLength(20_000);
    expect(parseDump(`${title}\n${abstract}\n`, 'd.txt').papers.map((p) => p.title)).toEqual([title]);
  });

  it('tells a dump of lines it could not read from one with no lines at all', () => {
    expect(parseDump('Only One Title\n', 'd.txt').fatal).toBe('has no papers that could be read');
    expect(parseDump('\n\nTrending Papers\n', 'd.txt').fatal).toBe('has no papers in it (only page chrome or blank lines)');
  });
});

describe('decoding, at the edges', () => {
  it('drops a UTF-8 byte-order mark', () => {
    expect(decodeDump(new Uint8Array([0xef, 0xbb, 0xbf, 0x41, 0x0a]))).toEqual({ ok: true, text: 'A\n' });
  });

  it('refuses UTF-16 that its byte-order mark does not match, and takes a lone 0xFF or 0xFE as no mark', () => {
    expect(decodeDump(new Uint8Array([0xff, 0xfe, 0x00, 0xd8]))).toEqual({
      ok: false,
      reason: 'is not valid UTF-16LE text, though it starts with that byte-order mark',
    });
    expect(decodeDump(new Uint8Array([0xfe, 0xff, 0xd8, 0x00]))).toEqual({
      ok: false,
      reason: 'is not valid UTF-16BE text, though it starts with that byte-order mark',
    });
    expect(decodeDump(new Uint8Array([0xff, 0x41])).ok).toBe(false);
    expect(decodeDump(new Uint8Array([0xfe, 0x41]))).toEqual({ ok: false, reason: 'is not UTF-8 text (save the dump as UTF-8 and try again)' });
  });

  it('takes up to 4 stray control bytes (or 2% of a long file) as noise, and more as binary', () => {
    const text = (controls: number, length: number) =>
      new Uint8Array([...Array.from({ length: controls }, () => 0x01), ...Array.from({ length: length - controls }, () => 0x41)]);
    expect(decodeDump(text(4, 100)).ok).toBe(true);
    expect(decodeDump(text(5, 100))).toEqual({ ok: false, reason: 'is not a text dump (it contains binary data)' });
    expect(decodeDump(text(10, 500)).ok).toBe(true);
    expect(decodeDump(text(11, 500)).ok).toBe(false);
    // Tabs, line ends and form feeds are text.
    expect(decodeDump(new Uint8Array([0x09, 0x0a, 0x0d, 0x0c, 0x09, 0x0a, 0x41])).ok).toBe(true);
  });
});

describe('files that are not dumps', () => {
  it('refuses an empty file', () => {
    expect(parseFixture('empty.txt').fatal).toBe('is empty');
  });
  it('refuses a binary file', () => {
    expect(parseFixture('binary.txt').fatal).toBe('is not a text dump (it contains binary data)');
  });
  it('refuses bytes that are not UTF-8', () => {
    expect(decodeDump(new Uint8Array([0x41, 0xff, 0xfe, 0x42]))).toEqual({ ok: false, reason: 'is not UTF-8 text (save the dump as UTF-8 and try again)' });
  });
  it('refuses a file with chrome only', () => {
    const r = parseFixture('only-chrome.txt');
    expect(r.papers).toEqual([]);
    expect(r.fatal).toBe('has no papers in it (only page chrome or blank lines)');
  });
});

describe('round trip (property-based)', () => {
  const word = fc.stringMatching(/^[A-Za-z][a-z0-9]{0,9}$/);
  const unicodeWord = fc.constantFrom('Ünïcødé', '日本語', 'Ελληνικά', 'naïve', '🚀', 'x²', 'W_{ID}', '10\\%', '{\\em a}');
  const anyWord = fc.oneof({ weight: 4, arbitrary: word }, { weight: 1, arbitrary: unicodeWord });
  const title = fc.array(anyWord, { minLength: 1, maxLength: 12 }).map((w) => w.join(' '));
  const sentence = fc.array(anyWord, { minLength: 6, maxLength: 20 }).map((w) => `${w.join(' ')}.`);
  const abstract = fc.array(sentence, { minLength: 3, maxLength: 8 }).map((s) => s.map((x) => x[0]!.toUpperCase() + x.slice(1)).join(' '));
  const paper = fc.record({ title, abstract });
  const papers = fc.uniqueArray(paper, { minLength: 1, maxLength: 25, selector: (p) => p.title.toLowerCase().replace(/\s+/g, '') });
  const layout = fc.record({
    newline: fc.constantFrom('\n', '\r\n', '\r'),
    bom: fc.boolean(),
    chrome: fc.boolean(),
    blankEvery: fc.integer({ min: 0, max: 5 }),
    trailing: fc.constantFrom('', ' ', '\t', ' \t '),
    repeatChromeAt: fc.option(fc.nat(), { nil: undefined }),
  });

  type Layout = typeof layout extends fc.Arbitrary<infer T> ? T : never;
  function render(list: { title: string; abstract: string }[], l: Layout): string {
    const out: string[] = [];
    const chrome = ['Get trending papers in your email inbox once a day!', 'Get trending papers in your email inbox!'];
    const repeatAt = l.repeatChromeAt === undefined ? -1 : l.repeatChromeAt % list.length;
    list.forEach((p, i) => {
      const pageStart = (i === 0 && l.chrome) || (i > 0 && i === repeatAt);
      if (pageStart) out.push(...chrome);
      out.push(`${pageStart ? 'Subscribe' : ''}${p.title}${l.trailing}`);
      if (l.blankEvery > 0 && i % l.blankEvery === 0) out.push('');
      out.push(`${p.abstract}${l.trailing}`);
    });
    return `${l.bom ? '\uFEFF' : ''}${out.join(l.newline)}${l.newline}`;
  }

  it('reads back exactly the papers a generated dump holds, in order', () => {
    fc.assert(
      fc.property(papers, layout, (list, l) => {
        const result = parseDump(render(list, l), 'generated.txt');
        expect(result.fatal).toBeUndefined();
        expect(result.papers.map((p) => ({ title: p.title, abstract: p.abstract }))).toEqual(list);
        expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        const result = parseDump(text, 'noise.txt');
        expect(result.papers.length > 0 || result.fatal !== undefined).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
