import type { APIRoute } from 'astro';
import { getSite } from '../data/site';
import { absolute, paths } from '../data/urls';
import { openSearchDescription } from '../lib/feeds/opensearch';

/** Lets browsers add the digest's search (address-bar keyword search). */
export const GET: APIRoute = async () => {
  const { settings } = await getSite();
  const body = openSearchDescription({
    shortName: settings.title,
    description: settings.description,
    searchUrl: absolute(paths.search()),
    selfUrl: absolute(paths.openSearch()),
    language: settings.language,
  });
  return new Response(body, { headers: { 'Content-Type': 'application/opensearchdescription+xml; charset=utf-8' } });
};
