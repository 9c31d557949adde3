import type { APIRoute } from 'astro';
import { dailyContext, feedResponse, mainChannel, mainPapers } from '../data/feeds';
import { getSite } from '../data/site';
import { paths } from '../data/urls';
import { paperItems } from '../lib/feeds/feeds';

/** Every paper of the latest days, newest first, in each day's trending order. */
export const GET: APIRoute = async () => {
  const site = await getSite();
  return feedResponse('json', mainChannel(site, paths.jsonFeed()), paperItems(mainPapers(site), dailyContext(site)));
};
