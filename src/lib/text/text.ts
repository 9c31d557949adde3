/**
 * Abstracts are plain text with LaTeX-ish fragments and bare URLs. This reads them into a small inline tree,
 * then renders it through remark-rehype, rehype-sanitize and rehype-stringify (so every character of the
 * source is escaped by the HTML serialiser, never by hand), or flattens it to plain text for excerpts and feeds.
 */
import type { Element as HastElement, Root as HastRoot, RootContent as HastNode } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import temml from 'temml';
import type { PhrasingContent, Root as MdastRoot } from 'mdast';
import { toHtml } from 'hast-util-to-html';
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { BoundedCache } from '../cache';
import { trimUrl } from '../ingest/links';

export type Inline =
  | { kind: 'text'; value: string }
  | { kind: 'em' | 'strong' | 'sub' | 'sup'; children: Inline[] }
  | { kind: 'link'; url: string; text: string }
  /** `$…$` math: rendered as MathML on pages, read as `children` in plain text. */
  | { kind: 'math'; tex: string; children: Inline[] };

const GREEK: Record<string, string> = Object.fromEntries(
  [
    ...'alpha α beta β gamma γ delta δ epsilon ε varepsilon ε zeta ζ eta η theta θ vartheta ϑ iota ι kappa κ lambda λ mu μ nu ν xi ξ pi π rho ρ sigma σ tau τ upsilon υ phi ϕ varphi φ chi χ psi ψ omega ω'.matchAll(
      /(\S+) (\S+)/g,
    ),
    ...'Gamma Γ Delta Δ Theta Θ Lambda Λ Xi Ξ Pi Π Sigma Σ Phi Φ Psi Ψ Omega Ω'.matchAll(/(\S+) (\S+)/g),
  ].map((m) => [m[1]!, m[2]!]),
);
/**
 * Symbol names whose backslash a dump lost, recognised only as a whole word right before a subscript or superscript
 * (`ell_2`, `lambda_i`), where they cannot be English words.
 */
const LOST_BACKSLASH = new Set(['ell', ...Object.keys(GREEK)]);

const MACROS: Record<string, string> = {
  etc: 'etc.',
  eg: 'e.g.',
  ie: 'i.e.',
  vs: 'vs.',
  cf: 'cf.',
  etal: 'et al.',
  times: '×',
  approx: '≈',
  sim: '~',
  leq: '≤',
  geq: '≥',
  le: '≤',
  ge: '≥',
  neq: '≠',
  pm: '±',
  cdot: '·',
  infty: '∞',
  rightarrow: '→',
  to: '→',
  ell: 'ℓ',
  ldots: '…',
  dots: '…',
  cdots: '⋯',
  leftarrow: '←',
  Rightarrow: '⇒',
  Leftarrow: '⇐',
  leftrightarrow: '↔',
  mapsto: '↦',
  uparrow: '↑',
  downarrow: '↓',
  in: '∈',
  notin: '∉',
  subset: '⊂',
  subseteq: '⊆',
  cup: '∪',
  cap: '∩',
  forall: '∀',
  exists: '∃',
  partial: '∂',
  nabla: '∇',
  sum: '∑',
  prod: '∏',
  int: '∫',
  propto: '∝',
  ll: '≪',
  gg: '≫',
  circ: '∘',
  bullet: '•',
  star: '⋆',
  dagger: '†',
  equiv: '≡',
  simeq: '≃',
  cong: '≅',
  neg: '¬',
  land: '∧',
  lor: '∨',
  top: '⊤',
  perp: '⊥',
  checkmark: '✓',
  log: 'log',
  exp: 'exp',
  max: 'max',
  min: 'min',
  quad: ' ',
  qquad: ' ',
  ...GREEK,
};
/** Macros that only set a font or wrap text: their argument is kept, in emphasis or bold where the font says so. */
const STYLE_COMMANDS: Record<string, 'em' | 'strong' | 'text'> = {
  em: 'em',
  emph: 'em',
  textit: 'em',
  it: 'em',
  mathit: 'em',
  textbf: 'strong',
  bf: 'strong',
  mathbf: 'strong',
  boldsymbol: 'strong',
  bm: 'strong',
  textrm: 'text',
  textsc: 'text',
  textsf: 'text',
  texttt: 'text',
  text: 'text',
  mbox: 'text',
  mathrm: 'text',
  mathsf: 'text',
  mathtt: 'text',
  mathcal: 'text',
  mathbb: 'text',
  mathscr: 'text',
  operatorname: 'text',
  underline: 'text',
  url: 'text',
};
/** References whose target a reader cannot follow once the paper's LaTeX is gone: dropped with their argument. */
const DROPPED_COMMANDS = /\\(?:cite[a-z]*|ref|eqref|autoref|cref|Cref|label)\*?(?:\[[^\]]*\])*\{[^{}]*\}/y;
/**
 * A BibTeX key left behind when `\cite{}` lost its command ("dataset~thakur2021beir"): an author, a year, a word, set
 * off by a space or a tie. Strict, so that names such as word2vec or GPT-2024 are never taken for one.
 */
