import type { Link } from '../schema';

const CODE_HOSTS = new Set(['github.com', 'gitlab.com', 'bitbucket.org', 'codeberg.org', 'git.sr.ht', 'huggingface.co']);

// Stops at whitespace and at characters that cannot end a URL in prose or that LaTeX wraps around one ({}, \).
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'{}|\\^`[\]]+|\b(?:github\.com|gitlab\.com)\/[\w.-]+\/[\w.-]+[^\s<>"'{}|\\^`[\]]*/gi;

/** Removes sentence punctuation glued to the end of a URL, and a closing bracket that has no opening one inside it. */
export function trimUrl(raw: string): string {
  let url = raw;
  for (;;) {
    const before = url;
    url = url.replace(/[.,;:!?*]+$/, '');
    if (url.endsWith(')') && (url.match(/\(/g)?.length ?? 0) < (url.match(/\)/g)?.length ?? 0)) url = url.slice(0, -1);
    if (url === before) return url;
  }
}

function labelFor(url: URL): string {
  const host = url.hostname.replace(/^www\./, '');
  const path = url.pathname.replace(/\/+$/, '').replace(/\.git$/, '');
  const label = CODE_HOSTS.has(host) ? `${host}${path.split('/').slice(0, 3).join('/')}` : `${host}${path}`;
  return label.length > 60 ? `${label.slice(0, 59)}…` : label;
}

/** The code and project links in an abstract, in order, each once. */
export function extractLinks(abstract: string): Link[] {
  const links: Link[] = [];
  const seen = new Set<string>();
  for (const match of abstract.matchAll(URL_PATTERN)) {
    const trimmed = trimUrl(match[0]);
    const absolute = /^https?:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
    let url: URL;
    try {
      url = new URL(absolute);
    } catch {
      continue;
    }
    if (!url.hostname.includes('.')) continue;
    const identity = url.href
      .replace(/\/+$/, '')
      .replace(/\.git$/, '')
      .toLowerCase();
    if (seen.has(identity)) continue;
    seen.add(identity);
    const host = url.hostname.replace(/^www\./, '');
    links.push({ url: url.href, kind: CODE_HOSTS.has(host) ? 'code' : 'project', label: labelFor(url) });
  }
  return links;
}
