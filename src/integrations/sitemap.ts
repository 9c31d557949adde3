/** Writes the sitemap (src/lib/site/sitemap.ts) into the built site, from the pages Astro reports it built. */
import type { AstroIntegration } from 'astro';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sitemapFiles } from '../lib/site/sitemap';
import { absoluteUrl } from '../lib/site/urls';

export function sitemap(): AstroIntegration {
  let siteUrl = '';
  return {
    name: 'papers-digest:sitemap',
    hooks: {
      'astro:config:done': ({ config }) => {
        // The origin and base, ending in `/`: what every page's path is appended to.
        siteUrl = absoluteUrl(config.site ?? '', config.base, '');
      },
      'astro:build:done': ({ dir, pages }) => {
        const out = fileURLToPath(dir);
        for (const [name, xml] of sitemapFiles(
          pages.map((p) => p.pathname),
          siteUrl,
        ))
          writeFileSync(join(out, name), xml);
      },
    },
  };
}
