/** Feed settings bound to this site: absolute URLs and topic names for src/lib/feeds. */
import rss from '@astrojs/rss';
import { rssItems, selfLink, type FeedContext, type FeedMeta } from '../lib/feeds';
import type { Paper } from '../lib/schema';
import type { Site } from './site';
import { absolute, href, paths } from './urls';

export function feedContext(site: Site): FeedContext {
  return {
    paperUrl: (id) => absolute(paths.paper(id)),
    topicName: (slug) => site.digest.topicBySlug.get(slug)?.topic.name ?? slug,
  };
}

export function feedMeta(site: Site): FeedMeta {
  return {
    title: site.settings.title,
    description: site.settings.description,
    home: absolute(paths.home()),
    rss: absolute(paths.rss()),
    atom: absolute(paths.atom()),
    json: absolute(paths.jsonFeed()),
    stylesheet: href(paths.feedStyle()),
    language: site.settings.language,
  };
}

export interface RssChannel {
  title: string;
  description: string;
  /** Absolute URL of the page the feed follows. */
  home: string;
  /** Absolute URL of the feed itself. */
  self: string;
  papers: readonly Paper[];
}

/** An RSS 2.0 response in this site's one shape: stylesheet, language, self link, paper items. */
export function rssResponse(site: Site, channel: RssChannel): Promise<Response> {
  return rss({
    title: channel.title,
    description: channel.description,
    site: channel.home,
    stylesheet: feedMeta(site).stylesheet,
    items: rssItems(channel.papers, feedContext(site)),
    xmlns: { atom: 'http://www.w3.org/2005/Atom' },
    customData: `<language>${site.settings.language}</language>${selfLink(channel.self)}`,
    trailingSlash: true,
  });
}
