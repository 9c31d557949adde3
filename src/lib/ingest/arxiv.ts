/**
 * From a digest entry to the paper itself: arXiv ids found in text, the arXiv API's Atom answers read and matched to
 * a paper, the links a reader follows, and a citation. Pure functions; the network client is src/net/arxiv-client.ts.
 * The API's format is its user manual's (https://info.arxiv.org/help/api/user-manual.html): an Atom feed with one
 * `<entry>` per result, each with `<id>http://arxiv.org/abs/ID vN</id>`, `<title>`, `<summary>`, `<published>`,
 * `<author><name>`, and `<arxiv:primary_category term>`; an error is a feed whose one entry has an id under
 * `http://arxiv.org/api/errors` and the message as its summary.
 */
import { SaxesParser } from 'saxes';
import { ARXIV_ID, type Paper } from '../schema';
import { plainAbstract } from '../text/text';

const NEW_ID = String.raw`\d{4}\.\d{4,5}`;
const OLD_ID = String.raw`[a-z-]+(?:\.[A-Z]{2})?\/\d{7}`;
const ID_IN_TEXT = new RegExp(
  String.raw`(?:\barXiv:\s?(${NEW_ID}|${OLD_ID})|\barxiv\.org\/(?:abs|pdf)\/(${NEW_ID}|${OLD_ID})|\bhuggingface\.co\/papers\/(${NEW_ID}))(?:v\d+)?`,
  'i',
);

/** The first arXiv id written in the text (`arXiv:2401.01234`, an arxiv.org abs or pdf URL, a Hugging Face papers URL), without version. */
export function arxivIdIn(text: string): string | undefined {
  const m = ID_IN_TEXT.exec(text);
  const id = m ? (m[1] ?? m[2] ?? m[3]) : undefined;
  return id && ARXIV_ID.test(id) ? id : undefined;
}

