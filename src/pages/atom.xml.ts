import type { APIRoute } from 'astro';
import { feedContext, feedMeta } from '../data/feeds';
import { getSite } from '../data/site';
import { atomFeed, latestPapers } from '../lib/feeds';

export const GET: APIRoute = async () => {
  const site = await getSite();
  const body = atomFeed(latestPapers(site.digest.papers, site.settings.feedItems), feedMeta(site), feedContext(site));
  return new Response(body, { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } });
};
