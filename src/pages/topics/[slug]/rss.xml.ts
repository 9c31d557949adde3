import rss from '@astrojs/rss';
import type { APIRoute, GetStaticPaths } from 'astro';
import { feedContext, feedMeta } from '../../../data/feeds';
import { getSite } from '../../../data/site';
import { absolute, paths } from '../../../data/urls';
import { latestPapers, rssItems, selfLink } from '../../../lib/feeds';

export const getStaticPaths = (async () => {
  const { digest } = await getSite();
  return digest.topics.map((g) => ({ params: { slug: g.topic.slug } }));
}) satisfies GetStaticPaths;

/** One topic's feed: its latest papers. */
export const GET: APIRoute = async ({ params }) => {
  const site = await getSite();
  const group = site.digest.topicBySlug.get(params['slug']!)!;
  const meta = feedMeta(site);
  return rss({
    title: `${group.topic.name} · ${meta.title}`,
    description: group.topic.description,
    site: absolute(paths.topic(group.topic.slug)),
    stylesheet: meta.stylesheet,
    items: rssItems(latestPapers(group.papers, site.settings.topicFeedItems), feedContext(site)),
    xmlns: { atom: 'http://www.w3.org/2005/Atom' },
    customData: `<language>${site.settings.language}</language>${selfLink(absolute(paths.topicFeed(group.topic.slug)))}`,
    trailingSlash: true,
  });
};
