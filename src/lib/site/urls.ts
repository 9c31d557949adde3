/**
 * The one place URLs are made. Every page, feed, sitemap entry and search result builds its links here, so the
 * base path (a site served under `/digest/`) and the site origin are applied the same way everywhere.
 */
import type { Day } from '../schema';

/** Site-relative paths, without the base. Directory pages end in `/`; files (feeds) do not. */
export const paths = {
  home: () => '',
  papers: () => 'papers/',
  paper: (id: string) => `papers/${id}/`,
  topics: () => 'topics/',
  /** A topic's front page (its newest papers), or its page `page` counted from the oldest (src/lib/site/pagination.ts). */
  topic: (slug: string, page?: number) => (page === undefined ? `topics/${slug}/` : `topics/${slug}/page/${page}/`),
  /** Page `page` of a topic of `pages` pages: the last, its front page, at the topic's own address. */
  topicPage: (slug: string, page: number, pages: number) => paths.topic(slug, page === pages ? undefined : page),
  topicFeed: (slug: string) => `topics/${slug}/rss.xml`,
  days: () => 'days/',
  day: (date: Day) => `days/${date}/`,
  dayByTopic: (date: Day) => `days/${date}/topics/`,
  week: (key: string) => `weeks/${key}/`,
  month: (key: string) => `months/${key}/`,
  search: () => 'search/',
  about: () => 'about/',
  rss: () => 'rss.xml',
  atom: () => 'atom.xml',
  jsonFeed: () => 'feed.json',
  daily: () => 'daily.xml',
  dailyAtom: () => 'daily-atom.xml',
  dailyJson: () => 'daily.json',
  feeds: () => 'feeds/',
  opml: () => 'feeds.opml',
  papersJson: () => 'papers.json',
  monthExport: (month: string) => `data/papers-${month}.json.gz`,
  openSearch: () => 'opensearch.xml',
  sitemap: () => 'sitemap-index.xml',
} as const;

/**
 * What a rest parameter (`[...page]`) must be for a route under `prefix` to be at `path`: the rest of the path
 * without its trailing slash, or undefined for `prefix` itself.
 */
export function restParam(path: string, prefix: string): string | undefined {
  if (!path.startsWith(prefix)) throw new Error(`${path} is not under ${prefix}`);
  return path.slice(prefix.length).replace(/\/$/, '') || undefined;
}

/** Joins a base path (`/` or `/digest/`, with or without slashes) and a site-relative path. */
export function withBase(base: string, path: string): string {
  return atPrefix(basePrefix(base), path);
}

/** A base path as the prefix of every link: `/` or `/digest/`. */
export function basePrefix(base: string): string {
  return `/${base.replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
}

/** A site-relative path after a prefix made by `basePrefix` (a page makes hundreds of links: the prefix is made once). */
export function atPrefix(prefix: string, path: string): string {
  return `${prefix}${path.replace(/^\/+/, '')}`;
}

/** An absolute URL on the site: the origin of `site` plus the base path plus the path. */
export function absoluteUrl(site: string | URL, base: string, path: string): string {
  return new URL(withBase(base, path), site).href;
}
