import type { APIRoute } from 'astro';
import { absolute, paths } from '../data/urls';

export const GET: APIRoute = () =>
  new Response(`User-agent: *\nAllow: /\n\nSitemap: ${absolute(paths.sitemap())}\n`, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
