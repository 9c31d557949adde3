import type { APIRoute } from 'astro';
import { feedMeta, rssResponse } from '../data/feeds';
import { getSite } from '../data/site';
import { absolute, paths } from '../data/urls';
import { latestPapers } from '../lib/feeds';

/** The whole digest: the latest papers, newest day first, in each day's order. */
export const GET: APIRoute = async () => {
  const site = await getSite();
  const meta = feedMeta(site);
  return rssResponse(site, {
    title: meta.title,
    description: meta.description,
    home: meta.home,
    self: absolute(paths.rss()),
    papers: latestPapers(site.digest.papers, site.settings.feedItems),
  });
};
