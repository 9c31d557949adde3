/**
 * Abstracts are plain text with LaTeX-ish fragments and bare URLs. This reads them into a small inline tree,
 * then renders it through remark-rehype, rehype-sanitize and rehype-stringify (so every character of the
 * source is escaped by the HTML serialiser, never by hand), or flattens it to plain text for excerpts and feeds.
 */
import type { Root as HastRoot, RootContent as HastNode } from 'hast';
import type { PhrasingContent, Root as MdastRoot } from 'mdast';
import { toHtml } from 'hast-util-to-html';
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { BoundedCache } from './cache';
import { trimUrl } from './links';

export type Inline =
  { kind: 'text'; value: string } | { kind: 'em' | 'strong' | 'sub' | 'sup'; children: Inline[] } | { kind: 'link'; url: string; text: string };

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
  alpha: 'α',
  beta: 'β',
  gamma: 'γ',
  delta: 'δ',
  epsilon: 'ε',
  lambda: 'λ',
  mu: 'μ',
  sigma: 'σ',
  ell: 'ℓ',
  ldots: '…',
  dots: '…',
};
const STYLE_COMMANDS: Record<string, 'em' | 'strong'> = { em: 'em', emph: 'em', textit: 'em', it: 'em', textbf: 'strong', bf: 'strong' };
const ACCENTS: Record<string, string> = { "'": '\u0301', '`': '\u0300', '^': '\u0302', '"': '\u0308', '~': '\u0303', c: '\u0327' };
/**
 * A dash or quote whose HTML entity lost its `&#` and `;` on the way into a dump, glued between two words
 * ("compressionx2013which"). Only U+2010–U+2027 (dashes, quotes, bullets, ellipsis): never bidi or line controls.
 */
const MANGLED_PUNCTUATION = /x(20(?:1[0-9a-fA-F]|2[0-7]))(?=\p{L})/uy;
const URL_AT = /https?:\/\/[^\s<>"'{}|\\^`[\]]+/iy;
/**
 * Where markup may start: plain text up to there is copied in one piece. An `h` counts only where a URL may start
 * (at the start, or after a space or an opening bracket or quote), so the loop looks for URLs only there.
 */
const MARKUP_START = /(?<=^|[\s(["'{])[hH]|x(?=20)|[\\{_^$~]/gu;

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
    if (buffer) out.push({ kind: 'text', value: buffer });
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
      push({ kind: 'link', url: clean, text: clean });
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
        const m = /^\\.(?:\{(\p{L})\}|(\p{L}))/u.exec(rest);
        if (m) {
          buffer += `${m[1] ?? m[2]}${ACCENTS[next]}`.normalize('NFC');
          i += m[0].length;
          continue;
        }
      }
      const name = /^\\([A-Za-z]+)/.exec(rest);
      if (name) {
        const word = name[1]!;
        if (word in MACROS) {
          buffer += MACROS[word];
          i += name[0].length;
          continue;
        }
        const style = STYLE_COMMANDS[word];
        if (style && text[i + 1 + word.length] === '{') {
          const open = i + 1 + word.length;
          const close = closingBrace(text, open);
          if (close > 0) {
            push({ kind: style, children: parseInline(text.slice(open + 1, close)) });
            i = close + 1;
            continue;
          }
        }
      }
      buffer += ch;
      i += 1;
      continue;
    }
    if (ch === '{') {
      const close = closingBrace(text, i);
      const style = /^\{\\(em|it|bf)\s+/.exec(rest);
      if (close > 0 && style) {
        push({ kind: STYLE_COMMANDS[style[1]!]!, children: parseInline(text.slice(i + style[0].length, close)) });
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
      const end = text.indexOf('$', i + 1);
      if (end > i + 1 && !/\s/.test(text[i + 1]!) && end - i < 80) {
        flush();
        out.push(...parseInline(text.slice(i + 1, end)));
        i = end + 1;
        continue;
      }
    }
    if (ch === '~' && i > 0 && text[i - 1] !== ' ') {
      buffer += '\u00A0';
      i += 1;
      continue;
    }
    buffer += ch;
    i += 1;
  }
  flush();
  return out;
}

/** Plain text of inline nodes: for excerpts, feeds' summaries and search snippets. */
export function inlineText(nodes: readonly Inline[]): string {
  const marks = { em: '', strong: '', sub: '_', sup: '^' } as const;
  return nodes.map((n) => (n.kind === 'text' ? n.value : n.kind === 'link' ? n.text : marks[n.kind] + inlineText(n.children))).join('');
}

/** Anything `parseInline` could change (a URL needs "http"; a mangled entity, "x20"), or a no-break space. */
const MAYBE_MARKUP = /[\\{_^$~\u00A0]|x20|https?:/i;

/** The abstract as plain text, as the page shows it: for excerpts, feeds, search and the tagger. */
export function plainAbstract(text: string): string {
  // Most abstracts have no markup at all: they are their own plain text (the tagger reads 20,000 in one run).
  if (!MAYBE_MARKUP.test(text)) return text;
  return inlineText(parseInline(text)).replace(/\u00A0/g, ' ');
}

function toMdast(nodes: readonly Inline[]): PhrasingContent[] {
  return nodes.map((n): PhrasingContent => {
    switch (n.kind) {
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

const SCHEMA = {
  ...defaultSchema,
  tagNames: ['p', 'a', 'em', 'strong', 'sub', 'sup'],
  attributes: { a: ['href', 'rel'] },
  protocols: { href: ['http', 'https'] },
  clobberPrefix: '',
};

/** Every link in an abstract leaves the site: it gets rel="noopener nofollow". */
function addLinkRel() {
  const visit = (node: HastRoot | HastNode) => {
    if (node.type === 'element' && node.tagName === 'a') node.properties['rel'] = ['noopener', 'nofollow'];
    if ('children' in node) for (const child of node.children) visit(child);
  };
  return (tree: HastRoot) => visit(tree);
}

const processor = unified().use(remarkRehype).use(rehypeSanitize, SCHEMA).use(addLinkRel).use(rehypeStringify);

/** The abstract as safe HTML: one paragraph, LaTeX-ish fragments rendered, URLs as links with rel="noopener". */
export function renderAbstract(text: string): string {
  return rendered.get(text, render);
}

// A paper's abstract shows on its page and in its day's feed: rendered once per build.
const rendered = new BoundedCache<string, string>(100_000);

function render(text: string): string {
  const tree: MdastRoot = { type: 'root', children: [{ type: 'paragraph', children: toMdast(parseInline(text)) }] };
  return processor.stringify(processor.runSync(tree));
}

/** A short excerpt of the abstract as plain text, cut at a word boundary near `max` characters. */
export function excerpt(text: string, max = 240): string {
  return excerpts.get(`${max}:${text}`, () => cutExcerpt(text, max));
}

// A paper's excerpt shows on its day, its topics and the home page: made once per build.
const excerpts = new BoundedCache<string, string>(100_000);

function cutExcerpt(text: string, max: number): string {
  // Only the start can show; a cut LaTeX group is read as plain text, which the excerpt would show anyway.
  const plain = plainAbstract(text.length > max * 3 ? text.slice(0, max * 3) : text);
  if (plain.length <= max) return plain;
  const cut = plain.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.(-]+$/, '')}…`;
}

/** Text escaped for use where HTML is expected (Atom's type="html"), by the same serialiser as the pages. */
export function escapeHtml(text: string): string {
  return toHtml({ type: 'text', value: text });
}
