import type { APIRoute } from 'astro';
import { getSite } from '../data/site';
import { href, paths } from '../data/urls';
import { exportIndex } from '../lib/feeds/export';

/** The public export's index: each month's file of records. */
export const GET: APIRoute = async () => {
  const { digest } = await getSite();
  return new Response(
    exportIndex(digest.months, (month) => href(paths.monthExport(month))),
    { headers: { 'Content-Type': 'application/json; charset=utf-8' } },
  );
};
