import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { feedContext, feedMeta } from '../data/feeds';
import { getSite } from '../data/site';
import { absolute, paths } from '../data/urls';
import { latestPapers, rssItems, selfLink } from '../lib/feeds';

/** The whole digest: the latest papers, newest day first, in each day's order. */
export const GET: APIRoute = async () => {
  const site = await getSite();
  const meta = feedMeta(site);
  return rss({
    title: meta.title,
    description: meta.description,
    site: meta.home,
    stylesheet: meta.stylesheet,
    items: rssItems(latestPapers(site.digest.papers, site.settings.feedItems), feedContext(site)),
    xmlns: { atom: 'http://www.w3.org/2005/Atom' },
    customData: `<language>${site.settings.language}</language>${selfLink(absolute(paths.rss()))}`,
    trailingSlash: true,
  });
};
