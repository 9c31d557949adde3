import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseDump } from '../src/lib/ingest/parse';
import { excerpt, inlineText, parseInline, plainAbstract, renderAbstract, renderInline } from '../src/lib/text/text';
import { BUNDLED_DUMP, EXTRA_DUMP, latexResidue } from './helpers';

describe('renderAbstract', () => {
  it.each([
    ['uses only 10\\% of data', '<p>uses only 10% of data</p>'],
    ['{\\em while keeping} it', '<p><em>while keeping</em> it</p>'],
    ['\\emph{this} and \\textbf{that}', '<p><em>this</em> and <strong>that</strong></p>'],
    ['(NeRV, E-NeRV, \\etc) and bitrate \\vs distortion', '<p>(NeRV, E-NeRV, etc.) and bitrate vs. distortion</p>'],
    ['latent W_{ID} and S_F here', '<p>latent W<sub>ID</sub> and S<sub>F</sub> here</p>'],
    ['at 1024^2 resolution', '<p>at 1024<sup>2</sup> resolution</p>'],
    ["Fr\\'echet distance", '<p>Fréchet distance</p>'],
    ['keeps snake_case_names and a_b_c alone', '<p>keeps snake_case_names and a_b_c alone</p>'],
    [
      'Code at http://example.org/x and HTTP://Example.org/Y now.',
      '<p>Code at <a href="http://example.org/x" rel="nofollow">http://example.org/x</a> and <a href="http://Example.org/Y" rel="nofollow">HTTP://Example.org/Y</a> now.</p>',
    ],
  ])('%s', (input, html) => {
    expect(renderAbstract(input)).toBe(html);
  });

  it('links URLs with rel="nofollow", without trailing punctuation', () => {
    expect(renderAbstract('Code at https://github.com/x/y.')).toBe(
      '<p>Code at <a href="https://github.com/x/y" rel="nofollow">https://github.com/x/y</a>.</p>',
    );
  });

  it('shows anything that looks like HTML as text', () => {
    const html = renderAbstract('<script>alert(1)</script> <img src=x onerror=alert(1)> & ]]>');
    expect(html).not.toMatch(/<script|<img/);
    expect(html).toBe('<p>&#x3C;script>alert(1)&#x3C;/script> &#x3C;img src=x onerror=alert(1)> &#x26; ]]></p>');
  });

  it('renders plain text as the whole pipeline does, for every abstract of both dumps and text with markup characters', () => {
    const abstracts = [BUNDLED_DUMP, EXTRA_DUMP].flatMap((file) => parseDump(readFileSync(file, 'utf8'), file).papers.map((p) => p.abstract));
    const edges = ['a < b && c > "d" \'e\'', 'tabs\tand  double  spaces', ' leading and trailing ', 'line\nbreak  \n here', '\u00a0nbsp', ''];
    let plain = 0;
    for (const text of [...abstracts, ...edges]) {
      const nodes = parseInline(text);
      if (nodes.length === 1 && nodes[0]!.kind === 'text') plain += 1;
      expect(renderAbstract(text)).toBe(renderInline(nodes));
    }
    // Most are plain text, so the shortcut is what is being compared.
    expect(plain).toBeGreaterThan(abstracts.length / 2);
  });

  it('does not link a javascript: URL', () => {
    expect(renderAbstract('javascript:alert(1)')).toBe('<p>javascript:alert(1)</p>');
  });

  it('shows an unknown macro by its name, without the backslash, and keeps the argument of a wrapping one', () => {
    expect(renderAbstract('\\model improves; \\ours{} wins; \\textsc{GTR} and \\sota{method} too')).toBe(
      '<p>model improves; ours wins; GTR and method too</p>',
    );
  });

  it('renders $…$ math as MathML with its TeX as the annotation, and leaves prices as text', () => {
    const html = renderAbstract('using $\\mathbf{2.6\\times}$ less memory, costs $5 and $10');
    expect(html).toMatch(/^<p>using <math><semantics><mrow><mn>𝟐\.𝟔<\/mn><mo[^>]*>×<\/mo><\/mrow>/);
    expect(html).toContain('<annotation encoding="application/x-tex">\\mathbf{2.6\\times}</annotation></semantics></math> less memory');
    expect(html).toContain('costs $5 and $10</p>');
    expect(renderAbstract('cost $O(n^2)$ only')).toContain('<msup><mi>n</mi><mn>2</mn></msup>');
    expect(plainAbstract('cost $O(n^2)$ only')).toBe('cost O(n²) only');
  });

  it('shows math Temml cannot read as its plain reading, and hostile TeX as text', () => {
    expect(renderAbstract('$\\ours_2$ wins')).toBe('<p>ours<sub>2</sub> wins</p>');
    const html = renderAbstract('$\\href{javascript:alert(1)}{x}$ and $<img src=x onerror=alert(1)>$');
    expect(html).not.toMatch(/<img|href=|<script/);
    expect(html).toContain('javascript:alert(1)');
  });
});

