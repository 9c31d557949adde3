/**
 * Feeds, as pure functions of the papers: RSS 2.0, Atom 1.0, JSON Feed 1.1 and OPML, all written by one library
 * (feedsmith), which escapes for XML itself. Dates come from the day and rank a paper was first seen, never from the
 * clock, so rebuilding from the same dumps gives byte-identical feeds and a new dump never re-dates old items. Every
 * XML feed is parsed back by a strict XML parser before it is written: one that does not parse fails the build,
 * naming the paper that breaks it.
 */
import { generateAtomFeed, generateJsonFeed, generateOpml, generateRssFeed } from 'feedsmith';
import { SaxesParser } from 'saxes';
import { arxivLinks, findLinks } from '../ingest/arxiv';
import { compareNewestFirst, groupByPrimaryTopic } from '../site/digest';
import { formatDay } from '../text/dates';
import { gist } from '../text/gist';
import type { Day, Paper } from '../schema';
import { escapeHtml, plainAbstract, renderAbstract } from '../text/text';

/** One feed item, the same in every format. */
export interface FeedItem {
  /** Permanent URL: the item's link and its GUID. */
  url: string;
  title: string;
  date: Date;
  /** Plain text. */
  summary: string;
  /** Safe HTML. */
  contentHtml: string;
  /** Topic names, the same words in every format. */
  categories: string[];
  /** Where the paper came from: the id of the record, for a build error that names it. */
  source?: string;
  /** The paper's authors, where known. */
  authors?: string[];
  /** The paper itself (its arXiv page), where known: a related link. */
  related?: string;
}

/** A feed's own description. URLs are absolute. */
export interface FeedChannel {
  title: string;
  description: string;
  /** The page the feed follows. */
  home: string;
  /** The feed's own address. */
  self: string;
  language: string;
  /** Who publishes the feed (Atom requires an author; RSS and JSON Feed name it too). */
  author: string;
  /** Where topic categories live (`…/topics/`), so a category can be told apart from a free tag. */
  categoryScheme: string;
}

export interface PaperFeedContext {
  /** Absolute URL of a paper's page. */
  paperUrl: (id: string) => string;
  /** Display name of a topic slug. */
  topicName: (slug: string) => string;
}

/**
 * An item's time: its day at 12:00 UTC, less one second per place below the top of that day's trending list. So
 * within a day the items keep the trending order in a reader that sorts by date, every item of a day has its own
 * time, the time never changes once a paper is seen (a later dump of the same day only adds ranks below), and noon
 * keeps the date the same in every time zone from UTC−11 to UTC+11.
 */
export function itemDate(day: Day, rank: number): Date {
  return new Date(Date.parse(`${day}T12:00:00Z`) - (Math.min(rank, 43_200) - 1) * 1000);
}

/** The paper's first sighting: its item's day and rank. */
function firstRank(paper: Paper): number {
  return paper.seen.find((s) => s.date === paper.firstSeen)?.rank ?? 1;
}

/** Removes what XML 1.0 cannot hold at all (control characters, lone surrogates, U+FFFE/U+FFFF), in every format alike. */
export function feedText(text: string): string {
  return text.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '');
}

/**
 * The papers seen on the latest `days` days of the digest, newest first: at least the whole latest day, however
 * many papers it has, with no cap below that.
 */
export function recentPapers(papers: readonly Paper[], days: number): Paper[] {
  const dates = [...new Set(papers.flatMap((p) => p.seen.map((s) => s.date)))].sort().reverse();
  const since = dates[Math.min(days, dates.length) - 1];
  if (since === undefined) return [];
  return papers.filter((p) => p.seen.some((s) => s.date >= since)).sort(compareNewestFirst);
}

/** Where a feed reader goes from an item to the paper: the paper itself once its arXiv id is known, else searches for its title. */
export function paperLinksHtml(paper: Paper): string {
  const a = (url: string, label: string) => `<a href="${escapeHtml(url)}">${label}</a>`;
  if (paper.arxivId) {
    const read = arxivLinks(paper.arxivId);
    return `<p>Read it: ${a(read.abstract, `arXiv:${escapeHtml(paper.arxivId)}`)} · ${a(read.pdf, 'PDF')} · ${a(read.huggingFace, 'Hugging Face')}</p>`;
  }
  return `<p>Find it: ${findLinks(paper.title)
    .map((link) => a(link.url, link.label))
    .join(' · ')}</p>`;
}

