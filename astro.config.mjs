// @ts-check
import { defineConfig } from 'astro/config';
import process from 'node:process';
import { hostHeadersFile } from './src/integrations/host-headers';
import { safeOutput } from './src/integrations/safe-output';
import { searchIndex } from './src/integrations/search-index';
import { sitemap } from './src/integrations/sitemap';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

// The search page loads flexsearch's compact build (about 11 KB gzipped instead of 18): same API, fewer parts.
const flexsearchDir = dirname(createRequire(import.meta.url).resolve('flexsearch'));
const flexsearchCompact = join(flexsearchDir, 'flexsearch.compact.module.min.js');

// Where the site is hosted. SITE_URL is the origin (and any path) used in feeds, canonical URLs and the sitemap;
// BASE_PATH is the sub-path the site is served under, e.g. `/digest/` on GitHub Pages. Both are documented in README.
const site = process.env.SITE_URL ?? 'https://papers-digest.example.org';
const base = process.env.BASE_PATH ?? '/';

export default defineConfig({
  site,
  base,
  // OUT_DIR lets tests and benchmarks build into scratch folders.
  outDir: process.env.OUT_DIR ?? './dist',
  trailingSlash: 'ignore',
  // Whitespace between inline elements matters in running text; 'jsx' mode would glue words together.
  compressHTML: true,
  // Four pages in flight at once: while one page's file is written, the next renders (about a quarter off the
  // page-generation time at 20,000 papers; see README, Performance). Output does not depend on the order.
  // No inline scripts or styles, so the Content-Security-Policy in _headers needs no 'unsafe-inline' (see README, Publishing).
  build: { format: 'directory', concurrency: 4, inlineStylesheets: 'never' },
  devToolbar: { enabled: false },
  vite: {
    resolve: { alias: { 'flexsearch-compact': flexsearchCompact } },
    build: { assetsInlineLimit: 0 },
    // Every page names its script: `_astro/<hash>.js` rather than Astro's `Base.astro_astro_type_script_index_0_lang.<hash>.js`.
    environments: { client: { build: { rollupOptions: { output: { entryFileNames: '_astro/[hash].js' } } } } },
    // The benchmark's archives (hundreds of thousands of files) are not the site's source: watching them would use up
    // the system's file watchers and stop `astro dev`.
    server: { watch: { ignored: ['**/bench/.scratch/**'] } },
  },
  // safeOutput comes last: it publishes the output once the others are done.
  integrations: [sitemap(), searchIndex(), hostHeadersFile(), safeOutput()],
});