const BARE_CITATION_KEY = /[ \u00A0]\p{Ll}{3,}(?:19|20)\d{2}\p{Ll}{2,}(?=[\s,.;:)]|$)/gu;
const ACCENTS: Record<string, string> = { "'": '\u0301', '`': '\u0300', '^': '\u0302', '"': '\u0308', '~': '\u0303', c: '\u0327' };
/**
 * A dash or quote whose HTML entity lost its `&#` and `;` on the way into a dump, glued between two words
 * ("compressionx2013which"). Only U+2010–U+2027 (dashes, quotes, bullets, ellipsis): never bidi or line controls.
 */
const MANGLED_PUNCTUATION = /x(20(?:1[0-9a-fA-F]|2[0-7]))(?=\p{L})/uy;
const MATH_SPAN = /\$(?![\s$])([^$]{1,300}?)(?<!\s)\$(?!\d)/y;
const URL_AT = /https?:\/\/[^\s<>"'{}|\\^`[\]]+/iy;
/**
 * Where markup may start: plain text up to there is copied in one piece. An `h` counts only where a URL may start
 * (at the start, or after a space or an opening bracket or quote), so the loop looks for URLs only there.
 */
const MARKUP_START = /(?<=^|[\s(["'{])[hH]|x(?=20)|(?<=^|\s)%(?=\p{L})|[\\{_^$~]/gu;

/** A sticky pattern's match starting exactly at `index`, without copying the rest of the text. */
function matchAt(pattern: RegExp, text: string, index: number): RegExpExecArray | null {
  pattern.lastIndex = index;
  return pattern.exec(text);
}

/** Finds the index of the brace closing the one at `open`, or -1. */
function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i += 1) {
    if (text[i] === '\\') i += 1;
    else if (text[i] === '{') depth += 1;
    else if (text[i] === '}' && (depth -= 1) === 0) return i;
  }
  return -1;
}

/** Reads abstract text into inline nodes. Total: every input gives a tree, and unknown syntax stays as text. */
export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let buffer = '';
  const flush = () => {
    if (buffer) out.push({ kind: 'text', value: buffer.replace(BARE_CITATION_KEY, '') });
    buffer = '';
  };
  const push = (node: Inline) => {
    flush();
    out.push(node);
  };
  let i = 0;
  while (i < text.length) {
    MARKUP_START.lastIndex = i;
    const markup = MARKUP_START.exec(text)?.index ?? text.length;
    if (markup > i) {
      buffer += text.slice(i, markup);
      i = markup;
      continue;
    }
    const ch = text[i]!;
    const url = ch === 'h' || ch === 'H' ? matchAt(URL_AT, text, i) : null;
    if (url) {
      const clean = trimUrl(url[0]);
      // The scheme in lower case, as the sanitiser's list of safe protocols has it (HTTPS://… would lose its href).
      push({ kind: 'link', url: clean.replace(/^https?:/i, (scheme) => scheme.toLowerCase()), text: clean });
      i += clean.length;
      // A LaTeX \href leftover glues `{label}` to the URL: drop a label that repeats the URL, set off any other.
      if (text[i] === '{') {
        const close = closingBrace(text, i);
        if (close > 0) {
          const label = text.slice(i + 1, close).trim();
          if (label && trimUrl(label) !== clean) buffer += ` (${label})`;
          i = close + 1;
        }
      }
      continue;
    }
    const entity = ch === 'x' && i > 0 && /\p{L}/u.test(text[i - 1]!) ? matchAt(MANGLED_PUNCTUATION, text, i) : null;
    if (entity) {
      buffer += String.fromCodePoint(parseInt(entity[1]!, 16));
      i += entity[0].length;
      continue;
    }
    if (ch === 'h' || ch === 'H' || ch === 'x') {
      buffer += ch;
      i += 1;
      continue;
    }
    const rest = text.slice(i);
    if (ch === '\\') {
      const next = text[i + 1] ?? '';
      if ('%&_#$'.includes(next) && next !== '') {
        buffer += next;
        i += 2;
        continue;
      }
      if (next in ACCENTS && next !== '') {
        // A letter-named accent (\c{c}) needs its braces: \cite is not a c-cedilla on "ite".
        const m = (/\p{L}/u.test(next) ? /^\\.\{(\p{L})\}/u : /^\\.(?:\{(\p{L})\}|(\p{L}))/u).exec(rest);
        if (m) {
          buffer += `${m[1] ?? m[2]}${ACCENTS[next]}`.normalize('NFC');
          i += m[0].length;
          continue;
        }
      }
      const dropped = matchAt(DROPPED_COMMANDS, text, i);
      if (dropped) {
        // `in~\cite{a}, \cite{b}.` reads `in.`: the tie or space before a citation goes with it.
        let end = DROPPED_COMMANDS.lastIndex;
        // Citations in a row ("\cite{a}, \cite{b}") go together, with what separates them.
        while (matchAt(DROPPED_COMMANDS, text, end + /^[\s,;~]*/.exec(text.slice(end))![0].length)) end = DROPPED_COMMANDS.lastIndex;
        buffer = buffer.replace(/[\s\u00A0]+$/, '');
        if (buffer !== '' && /^[\p{L}\p{N}]/u.test(text.slice(end))) buffer += ' ';
        i = end;
        continue;
      }
      const name = /^\\([A-Za-z]+)/.exec(rest);
      if (name) {
        const word = name[1]!;
        const after = i + name[0].length;
        if (Object.hasOwn(MACROS, word)) {
          buffer += MACROS[word];
          i = after;
          continue;
        }
        const close = text[after] === '{' ? closingBrace(text, after) : -1;
        const style = Object.hasOwn(STYLE_COMMANDS, word) ? STYLE_COMMANDS[word] : undefined;
        if (close > 0 && (style || close > after + 1)) {
          // A font or wrapping macro keeps its argument, as does an unknown one (\textsc{GTR} reads GTR).
          const children = parseInline(text.slice(after + 1, close));
          if (style === 'em' || style === 'strong') push({ kind: style, children });
          else out.push(...(flush(), children));
          i = close + 1;
          continue;
        }
        // An unknown macro, such as an author's \model or \ours, reads as its name; an empty group after it is a spacer.
        buffer += word;
        i = close === after + 1 ? close + 1 : after;
        continue;
      }
      buffer += ch;
      i += 1;
      continue;
    }
    if (ch === '{') {
      const close = closingBrace(text, i);
      const style = /^\{\\(em|it|bf)\s+/.exec(rest);
      if (close > 0 && style) {
        push({ kind: style[1] === 'bf' ? 'strong' : 'em', children: parseInline(text.slice(i + style[0].length, close)) });
        i = close + 1;
        continue;
      }
      // A LaTeX group starts a word ({FasterDiffusion}, {\\sc X}); braces glued to a word (`body{x}`, CSS, code) are text.
      if (close > 0 && !/[\p{L}\p{N}]/u.test(text[i - 1] ?? '')) {
        // A LaTeX group such as {FasterDiffusion} after a URL: keep its content, drop the braces.
        out.push(...(flush(), parseInline(text.slice(i + 1, close))));
        i = close + 1;
        continue;
      }
    }
    if ((ch === '_' || ch === '^') && i > 0 && /[\p{L}\p{N})\]]/u.test(text[i - 1]!)) {
      const kind = ch === '_' ? 'sub' : 'sup';
      const symbol = /(?<![\p{L}\p{N}])(\p{L}+)$/u.exec(buffer);
      if (symbol && LOST_BACKSLASH.has(symbol[1]!)) buffer = buffer.slice(0, symbol.index) + MACROS[symbol[1]!]!;
      if (text[i + 1] === '{') {
        const close = closingBrace(text, i + 1);
        if (close > 0) {
          push({ kind, children: parseInline(text.slice(i + 2, close)) });
          i = close + 1;
          continue;
        }
      }
      // A bare one-letter subscript only where the word has no other underscore (not in snake_case names).
      const wordSoFar = /\S*$/.exec(text.slice(0, i))![0];
      const token =
        kind === 'sub' && wordSoFar.includes('_')
          ? null
          : (kind === 'sup' ? /^\^(-?\d+|\p{L}(?![\p{L}\p{N}]))/u : /^_(\p{L}{1,3}|\d{1,3})(?![\p{L}\p{N}_])/u).exec(rest);
      if (token) {
        push({ kind, children: [{ kind: 'text', value: token[1]! }] });
        i += token[0].length;
        continue;
      }
    }
    if (ch === '$') {
      // Pandoc's rule, so that prices ($5 and $10) stay text: no space inside either dollar, no digit right after the
      // closing one.
      MATH_SPAN.lastIndex = i;
      const math = MATH_SPAN.exec(text);
      if (math) {
        const tex = math[1]!;
        push({ kind: 'math', tex, children: parseInline(tex) });
        i += math[0].length;
        continue;
      }
    }
    if (ch === '~') {
      // A tie between words is a no-break space; before a number after a space or bracket it means "about" ((~4x)).
      buffer += i > 0 && !/[\s([]/.test(text[i - 1]!) ? '\u00A0' : '~';
      i += 1;
      continue;
    }
    if (ch === '%') {
      // A LaTeX comment the dump kept (" %ColBERT~khattab2020colbert"): the word it starts goes, with the space before.
      const end = /\s|$/.exec(text.slice(i))!.index;
      buffer = buffer.replace(/[\s\u00A0]+$/, '');
      i += end;
      continue;
    }
    buffer += ch;
    i += 1;
  }
  flush();
  return out;
}

const SUBSCRIPTS = '₀₁₂₃₄₅₆₇₈₉';
const SUPERSCRIPTS = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** A subscript or superscript in plain text: Unicode digits where it is a number (ℓ₂, n²), else `_x` or `^x`. */
function scripted(text: string, kind: 'sub' | 'sup'): string {
  const digits = kind === 'sub' ? SUBSCRIPTS : SUPERSCRIPTS;
  if (/^\d+$/.test(text)) return text.replace(/\d/g, (d) => digits[Number(d)]!);
  if (kind === 'sup' && /^-\d+$/.test(text)) return `⁻${scripted(text.slice(1), kind)}`;
  return `${kind === 'sub' ? '_' : '^'}${text}`;
}

/** Plain text of inline nodes: for excerpts, feeds' summaries and search snippets. */
export function inlineText(nodes: readonly Inline[]): string {
  return nodes
    .map((n) => {
      switch (n.kind) {
        case 'text':
          return n.value;
        case 'link':
          return n.text;
        case 'sub':
        case 'sup':
          return scripted(inlineText(n.children), n.kind);
        default:
          return inlineText(n.children);
      }
    })
    .join('');
}

/**
 * Anything `parseInline` could change in the plain text (a mangled entity, "x20"; a LaTeX comment, a % after a space,
 * where "30%" is plain text; a citation key, a year between letters), or a no-break space. A URL is not: its text is
 * kept as it is (only a `{label}` glued to it changes, and a brace is on the list).
 */
const MAYBE_MARKUP = /[\\{_^$~\u00A0]|(?:^|\s)%|x20/;
/** A year between letters, as a citation key has (tested only where a year is: a letter class at every place is slow). */
const MAYBE_YEAR = /(?:19|20)\d\d/;
const YEAR_BETWEEN_LETTERS = /\p{Ll}(?:19|20)\d{2}\p{Ll}/iu;

/** The abstract as plain text, as the page shows it: for excerpts, feeds, search and the tagger. */
export function plainAbstract(text: string): string {
  // Most abstracts have no markup at all: they are their own plain text (the tagger reads 20,000 in one run).
  if (!MAYBE_MARKUP.test(text) && !(MAYBE_YEAR.test(text) && YEAR_BETWEEN_LETTERS.test(text))) return text;
  return inlineText(parseInline(text)).replace(/\u00A0/g, ' ');
}

/**
 * TeX as MathML, written at build time by Temml with the TeX kept as its annotation (what screen readers and copy
 * give); undefined when Temml cannot read it (an author's own macro), and the plain reading is shown instead.
 */
function mathml(tex: string): HastElement | undefined {
  let markup: string;
  try {
    markup = temml.renderToString(tex, { annotate: true, throwOnError: true, trust: false });
  } catch {
    return undefined;
  }
  const math = fromHtml(markup, { fragment: true }).children[0];
  return math?.type === 'element' && math.tagName === 'math' ? math : undefined;
}

function toMdast(nodes: readonly Inline[]): PhrasingContent[] {
  return nodes.flatMap((n): PhrasingContent | PhrasingContent[] => {
    switch (n.kind) {
      case 'math': {
        const math = mathml(n.tex);
        // remark-rehype turns a node with data.hName into that element, with data.hChildren as its children.
        return math ? { type: 'emphasis', data: { hName: 'math', hChildren: math.children }, children: [] } : toMdast(n.children);
      }
      case 'text':
        return { type: 'text', value: n.value };
      case 'link':
        return { type: 'link', url: n.url, children: [{ type: 'text', value: n.text }] };
      case 'em':
        return { type: 'emphasis', children: toMdast(n.children) };
      case 'strong':
        return { type: 'strong', children: toMdast(n.children) };
      case 'sub':
      case 'sup':
        // remark-rehype turns a node with data.hName into that element.
        return { type: 'emphasis', data: { hName: n.kind }, children: toMdast(n.children) };
    }
  });
}

/** The MathML Core elements Temml writes for inline math. */
const MATHML_TAGS =
  'math semantics annotation mrow mi mn mo ms mtext mspace msub msup msubsup mfrac msqrt mroot mover munder munderover mstyle mpadded mphantom menclose mtable mtr mtd mmultiscripts mprescripts none'.split(
    ' ',
  );

const SCHEMA = {
  ...defaultSchema,
  tagNames: ['p', 'a', 'em', 'strong', 'sub', 'sup', ...MATHML_TAGS],
  attributes: {
    a: ['href', 'rel'],
    annotation: ['encoding'],
    mo: ['lspace', 'rspace', 'stretchy', 'fence', 'separator', 'largeop', 'movablelimits', 'form', 'accent'],
    mi: ['mathvariant'],
    mstyle: ['mathvariant', 'displaystyle', 'scriptlevel'],
    mspace: ['width'],
    mpadded: ['width', 'lspace', 'voffset', 'height', 'depth'],
    mfrac: ['linethickness'],
    mover: ['accent'],
    munder: ['accentunder'],
    menclose: ['notation'],
  },
  protocols: { href: ['http', 'https'] },
  clobberPrefix: '',
};

/**
 * Every link in an abstract leaves the site for an address a dump gave: it gets rel="nofollow". (Not "noopener": the
 * links open in the same tab, where it does nothing.)
 */
function addLinkRel() {
  const visit = (node: HastRoot | HastNode) => {
    if (node.type === 'element' && node.tagName === 'a') node.properties['rel'] = ['nofollow'];
    if ('children' in node) for (const child of node.children) visit(child);
  };
  return (tree: HastRoot) => visit(tree);
}

const processor = unified().use(remarkRehype).use(rehypeSanitize, SCHEMA).use(addLinkRel).use(rehypeStringify);

/** The abstract as safe HTML: one paragraph, LaTeX-ish fragments rendered, URLs as links with rel="nofollow". */
export function renderAbstract(text: string): string {
  return rendered.get(text, render);
}

// A paper's abstract shows on its page and in the feeds of its day: each feed renders the latest papers again, so
// the latest ten thousand are kept (15 MB; all of them, at 100,000 papers, would hold about 150 MB for nothing).
const rendered = new BoundedCache<string, string>(10_000);

function render(text: string): string {
  const nodes = parseInline(text);
  // Plain text, as most abstracts are (85% at 20,000 papers): the paragraph the pipeline would make, by the same
  // serialiser, without running it. Only a line break would differ (the pipeline trims spaces around one).
  const only = nodes.length === 1 ? nodes[0]! : undefined;
  if (only?.kind === 'text' && !/[\r\n]/.test(only.value)) return `<p>${escapeHtml(only.value)}</p>`;
  return renderInline(nodes);
}

/** Inline nodes as one safe HTML paragraph, through the whole pipeline (`renderAbstract` skips it for plain text). */
export function renderInline(nodes: readonly Inline[]): string {
  const tree: MdastRoot = { type: 'root', children: [{ type: 'paragraph', children: toMdast(nodes) }] };
  return processor.stringify(processor.runSync(tree));
}

/** Cuts text to at most `max` characters at a word boundary, with an ellipsis where it was cut. */
export function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.(-]+$/, '')}…`;
}

/** A short excerpt of the abstract as plain text, cut at a word boundary near `max` characters (a page's description). */
export function excerpt(text: string, max = 240): string {
  // Only the start can show; a cut LaTeX group is read as plain text, which the excerpt would show anyway.
  return cutAtWord(plainAbstract(text.length > max * 3 ? text.slice(0, max * 3) : text), max);
}

/** Text escaped for use where HTML is expected (Atom's type="html"), by the same serialiser as the pages. */
export function escapeHtml(text: string): string {
  return toHtml({ type: 'text', value: text });
}
