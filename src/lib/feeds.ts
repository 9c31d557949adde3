/**
 * Feed contents, as pure functions of the papers. Dates come from the day a paper was first seen, never from the
 * clock, so rebuilding from the same dumps gives byte-identical feeds and a new dump never re-dates old items.
 */
import { Feed } from 'feed';
import XMLBuilder from 'fast-xml-builder';
import type { RSSFeedItem } from '@astrojs/rss';
import { compareNewestFirst } from './digest';
import type { Paper } from './schema';
import { dayToDate } from './dates';
import { escapeHtml, plainAbstract, renderAbstract } from './text';

export interface FeedContext {
  /** Absolute URL of a paper's page. */
  paperUrl: (id: string) => string;
  /** Display name of a topic slug. */
  topicName: (slug: string) => string;
}

export interface FeedMeta {
  title: string;
  description: string;
  /** Absolute URL of the site's home page. */
  home: string;
  /** Absolute URLs of the feeds themselves. */
  rss: string;
  atom: string;
  json: string;
  /** Site-relative or absolute URL of the XSL stylesheet that makes feeds readable in a browser. */
  stylesheet: string;
  language: string;
}

/** The newest `limit` papers: newest day first and, within a day, in the dump's order. */
export function latestPapers(papers: readonly Paper[], limit: number): Paper[] {
  return [...papers].sort(compareNewestFirst).slice(0, limit);
}

/** Items for @astrojs/rss: permanent paper URL as link and GUID, first-seen day as pubDate, topics as categories. */
export function rssItems(papers: readonly Paper[], ctx: FeedContext): RSSFeedItem[] {
  return papers.map((paper) => ({
    title: paper.title,
    link: ctx.paperUrl(paper.id),
    pubDate: dayToDate(paper.firstSeen),
    description: renderAbstract(paper.abstract),
    categories: paper.topics.map((t) => ctx.topicName(t.slug)),
  }));
}

/**
 * A `feed` library feed. Atom marks titles and summaries as type="html", so for Atom their text is escaped first
 * (a title written `<b>x</b>` must read as those characters); JSON Feed titles are plain text and stay as they are.
 */
function buildFeed(papers: readonly Paper[], meta: FeedMeta, ctx: FeedContext, format: 'atom' | 'json'): Feed {
  const asText = format === 'atom' ? escapeHtml : (text: string) => text;
  const updated = papers[0]
    ? dayToDate(
        papers
          .map((p) => p.firstSeen)
          .sort()
          .at(-1)!,
      )
    : new Date(0);
  const feed = new Feed({
    id: meta.home,
    title: meta.title,
    description: meta.description,
    link: meta.home,
    language: meta.language,
    updated,
    generator: 'papers-digest',
    stylesheet: meta.stylesheet,
    feedLinks: { rss: meta.rss, atom: meta.atom, json: meta.json },
    copyright: 'Titles and abstracts belong to their authors.',
  });
  for (const paper of papers) {
    const url = ctx.paperUrl(paper.id);
    feed.addItem({
      title: asText(paper.title),
      id: url,
      link: url,
      date: dayToDate(paper.firstSeen),
      published: dayToDate(paper.firstSeen),
      description: asText(plainAbstract(paper.abstract)),
      content: renderAbstract(paper.abstract),
      category: paper.topics.map((t) => ({ name: ctx.topicName(t.slug), term: t.slug })),
    });
  }
  return feed;
}

/** The Atom 1.0 feed. */
export function atomFeed(papers: readonly Paper[], meta: FeedMeta, ctx: FeedContext): string {
  return `${buildFeed(papers, meta, ctx, 'atom').atom1()}\n`;
}

/** The JSON Feed, declared as version 1.1 (the library writes the 1.0 tag; every field it writes is valid 1.1). */
export function jsonFeed(papers: readonly Paper[], meta: FeedMeta, ctx: FeedContext): string {
  const feed = JSON.parse(buildFeed(papers, meta, ctx, 'json').json1()) as Record<string, unknown>;
  return `${JSON.stringify({ ...feed, version: 'https://jsonfeed.org/version/1.1', language: meta.language }, null, 2)}\n`;
}

const xml = new XMLBuilder({ ignoreAttributes: false, suppressEmptyNode: true });

/** `<atom:link rel="self">` for an RSS channel: feed readers and the XSL page read the feed's own address from it. */
export function selfLink(url: string): string {
  return xml.build({ 'atom:link': { '@_href': url, '@_rel': 'self', '@_type': 'application/rss+xml' } });
}
