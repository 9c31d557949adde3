import type { APIRoute, GetStaticPaths } from 'astro';
import { getSite } from '../../data/site';
import { papersExportFile } from '../../lib/feeds/export';
import type { Paper } from '../../lib/schema';

export const getStaticPaths = (async () => {
  const { digest } = await getSite();
  return digest.months.map((m) => ({ params: { month: m.key }, props: { papers: m.papers } }));
}) satisfies GetStaticPaths;

/** One month's records (first seen that month, in the digest's order), with topics and their evidence, gzipped. */
export const GET: APIRoute<{ papers: Paper[] }> = async ({ props }) =>
  new Response(await papersExportFile(props.papers), { headers: { 'Content-Type': 'application/gzip' } });
