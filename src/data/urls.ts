/** URL helpers bound to this build's base path and site (from astro.config.mjs). */
import { absoluteUrl, atPrefix, basePrefix } from '../lib/site/urls';

export { paths } from '../lib/site/urls';

const BASE = import.meta.env.BASE_URL;
const SITE = import.meta.env.SITE ?? 'https://papers-digest.example.org';

const PREFIX = basePrefix(BASE);

/** A root-relative link for use in pages: base path included. */
export const href = (path: string): string => atPrefix(PREFIX, path);

/** An absolute URL for feeds, canonical links and Open Graph. */
export const absolute = (path: string): string => absoluteUrl(SITE, BASE, path);
