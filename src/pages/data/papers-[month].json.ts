import type { APIRoute, GetStaticPaths } from 'astro';
import { getSite } from '../../data/site';
import { exportMonths, papersExport } from '../../lib/feeds/export';

export const getStaticPaths = (async () => {
  const { digest } = await getSite();
  return exportMonths(digest.papers).map((m) => ({ params: { month: m.month } }));
}) satisfies GetStaticPaths;

/** One month's records (first seen that month), with topics and their evidence. */
export const GET: APIRoute = async ({ params }) => {
  const { digest } = await getSite();
  const month = exportMonths(digest.papers).find((m) => m.month === params['month'])!;
  return new Response(papersExport(month.papers), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
