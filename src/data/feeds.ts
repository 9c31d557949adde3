/** Feed settings bound to this site: absolute URLs and topic names for src/lib/feeds. */
import type { FeedContext, FeedMeta } from '../lib/feeds';
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