/** One item per paper: the paper page as link and GUID, its first-seen time, its abstract, its topics. */
export function paperItems(papers: readonly Paper[], ctx: PaperFeedContext): FeedItem[] {
  return papers.map((paper) => ({
    url: ctx.paperUrl(paper.id),
    title: paper.title,
    date: itemDate(paper.firstSeen, firstRank(paper)),
    summary: plainAbstract(paper.abstract),
    contentHtml: `${renderAbstract(paper.abstract)}${paperLinksHtml(paper)}`,
    categories: paper.topics.map((t) => ctx.topicName(t.slug)),
    source: paper.id,
    ...(paper.authors ? { authors: paper.authors } : {}),
    ...(paper.arxivId ? { related: arxivLinks(paper.arxivId).abstract } : {}),
  }));
}

export interface DailyContext extends PaperFeedContext {
  /** Absolute URL of a day's page. */
  dayUrl: (date: Day) => string;
  /** The taxonomy's topic slugs in its order: a day's papers are grouped in this order. */
  topicOrder: readonly string[];
  /** The heading for papers with no topic. */
  unsortedName: string;
}

/** The daily digest: one item per day, its content that day's papers grouped by topic, each a link with its gist. */
export function dailyItems(days: readonly { date: Day; papers: readonly Paper[] }[], ctx: DailyContext): FeedItem[] {
  return days.map((day) => {
    const groups = groupByPrimaryTopic(day.papers, ctx.topicOrder);
    const html = groups
      .map((g) => {
        const name = g.slug ? ctx.topicName(g.slug) : ctx.unsortedName;
        const items = g.papers
          .map((p) => `<li><a href="${escapeHtml(ctx.paperUrl(p.id))}">${escapeHtml(p.title)}</a>: ${escapeHtml(gist(p.abstract))}</li>`)
          .join('');
        return `<h2>${escapeHtml(name)} (${g.papers.length})</h2><ul>${items}</ul>`;
      })
      .join('');
    const count = `${day.papers.length} paper${day.papers.length === 1 ? '' : 's'}`;
    return {
      url: ctx.dayUrl(day.date),
      title: `${formatDay(day.date)}: ${count}`,
      date: itemDate(day.date, 1),
      summary: `${count} trending on ${formatDay(day.date)}, by topic: ${groups.map((g) => `${g.slug ? ctx.topicName(g.slug) : ctx.unsortedName} ${g.papers.length}`).join(', ')}.`,
      contentHtml: html,
      categories: [],
    };
  });
}

function newest(items: readonly FeedItem[]): Date {
  return items.reduce((max, item) => (item.date > max ? item.date : max), new Date(0));
}

/** Throws, naming the item that breaks it, unless `xml` is well-formed XML 1.0 (a strict parser's verdict). */
export function assertWellFormed(xml: string, what: string, items: readonly FeedItem[] = [], render?: (items: FeedItem[]) => string): void {
  const error = xmlError(xml);
  if (!error) return;
  const culprit = render ? items.find((item) => xmlError(render([item])) !== undefined) : undefined;
  throw new Error(`${what} is not well-formed XML (${error})${culprit ? `: the item “${culprit.title}” (${culprit.source ?? culprit.url}) breaks it` : ''}.`);
}

function xmlError(xml: string): string | undefined {
  const parser = new SaxesParser({ xmlns: true });
  let first: string | undefined;
  parser.on('error', (error) => {
    first ??= error.message;
  });
  try {
    parser.write(xml).close();
  } catch (error) {
    first ??= error instanceof Error ? error.message : String(error);
  }
  return first;
}

function rssXml(channel: FeedChannel, items: readonly FeedItem[]): string {
  return tightCdata(
    generateRssFeed({
      title: feedText(channel.title),
      link: channel.home,
      description: feedText(channel.description),
      language: channel.language,
      lastBuildDate: newest(items),
      generator: 'papers-digest',
      atom: { links: [{ href: channel.self, rel: 'self', type: 'application/rss+xml' }] },
      items: items.map((item) => ({
        title: feedText(item.title),
        link: item.url,
        guid: { value: item.url, isPermaLink: true },
        pubDate: item.date,
        description: feedText(item.contentHtml),
        categories: item.categories.map((name) => ({ name: feedText(name), domain: channel.categoryScheme })),
        ...(item.authors ? { dc: { creators: item.authors.map(feedText) } } : {}),
        ...(item.related ? { atom: { links: [{ href: item.related, rel: 'related', type: 'text/html' }] } } : {}),
      })),
    }),
  );
}