/** A title as a key for comparison: letters and digits only, lower case, accents and spacing set aside. */
export function titleForMatching(title: string): string {
  return plainAbstract(title)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The API query for a title as a phrase in the title field: `ti:"word word …"` (quotes and operators removed). */
export function titleQuery(title: string): string {
  return `ti:"${titleForMatching(title)}"`;
}

/** One result of the arXiv API. */
export interface ArxivEntry {
  /** Without version. */
  id: string;
  title: string;
  summary: string;
  authors: string[];
  /** YYYY-MM-DD of the first version. */
  published: string | undefined;
  category: string | undefined;
}

export type ArxivAnswer = { ok: true; entries: ArxivEntry[] } | { ok: false; error: string };

const ATOM = 'http://www.w3.org/2005/Atom';
const ARXIV = 'http://arxiv.org/schemas/atom';

/** Reads an API answer: its entries, or why it cannot be used (not XML, not Atom, an API error entry). */
export function parseArxivFeed(xml: string): ArxivAnswer {
  const parser = new SaxesParser({ xmlns: true });
  const entries: (Partial<ArxivEntry> & { rawId?: string; authors: string[] })[] = [];
  const path: string[] = [];
  let text = '';
  let error: string | undefined;
  let root: string | undefined;
  parser.on('error', (e) => {
    error ??= e.message;
  });
  parser.on('opentag', (tag) => {
    const name = `${tag.uri}|${tag.local}`;
    root ??= name;
    path.push(name);
    text = '';
    if (name === `${ATOM}|entry`) entries.push({ authors: [] });
    if (name === `${ARXIV}|primary_category`) {
      const term = tag.attributes['term'];
      const entry = entries.at(-1);
      if (entry && typeof term === 'object') entry.category = term.value;
    }
  });
  parser.on('text', (t) => (text += t));
  parser.on('cdata', (t) => (text += t));
  parser.on('closetag', () => {
    const name = path.pop()!;
    const parent = path.at(-1);
    const entry = entries.at(-1);
    const value = text.replace(/\s+/g, ' ').trim();
    if (entry && parent === `${ATOM}|entry`) {
      if (name === `${ATOM}|id`) entry.rawId = value;
      else if (name === `${ATOM}|title`) entry.title = value;
      else if (name === `${ATOM}|summary`) entry.summary = value;
      else if (name === `${ATOM}|published`) entry.published = /^\d{4}-\d{2}-\d{2}/.exec(value)?.[0];
    }
    if (entry && name === `${ATOM}|name` && parent === `${ATOM}|author`) entry.authors.push(value);
    text = '';
  });
  try {
    parser.write(xml).close();
  } catch (e) {
    error ??= e instanceof Error ? e.message : String(e);
  }
  if (error) return { ok: false, error: `the answer is not well-formed XML (${error})` };
  if (root !== `${ATOM}|feed`) return { ok: false, error: 'the answer is not an Atom feed' };
  const apiError = entries.find((e) => e.rawId?.includes('arxiv.org/api/errors'));
  if (apiError) return { ok: false, error: `the API answered with an error: ${apiError.summary ?? apiError.title ?? 'no message'}` };
  const read: ArxivEntry[] = [];
  for (const e of entries) {
    const id = /arxiv\.org\/abs\/(.+?)(?:v\d+)?$/.exec(e.rawId ?? '')?.[1];
    if (!id || !ARXIV_ID.test(id) || !e.title) continue;
    read.push({ id, title: e.title, summary: e.summary ?? '', authors: e.authors, published: e.published, category: e.category });
  }
  return { ok: true, entries: read };
}

function words(text: string): Set<string> {
  return new Set(
    titleForMatching(text)
      .split(' ')
      .filter((w) => w.length > 2),
  );
}

/** How much two abstracts share: the Jaccard index of their words (0 to 1). Versions of one abstract score high. */
export function abstractAgreement(a: string, b: string): number {
  const x = words(a);
  const y = words(b);
  if (x.size === 0 || y.size === 0) return 0;
  let both = 0;
  for (const w of x) if (y.has(w)) both += 1;
  return both / (x.size + y.size - both);
}

/** Abstracts that agree at least this much are one paper's (revisions move a few words; another paper shares few). */
export const ABSTRACT_AGREEMENT = 0.5;

export type Choice = { kind: 'resolved'; entry: ArxivEntry } | { kind: 'ambiguous'; ids: string[] } | { kind: 'not-found' };

/**
 * Which result is the paper: one whose normalised title is the paper's. Where several are, the one whose abstract
 * agrees with the paper's; where none or more than one agrees, it is ambiguous and nothing is chosen.
 */
export function chooseEntry(paper: { title: string; abstract: string }, entries: readonly ArxivEntry[]): Choice {
  const title = titleForMatching(paper.title);
  const same = entries.filter((e) => titleForMatching(e.title) === title);
  const byId = [...new Map(same.map((e) => [e.id, e])).values()];
  if (byId.length === 0) return { kind: 'not-found' };
  if (byId.length === 1) return { kind: 'resolved', entry: byId[0]! };
  const agreeing = byId.filter((e) => abstractAgreement(paper.abstract, e.summary) >= ABSTRACT_AGREEMENT);
  if (agreeing.length === 1) return { kind: 'resolved', entry: agreeing[0]! };
  return { kind: 'ambiguous', ids: byId.map((e) => e.id) };
}

/** Where a paper with an arXiv id is read. */
export function arxivLinks(id: string): { abstract: string; pdf: string; huggingFace: string } {
  return { abstract: `https://arxiv.org/abs/${id}`, pdf: `https://arxiv.org/pdf/${id}`, huggingFace: `https://huggingface.co/papers/${id}` };
}

/**
 * Searches for a paper's exact title, for any paper, with or without an id. arXiv's and Google Scholar's searches are
 * HTML forms read on the server, so their queries are form-encoded (a space is "+", a third of the bytes of "%20": the
 * four links are a tenth of a paper page); the other two are read by scripts in the page, so theirs keep "%20".
 */
export function findLinks(title: string): { label: string; url: string }[] {
  // A lone surrogate (only a hand edit can bring one) cannot be put in a URL: it becomes U+FFFD.
  const text = plainAbstract(title).replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
  return [
    { label: 'arXiv', url: `https://arxiv.org/search/?${form({ query: text, searchtype: 'title' })}` },
    { label: 'Hugging Face', url: `https://huggingface.co/papers?q=${encodeURIComponent(text)}` },
    { label: 'Semantic Scholar', url: `https://www.semanticscholar.org/search?q=${encodeURIComponent(`"${text}"`)}` },
    { label: 'Google Scholar', url: `https://scholar.google.com/scholar?${form({ q: `"${text}"` })}` },
  ];
}

/** Text inside a BibTeX field: the characters BibTeX reads as markup, escaped. */
function bibText(text: string): string {
  return text.replace(/[\\{}%&$#_^~]/g, (ch) => (ch === '\\' ? '\\textbackslash{}' : ch === '^' || ch === '~' ? `\\${ch}{}` : `\\${ch}`));
}

/** A BibTeX key: first author's family name, year, first title word, ASCII only (`vaswani2017attention`). */
function bibKey(paper: Paper): string {
  const ascii = (s: string) =>
    s
      .normalize('NFKD')
      .replace(/[^A-Za-z0-9 ]/g, '')
      .toLowerCase();
  const author = paper.authors?.[0] ? (ascii(paper.authors[0]).split(' ').filter(Boolean).at(-1) ?? '') : '';
  const year = (paper.published ?? paper.firstSeen).slice(0, 4);
  const word =
    ascii(plainAbstract(paper.title))
      .split(' ')
      .find((w) => w.length > 3) ?? 'paper';
  return `${author || 'paper'}${year}${word}`;
}

/**
 * The paper's BibTeX entry: an arXiv e-print once its id is known (the form arXiv itself gives), otherwise a `@misc`
 * naming the page where it was seen.
 */
export function bibtex(paper: Paper, pageUrl: string): string {
  const fields: [string, string][] = [['title', `{${bibText(plainAbstract(paper.title))}}`]];
  if (paper.authors) fields.push(['author', paper.authors.map(bibText).join(' and ')]);
  if (paper.arxivId) {
    fields.push(['year', (paper.published ?? paper.firstSeen).slice(0, 4)]);
    fields.push(['eprint', paper.arxivId], ['archivePrefix', 'arXiv']);
    if (paper.arxivCategory) fields.push(['primaryClass', paper.arxivCategory]);
    fields.push(['url', arxivLinks(paper.arxivId).abstract]);
  } else {
    fields.push(['howpublished', `\\url{${pageUrl}}`], ['note', `Trending on ${paper.firstSeen}`]);
  }
  return `@misc{${bibKey(paper)},\n${fields.map(([k, v]) => `  ${k} = {${v}}`).join(',\n')}\n}`;
}
