import type { APIRoute, GetStaticPaths } from 'astro';
import { channel, dailyContext, feedResponse } from '../../../data/feeds';
import { getSite } from '../../../data/site';
import { absolute, paths } from '../../../data/urls';
import { formatDay } from '../../../lib/dates';
import { paperItems } from '../../../lib/feeds';

export const getStaticPaths = (async () => {
  const { digest } = await getSite();
  return digest.days.map((day) => ({ params: { date: day.date } }));
}) satisfies GetStaticPaths;

/** One day's papers, in that day's order: a newsletter issue as a feed. */
export const GET: APIRoute = async ({ params }) => {
  const site = await getSite();
  const day = site.digest.days.find((d) => d.date === params['date'])!;
  const ch = channel(site, {
    title: `${site.settings.title}: ${formatDay(day.date)}`,
    description: `The ${day.papers.length} papers trending on ${formatDay(day.date)}.`,
    home: absolute(paths.day(day.date)),
    self: absolute(paths.dayFeed(day.date)),
  });
  return feedResponse('rss', ch, paperItems(day.papers, dailyContext(site)));
};