function atomXml(channel: FeedChannel, items: readonly FeedItem[]): string {
  return tightCdata(
    generateAtomFeed({
      id: channel.self,
      title: { value: feedText(channel.title), type: 'text' },
      subtitle: { value: feedText(channel.description), type: 'text' },
      updated: newest(items),
      authors: [{ name: feedText(channel.author), uri: channel.home }],
      links: [
        { href: channel.home, rel: 'alternate', type: 'text/html' },
        { href: channel.self, rel: 'self', type: 'application/atom+xml' },
      ],
      generator: { text: 'papers-digest' },
      entries: items.map((item) => ({
        id: item.url,
        title: { value: feedText(item.title), type: 'text' },
        updated: item.date,
        published: item.date,
        links: [{ href: item.url, rel: 'alternate', type: 'text/html' }, ...(item.related ? [{ href: item.related, rel: 'related', type: 'text/html' }] : [])],
        ...(item.authors ? { authors: item.authors.map((name) => ({ name: feedText(name) })) } : {}),
        summary: { value: feedText(item.summary), type: 'text' },
        content: { value: feedText(item.contentHtml), type: 'html' },
        categories: item.categories.map((name) => ({ term: feedText(name), scheme: channel.categoryScheme })),
      })),
    }),
  );
}

/**
 * The library pretty-prints, which puts a line break and indentation around each CDATA section: inside the element,
 * so a title would begin with them. Only that whitespace is taken out: a CDATA section is never followed by a line
 * break within the text (the library splits a `]]>` in the text into two sections with nothing between them, and
 * titles and abstracts are single lines).
 */
function tightCdata(xml: string): string {
  return xml.replace(/(<[a-z:]+(?: [^<>]*)?>)\n\s*(?=<!\[CDATA\[)/g, '$1').replace(/(?<=\]\]>)\n\s*(<\/[a-z:]+>)/g, '$1');
}

/** An RSS 2.0 feed, checked well-formed. */
export function rssFeed(channel: FeedChannel, items: readonly FeedItem[]): string {
  const xml = rssXml(channel, items);
  assertWellFormed(xml, channel.self, items, (some) => rssXml(channel, some));
  return `${xml}\n`;
}

/** An Atom 1.0 feed (with the author RFC 4287 requires), checked well-formed. */
export function atomFeed(channel: FeedChannel, items: readonly FeedItem[]): string {
  const xml = atomXml(channel, items);
  assertWellFormed(xml, channel.self, items, (some) => atomXml(channel, some));
  return `${xml}\n`;
}

/** A JSON Feed 1.1. Titles are plain text there; content is the same safe HTML as elsewhere. */
export function jsonFeed(channel: FeedChannel, items: readonly FeedItem[]): string {
  const feed = generateJsonFeed({
    title: feedText(channel.title),
    home_page_url: channel.home,
    feed_url: channel.self,
    description: feedText(channel.description),
    language: channel.language,
    authors: [{ name: feedText(channel.author), url: channel.home }],
    items: items.map((item) => ({
      id: item.url,
      url: item.url,
      title: feedText(item.title),
      summary: feedText(item.summary),
      content_html: feedText(item.contentHtml),
      date_published: item.date,
      tags: item.categories.map(feedText),
      ...(item.authors ? { authors: item.authors.map((name) => ({ name: feedText(name) })) } : {}),
      ...(item.related ? { external_url: item.related } : {}),
    })),
  });
  return `${JSON.stringify(feed, null, 2)}\n`;
}

/** One line of an OPML subscription list. */
export interface OpmlFeed {
  title: string;
  /** The feed's absolute URL. */
  xmlUrl: string;
  /** The page it follows. */
  htmlUrl: string;
  /** `rss` for RSS and Atom alike (what readers expect in OPML). */
  description: string;
}

/** An OPML 2.0 subscription list in groups, so one import subscribes to every feed. */
export function opmlDocument(title: string, groups: readonly { title: string; feeds: readonly OpmlFeed[] }[]): string {
  const xml = generateOpml({
    head: { title: feedText(title) },
    body: {
      outlines: groups.map((group) => ({
        text: feedText(group.title),
        title: feedText(group.title),
        outlines: group.feeds.map((feed) => ({
          text: feedText(feed.title),
          title: feedText(feed.title),
          type: 'rss',
          xmlUrl: feed.xmlUrl,
          htmlUrl: feed.htmlUrl,
          description: feedText(feed.description),
        })),
      })),
    },
  });
  assertWellFormed(xml, 'feeds.opml');
  return `${xml}\n`;
}