describe('plain text', () => {
  it('keeps braces glued to a word, which are text (code, CSS), and drops those of a LaTeX group', () => {
    expect(plainAbstract('a CSS rule body{x} and map{k: v} stay; {FasterDiffusion} is a group')).toBe(
      'a CSS rule body{x} and map{k: v} stay; FasterDiffusion is a group',
    );
  });

  it.each([
    ['a LaTeX comment and the citation key it carries', 'outperform %ColBERT~khattab2020colbert and others', 'outperform and others'],
    ['a bare BibTeX key tied to the text', 'on the BEIR dataset~thakur2021beir significantly', 'on the BEIR dataset significantly'],
    ['citations with their tie and separators', 'estimates in~\\cite{cover1978convergent}, \\citep[p.~2]{lutati2023focus}. Next', 'estimates in. Next'],
    ['a reference between words', 'as in Table~\\ref{tab:main} above', 'as in Table above'],
    ['a per cent sign, which is not a comment', 'by 80 %, or 90% of it', 'by 80 %, or 90% of it'],
    ['word2vec and model names, which are not citation keys', 'word2vec, GPT-2024 and llama2024', 'word2vec, GPT-2024 and llama2024'],
    ['a tie between words, which joins them', 'Figure~2', 'Figure 2'],
    ['a tilde before a number, which means about', 'needs (~8 minutes) and ~4 GPUs', 'needs (~8 minutes) and ~4 GPUs'],
    ['symbols and Greek letters', '\\ell_2 loss, 4\\times faster, $\\alpha \\approx \\beta$', 'ℓ₂ loss, 4× faster, α ≈ β'],
    ['a symbol name that lost its backslash, before a subscript', 'ell_2-distance, lambda_i and cell_2', 'ℓ₂-distance, λ_i and cell₂'],
    ['superscript numbers', '1024^2 pixels and 10^{-3}', '1024² pixels and 10⁻³'],
  ])('removes or reads %s', (_, input, plain) => {
    expect(plainAbstract(input)).toBe(plain.replace(/ /g, ' '));
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
    const piece = fc.constantFrom(
      'a',
      'h',
      'x',
      'x20',
      '13',
      'ttp',
      'https://e.org/p',
      ' ',
      '\\',
      '\\em',
      '{',
      '}',
      '_',
      '^',
      '$',
      '~',
      '%',
      'ab2020cd',
      '\u00A0',
      'é',
      '.',
    );
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

describe('abstracts of real dumps', () => {
  const papers = [BUNDLED_DUMP, EXTRA_DUMP].flatMap((file) => parseDump(readFileSync(file, 'utf8'), file).papers);

  it('leave no LaTeX residue in the text a reader sees, on pages and in plain text', () => {
    expect(papers.length).toBeGreaterThan(370);
    const text = (html: string) => html.replace(/<annotation[^>]*>.*?<\/annotation>/g, '').replace(/<[^>]+>/g, '');
    const residue = papers.flatMap((p) => [...latexResidue(plainAbstract(p.abstract)), ...latexResidue(text(renderAbstract(p.abstract)))]);
    expect(residue).toEqual([]);
    // The checker finds what it looks for: the raw abstracts have each kind.
    const raw = papers.flatMap((p) => latexResidue(p.abstract)).join('\n');
    for (const sample of ['\\model', '%ColBERT', 'khattab2020colbert', '$\\mathbf', 'ell_']) expect(raw).toContain(sample);
  });
});

describe('LaTeX macros a dump keeps', () => {
  // Written out here, not read from the code: each is what a reader should see for the macro.
  const symbols: [string, string][] = [
    ['etc', 'etc.'],
    ['eg', 'e.g.'],
    ['ie', 'i.e.'],
    ['vs', 'vs.'],
    ['cf', 'cf.'],
    ['etal', 'et al.'],
    ['times', '×'],
    ['approx', '≈'],
    ['sim', '~'],
    ['leq', '≤'],
    ['geq', '≥'],
    ['le', '≤'],
    ['ge', '≥'],
    ['neq', '≠'],
    ['pm', '±'],
    ['cdot', '·'],
    ['infty', '∞'],
    ['rightarrow', '→'],
    ['to', '→'],
    ['ell', 'ℓ'],
    ['ldots', '…'],
    ['dots', '…'],
    ['cdots', '⋯'],
    ['leftarrow', '←'],
    ['Rightarrow', '⇒'],
    ['Leftarrow', '⇐'],
    ['leftrightarrow', '↔'],
    ['mapsto', '↦'],
    ['uparrow', '↑'],
    ['downarrow', '↓'],
    ['in', '∈'],
    ['notin', '∉'],
    ['subset', '⊂'],
    ['subseteq', '⊆'],
    ['cup', '∪'],
    ['cap', '∩'],
    ['forall', '∀'],
    ['exists', '∃'],
    ['partial', '∂'],
    ['nabla', '∇'],
    ['sum', '∑'],
    ['prod', '∏'],
    ['int', '∫'],
    ['propto', '∝'],
    ['ll', '≪'],
    ['gg', '≫'],
    ['circ', '∘'],
    ['bullet', '•'],
    ['star', '⋆'],
    ['dagger', '†'],
    ['equiv', '≡'],
    ['simeq', '≃'],
    ['cong', '≅'],
    ['neg', '¬'],
    ['land', '∧'],
    ['lor', '∨'],
    ['top', '⊤'],
    ['perp', '⊥'],
    ['checkmark', '✓'],
    ['log', 'log'],
    ['exp', 'exp'],
    ['max', 'max'],
    ['min', 'min'],
    ['alpha', 'α'],
    ['beta', 'β'],
    ['gamma', 'γ'],
    ['delta', 'δ'],
    ['epsilon', 'ε'],
    ['varepsilon', 'ε'],
    ['zeta', 'ζ'],
    ['eta', 'η'],
    ['theta', 'θ'],
    ['vartheta', 'ϑ'],
    ['iota', 'ι'],
    ['kappa', 'κ'],
    ['lambda', 'λ'],
    ['mu', 'μ'],
    ['nu', 'ν'],
    ['xi', 'ξ'],
    ['pi', 'π'],
    ['rho', 'ρ'],
    ['sigma', 'σ'],
    ['tau', 'τ'],
    ['upsilon', 'υ'],
    ['phi', 'ϕ'],
    ['varphi', 'φ'],
    ['chi', 'χ'],
    ['psi', 'ψ'],
    ['omega', 'ω'],
    ['Gamma', 'Γ'],
    ['Delta', 'Δ'],
    ['Theta', 'Θ'],
    ['Lambda', 'Λ'],
    ['Xi', 'Ξ'],
    ['Pi', 'Π'],
    ['Sigma', 'Σ'],
    ['Phi', 'Φ'],
    ['Psi', 'Ψ'],
    ['Omega', 'Ω'],
  ];

  it.each(symbols)('reads \\%s as %s', (macro, shown) => {
    expect(plainAbstract(`a \\${macro} b`)).toBe(`a ${shown} b`);
  });

  it('reads spacing macros as spaces, and a Greek letter whose backslash was lost before a subscript as the letter', () => {
    expect(plainAbstract('a\\quad b\\qquad c')).toBe('a  b  c');
    expect(plainAbstract('the lambda_i and ell_2 terms, and alpha_1')).toBe('the λ_i and ℓ₂ terms, and α₁');
    expect(plainAbstract('a lambda function')).toBe('a lambda function');
  });

  it.each<[string, string]>([
    ['emph', 'em'],
    ['em', 'em'],
    ['textit', 'em'],
    ['it', 'em'],
    ['mathit', 'em'],
    ['textbf', 'strong'],
    ['bf', 'strong'],
    ['mathbf', 'strong'],
    ['boldsymbol', 'strong'],
    ['bm', 'strong'],
  ])('keeps the argument of \\%s{…} in <%s>', (macro, tag) => {
    expect(renderAbstract(`a \\${macro}{word} b`)).toBe(`<p>a <${tag}>word</${tag}> b</p>`);
  });

  it.each([
    'textrm',
    'textsc',
    'textsf',
    'texttt',
    'text',
    'mbox',
    'mathrm',
    'mathsf',
    'mathtt',
    'mathcal',
    'mathbb',
    'mathscr',
    'operatorname',
    'underline',
    'url',
  ])('keeps the argument of \\%s{…} as plain text, even when it is one letter, and reads it empty as nothing', (macro) => {
    expect(renderAbstract(`a \\${macro}{X} b`)).toBe('<p>a X b</p>');
    expect(plainAbstract(`a \\${macro}{} b`)).toBe('a  b');
    // Where a macro the reader does not know reads as its name.
    expect(plainAbstract('a \\ours{} b')).toBe('a ours b');
  });

  it('puts accents on their letters, with or without braces, and leaves a letter-named accent without braces alone', () => {
    expect(plainAbstract('Schr\\"odinger, G\\\'{e}rard, \\`a, \\^o, \\~n, Gar\\c{c}on')).toBe('Schrödinger, Gérard, à, ô, ñ, Garçon');
    expect(plainAbstract('\\c c')).toBe('c c');
  });

  it('drops citations and references with the space before them, keeping what follows', () => {
    expect(plainAbstract('as in~\\cite{a}, \\citep{b}. Next')).toBe('as in. Next');
    // References in a row go together, with the commas between them.
    expect(plainAbstract('see \\ref{x} and \\eqref{y} and \\autoref{z}, \\cref{w}, \\Cref{v}\\label{u} done')).toBe('see and and done');
    expect(plainAbstract('shown \\citet[p.~3]{k} here')).toBe('shown here');
  });

  it('reads escaped characters as themselves', () => {
    expect(plainAbstract('50\\% of A\\&B, x\\_y, \\#1, \\$5')).toBe('50% of A&B, x_y, #1, $5');
  });
});

describe('links a dump glued a label to', () => {
  it('sets off a label that differs from the URL, drops one that repeats it, and keeps an unclosed brace as text', () => {
    expect(plainAbstract('Code at https://github.com/a/b{our repo} now.')).toBe('Code at https://github.com/a/b (our repo) now.');
    expect(plainAbstract('Code at https://github.com/a/b{https://github.com/a/b} now.')).toBe('Code at https://github.com/a/b now.');
    expect(plainAbstract('Code at https://github.com/a/b{} now.')).toBe('Code at https://github.com/a/b now.');
    expect(plainAbstract('Code at https://github.com/a/b{ now.')).toBe('Code at https://github.com/a/b{ now.');
    // A scheme in capitals is still a link (the sanitiser knows only lower-case protocols); the text stays as written.
    expect(renderAbstract('See HTTPS://Example.org/x{site}.')).toBe(
      '<p>See <a href="https://Example.org/x" rel="nofollow">HTTPS://Example.org/x</a> (site).</p>',
    );
  });

  it('drops a citation key left bare at the very end, and keeps names with years that are not keys', () => {
    expect(plainAbstract('as shown by~smith2020deep')).toBe('as shown by');
    expect(plainAbstract('the word2vec model, GPT-2024 and llama2024')).toBe('the word2vec model, GPT-2024 and llama2024');
  });
});
