import type { APIRoute } from 'astro';
import { feedCatalogue } from '../data/feeds';
import { getSite } from '../data/site';
import { absolute } from '../data/urls';
import { opmlDocument } from '../lib/feeds/feeds';

/** Every feed of the digest once (as RSS: its Atom and JSON twins carry the same items, and a reader given both shows each item twice), for a one-step import. */
export const GET: APIRoute = async () => {
  const site = await getSite();
  const groups = feedCatalogue(site).map((group) => ({
    title: group.title,
    feeds: group.feeds
      .filter((feed) => feed.format === 'RSS')
      .map((feed) => ({ title: feed.title, xmlUrl: absolute(feed.path), htmlUrl: absolute(feed.home), description: feed.carries })),
  }));
  return new Response(opmlDocument(`${site.settings.title}: all feeds`, groups), { headers: { 'Content-Type': 'text/x-opml; charset=utf-8' } });
};
