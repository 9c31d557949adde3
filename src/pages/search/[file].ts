import type { APIRoute, GetStaticPaths } from 'astro';
import { getSearchFiles } from '../../data/search';

export const getStaticPaths = (async () => {
  const { files } = await getSearchFiles();
  return [...files.keys()].map((file) => ({ params: { file } }));
}) satisfies GetStaticPaths;

/** One search file: the meta file, an index shard or a data chunk. */
export const GET: APIRoute = async ({ params }) => {
  const { files } = await getSearchFiles();
  return new Response(files.get(params['file']!)!, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
