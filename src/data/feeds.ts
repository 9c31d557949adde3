/** Feeds bound to this site: absolute URLs, topic names and settings for src/lib/feeds, and the list of every feed. */
import { atomFeed, dailyItems, jsonFeed, recentPapers, rssFeed, type DailyContext, type FeedChannel, type FeedItem } from '../lib/feeds/feeds';
import type { Day, Paper } from '../lib/schema';
import { UNSORTED } from '../lib/text/wording';
import type { Site } from './site';
import { absolute, paths } from './urls';

export function dailyContext(site: Site): DailyContext {
  return {
    paperUrl: (id) => absolute(paths.paper(id)),
    dayUrl: (date: Day) => absolute(paths.day(date)),
    topicName: (slug) => site.digest.topicBySlug.get(slug)?.topic.name ?? slug,
    topicOrder: site.digest.topics.map((g) => g.topic.slug),
    unsortedName: UNSORTED,
  };
}

/** A channel of this site: its author and language, with a title, description and the page and feed URLs. */
export function channel(site: Site, own: { title: string; description: string; home: string; self: string }): FeedChannel {
  return { ...own, language: site.settings.language, author: site.settings.title, categoryScheme: absolute(paths.topics()) };
}

/** One feed of the site: where it is, what it carries, and how to write it. */
export interface SiteFeed {
  path: string;
  title: string;
  /** What a subscriber gets, in one sentence (the feeds page shows it). */
  carries: string;
  format: 'RSS' | 'Atom' | 'JSON Feed';
  /** The page the feed follows. */
  home: string;
}

/** The papers of the main feeds: every paper seen on the latest `feedDays` days. */
export function mainPapers(site: Site): Paper[] {
  return recentPapers(site.digest.papers, site.settings.feedDays);
}

/** A topic's feed papers: its latest `topicFeedItems`, or all it has from the latest `feedDays` days if more. */
export function topicPapers(site: Site, slug: string): Paper[] {
  const { papers } = site.digest.topicBySlug.get(slug)!;
  const recent = recentPapers(papers, site.settings.feedDays);
  return recent.length >= site.settings.topicFeedItems ? recent : papers.slice(0, site.settings.topicFeedItems);
}

/** The daily digest's items: one per day, newest first. */
export function dailyFeedItems(site: Site): FeedItem[] {
  return dailyItems(site.digest.days.slice(0, site.settings.dailyFeedDays), dailyContext(site));
}

/** Every feed, grouped as the feeds page and the OPML list them. */
export function feedCatalogue(site: Site): { title: string; carries: string; feeds: SiteFeed[] }[] {
  const { settings, digest } = site;
  const days = settings.feedDays;
  const every = `Every paper seen on the latest ${days} day${days > 1 ? 's' : ''}, one item each, in trending order.`;
  const daily = `One item a day: that day’s papers by topic, each with its one-line gist.`;
  // One feed in its three formats, the same items in each.
  const triple = (name: string, carries: string, home: string, [rss, atom, json]: [string, string, string]): SiteFeed[] =>
    (
      [
        [rss, 'RSS'],
        [atom, 'Atom'],
        [json, 'JSON Feed'],
      ] as const
    ).map(([path, format]) => ({ path, title: `${settings.title}: ${name} (${format})`, carries, format, home }));
  return [
    { title: 'Every paper', carries: every, feeds: triple('every paper', every, paths.home(), [paths.rss(), paths.atom(), paths.jsonFeed()]) },
    { title: 'Daily digest', carries: daily, feeds: triple('daily digest', daily, paths.days(), [paths.daily(), paths.dailyAtom(), paths.dailyJson()]) },
    {
      title: 'Topics',
      carries: `One topic’s new papers: its latest ${settings.topicFeedItems}, or all of its latest ${days} day${days > 1 ? 's' : ''} if more.`,
      feeds: digest.topics.map((g) => ({
        path: paths.topicFeed(g.topic.slug),
        title: `${settings.title}: ${g.topic.name}`,
        carries: `New papers on ${g.topic.name}: the latest ${settings.topicFeedItems}, or all of the latest ${days} day${days > 1 ? 's' : ''} if more.`,
        format: 'RSS' as const,
        home: paths.topic(g.topic.slug),
      })),
    },
  ];
}

/** The main feeds' channel, for `self`. */
export function mainChannel(site: Site, self: string): FeedChannel {
  return channel(site, { title: site.settings.title, description: site.settings.description, home: absolute(paths.home()), self: absolute(self) });
}

/** The daily feed's channel, for `self`. */
export function dailyChannel(site: Site, self: string): FeedChannel {
  return channel(site, {
    title: `${site.settings.title}: daily digest`,
    description: `One item a day: the day’s trending papers by topic. ${site.settings.description}`,
    home: absolute(paths.days()),
    self: absolute(self),
  });
}

const TYPES = { rss: 'application/rss+xml', atom: 'application/atom+xml', json: 'application/feed+json' } as const;

/** A feed as the response of an endpoint. */
export function feedResponse(format: keyof typeof TYPES, ch: FeedChannel, items: readonly FeedItem[]): Response {
  const body = format === 'rss' ? rssFeed(ch, items) : format === 'atom' ? atomFeed(ch, items) : jsonFeed(ch, items);
  return new Response(body, { headers: { 'Content-Type': `${TYPES[format]}; charset=utf-8` } });
}
