/**
 * The sitemap: every page of the site, in `sitemap-N.xml` files of at most `entryLimit` URLs, listed by
 * `sitemap-index.xml` (the file robots.txt names). Written by src/integrations/sitemap.ts once the pages are built.
 */
import XMLBuilder from 'fast-xml-builder';
import { atPrefix, paths } from './urls';

const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
/** Under the protocol's 50,000 URLs per file, as @astrojs/sitemap (which wrote these files before) chose. */
export const SITEMAP_ENTRY_LIMIT = 45_000;

/** Status pages (404, 500) are not pages to index. */
const STATUS_PAGE = /^\/?(?:404|500)\/?$/;

/**
 * The sitemap files for the pages Astro built (their paths, relative to the site, `papers/x/`), under `siteUrl` (the
 * origin and base, ending in `/`: `absoluteUrl(site, base, '')`). URLs are in the order @astrojs/sitemap gave them (`localeCompare` in English with
 * numeric parts, so `page/2/` before `page/10/`), made with one collator: that library made one per comparison,
 * 1.3 s of a 20,000-paper build and 6 s of a 100,000-paper one. File name → contents.
 */
export function sitemapFiles(pages: readonly string[], siteUrl: string, entryLimit = SITEMAP_ENTRY_LIMIT): Map<string, string> {
  const collator = new Intl.Collator('en', { numeric: true });
  const urls = [...new Set(pages.filter((page) => !STATUS_PAGE.test(page)).map((page) => atPrefix(siteUrl, encodeURI(page))))].sort(collator.compare);
  const builder = new XMLBuilder({ ignoreAttributes: false });
  const xml = (root: object) => `<?xml version="1.0" encoding="UTF-8"?>${builder.build(root)}`;
  const files = new Map<string, string>();
  const names: string[] = [];
  for (let start = 0; start < urls.length; start += entryLimit) {
    const name = `sitemap-${names.length}.xml`;
    names.push(name);
    files.set(name, xml({ urlset: { '@_xmlns': SITEMAP_NS, url: urls.slice(start, start + entryLimit).map((loc) => ({ loc })) } }));
  }
  files.set(paths.sitemap(), xml({ sitemapindex: { '@_xmlns': SITEMAP_NS, sitemap: names.map((name) => ({ loc: atPrefix(siteUrl, name) })) } }));
  return files;
}
