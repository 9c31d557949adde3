import type { APIRoute, GetStaticPaths } from 'astro';
import { channel, dailyContext, feedResponse, topicPapers } from '../../../data/feeds';
import { getSite } from '../../../data/site';
import { absolute, paths } from '../../../data/urls';
import { paperItems } from '../../../lib/feeds/feeds';

export const getStaticPaths = (async () => {
  const { digest } = await getSite();
  return digest.topics.map((g) => ({ params: { slug: g.topic.slug } }));
}) satisfies GetStaticPaths;

/** One topic's feed: its latest papers. */
export const GET: APIRoute = async ({ params }) => {
  const site = await getSite();
  const { topic } = site.digest.topicBySlug.get(params['slug']!)!;
  const ch = channel(site, {
    title: `${topic.name} · ${site.settings.title}`,
    description: topic.description,
    home: absolute(paths.topic(topic.slug)),
    self: absolute(paths.topicFeed(topic.slug)),
  });
  return feedResponse('rss', ch, paperItems(topicPapers(site, topic.slug), dailyContext(site)));
};
