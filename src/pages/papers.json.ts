import type { APIRoute } from 'astro';
import { getSite } from '../data/site';
import { papersExport } from '../lib/export';

/** The public export of all records, with topics and their evidence. */
export const GET: APIRoute = async () => {
  const { digest } = await getSite();
  return new Response(papersExport(digest.papers), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
