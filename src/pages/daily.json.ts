import type { APIRoute } from 'astro';
import { dailyChannel, dailyFeedItems, feedResponse } from '../data/feeds';
import { getSite } from '../data/site';
import { paths } from '../data/urls';

/** The daily digest: one item a day, that day's papers by topic. */
export const GET: APIRoute = async () => {
  const site = await getSite();
  return feedResponse('json', dailyChannel(site, paths.dailyJson()), dailyFeedItems(site));
};
