import type { APIRoute } from 'astro';
import { feedContext, feedMeta } from '../data/feeds';
import { getSite } from '../data/site';
import { jsonFeed, latestPapers } from '../lib/feeds';

export const GET: APIRoute = async () => {
  const site = await getSite();
  const body = jsonFeed(latestPapers(site.digest.papers, site.settings.feedItems), feedMeta(site), feedContext(site));
  return new Response(body, { headers: { 'Content-Type': 'application/feed+json; charset=utf-8' } });
};
