import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { excerpt, inlineText, parseInline, plainAbstract, renderAbstract } from '../src/lib/text';

describe('renderAbstract', () => {
  it.each([
    ['uses only 10\\% of data', '<p>uses only 10% of data</p>'],
    ['{\\em while keeping} it', '<p><em>while keeping</em> it</p>'],
    ['\\emph{this} and \\textbf{that}', '<p><em>this</em> and <strong>that</strong></p>'],
    ['(NeRV, E-NeRV, \\etc) and bitrate \\vs distortion', '<p>(NeRV, E-NeRV, etc.) and bitrate vs. distortion</p>'],
    ['latent W_{ID} and S_F here', '<p>latent W<sub>ID</sub> and S<sub>F</sub> here</p>'],
    ['at 1024^2 resolution', '<p>at 1024<sup>2</sup> resolution</p>'],
    ["Fr\\'echet distance", '<p>Fréchet distance</p>'],
    ['cost $O(n^2)$ only', '<p>cost O(n<sup>2</sup>) only</p>'],
    ['keeps snake_case_names and a_b_c alone', '<p>keeps snake_case_names and a_b_c alone</p>'],
  ])('%s', (input, html) => {
    expect(renderAbstract(input)).toBe(html);
  });

  it('links URLs with rel="noopener", without trailing punctuation', () => {
    expect(renderAbstract('Code at https://github.com/x/y.')).toBe(
      '<p>Code at <a href="https://github.com/x/y" rel="noopener nofollow">https://github.com/x/y</a>.</p>',
    );
  });

  it('shows anything that looks like HTML as text', () => {
    const html = renderAbstract('<script>alert(1)</script> <img src=x onerror=alert(1)> & ]]>');
    expect(html).not.toMatch(/<script|<img/);
    expect(html).toBe('<p>&#x3C;script>alert(1)&#x3C;/script> &#x3C;img src=x onerror=alert(1)> &#x26; ]]></p>');
  });

  it('does not link a javascript: URL', () => {
    expect(renderAbstract('javascript:alert(1)')).toBe('<p>javascript:alert(1)</p>');
  });

  it('keeps unknown macros as written', () => {
    expect(renderAbstract('\\model improves')).toBe('<p>\\model improves</p>');
  });
});

describe('plain text', () => {
  it('keeps braces glued to a word, which are text (code, CSS), and drops those of a LaTeX group', () => {
    expect(plainAbstract('a CSS rule body{x} and map{k: v} stay; {FasterDiffusion} is a group')).toBe(
      'a CSS rule body{x} and map{k: v} stay; FasterDiffusion is a group',
    );
  });

  it('flattens markup for feeds and excerpts', () => {
    expect(plainAbstract('10\\% of W_{ID}, {\\em really}')).toBe('10% of W_ID, really');
  });

  it('shows a dash whose HTML entity lost its “&#” and “;” in the dump as the dash, on pages and in plain text', () => {
    expect(plainAbstract('lossy compressionx2013which prioritizes machinesx2013has emerged')).toBe('lossy compression–which prioritizes machines–has emerged');
    expect(renderAbstract('human criteriax2019s')).toBe('<p>human criteria’s</p>');
  });

  it('keeps x-numbers that are not a lost entity as written, and never makes a bidi or line control', () => {
    for (const text of ['a x2013 b', 'speeds of 10x2013 and x1500', '0x2013', 'evilx202Etext', 'linex2028break']) expect(plainAbstract(text)).toBe(text);
  });

  it('gives the same plain text on its shortcut for text with no markup as by reading the markup', () => {
    const piece = fc.constantFrom('a', 'h', 'x', 'x20', '13', 'ttp', 'https://e.org/p', ' ', '\\', '\\em', '{', '}', '_', '^', '$', '~', '\u00A0', 'é', '.');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const text = pieces.join('');
        expect(plainAbstract(text)).toBe(inlineText(parseInline(text)).replace(/\u00A0/g, ' '));
      }),
      { numRuns: 2000 },
    );
  });

  it('cuts an excerpt at a word boundary', () => {
    expect(excerpt('one two three four five six seven eight', 20)).toBe('one two three four…');
    expect(excerpt('short', 20)).toBe('short');
  });
});
