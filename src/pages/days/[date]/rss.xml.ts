import rss from '@astrojs/rss';
import type { APIRoute, GetStaticPaths } from 'astro';
import { feedContext, feedMeta } from '../../../data/feeds';
import { getSite } from '../../../data/site';
import { absolute, paths } from '../../../data/urls';
import { formatDay } from '../../../lib/dates';
import { rssItems, selfLink } from '../../../lib/feeds';

export const getStaticPaths = (async () => {
  const { digest } = await getSite();
  return digest.days.map((day) => ({ params: { date: day.date } }));
}) satisfies GetStaticPaths;

/** One day's papers, in that day's order: a newsletter issue as a feed. */
export const GET: APIRoute = async ({ params }) => {
  const site = await getSite();
  const day = site.digest.days.find((d) => d.date === params['date'])!;
  const meta = feedMeta(site);
  return rss({
    title: `${meta.title}: ${formatDay(day.date)}`,
    description: `The ${day.papers.length} papers trending on ${formatDay(day.date)}.`,
    site: absolute(paths.day(day.date)),
    stylesheet: meta.stylesheet,
    items: rssItems(day.papers, feedContext(site)),
    xmlns: { atom: 'http://www.w3.org/2005/Atom' },
    customData: `<language>${site.settings.language}</language>${selfLink(absolute(paths.dayFeed(day.date)))}`,
    trailingSlash: true,
  });
};
