/**
 * `_headers`, the response headers file that Netlify and Cloudflare Pages read from the published folder. Both apply
 * every rule whose path matches and join the values of a header set by two rules, so no header is set by two rules
 * that can match one path: the security headers are set once for everything, and each path gets one Cache-Control.
 */

/**
 * Everything comes from the site itself: no inline script or style anywhere (the theme is set by a file, Astro's
 * scripts and styles are written as files), so neither needs 'unsafe-inline'. Links to papers leave the site; nothing
 * is loaded from elsewhere.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Hashed build assets and the search files (in a folder named by their hash) never change under their names. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Pages, feeds and everything else change with each day's build: kept five minutes, then revalidated. */
export const SHORT = 'public, max-age=300, must-revalidate';

const IMMUTABLE_FOLDERS = new Set(['_astro', 'search-index']);

/**
 * The `_headers` file for a site under `base` whose output folder holds `entries` at its top level (names, with
 * whether each is a folder). Deterministic: entries are sorted.
 */
export function hostHeaders(base: string, entries: readonly { name: string; folder: boolean }[]): string {
  const prefix = `/${base.replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
  const rule = (path: string, headers: [string, string][]) => `${path}\n${headers.map(([k, v]) => `  ${k}: ${v}`).join('\n')}\n`;
  const sorted = [...entries].filter((e) => e.name !== '_headers' && e.name !== '_redirects').sort((a, b) => (a.name < b.name ? -1 : 1));
  const rules = [
    '# Written by papers-digest at build time (src/lib/site/host-headers.ts); read by Netlify and Cloudflare Pages.\n',
    rule(`${prefix}*`, [
      ['Content-Security-Policy', CONTENT_SECURITY_POLICY],
      ['X-Content-Type-Options', 'nosniff'],
      ['Referrer-Policy', 'strict-origin-when-cross-origin'],
    ]),
    rule(prefix, [['Cache-Control', SHORT]]),
    ...sorted.map((e) =>
      rule(e.folder ? `${prefix}${e.name}/*` : `${prefix}${e.name}`, [['Cache-Control', IMMUTABLE_FOLDERS.has(e.name) ? IMMUTABLE : SHORT]]),
    ),
  ];
  return rules.join('\n');
}

/** Reads a `_headers` file into rules: a path pattern (`*` matches anything) and its headers. */
export function parseHostHeaders(text: string): { pattern: RegExp; headers: [string, string][] }[] {
  const rules: { pattern: RegExp; headers: [string, string][] }[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      const source = line
        .trim()
        .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*');
      rules.push({ pattern: new RegExp(`^${source}$`), headers: [] });
    } else {
      const at = line.indexOf(':');
      rules.at(-1)?.headers.push([line.slice(0, at).trim(), line.slice(at + 1).trim()]);
    }
  }
  return rules;
}

/** The headers a host would send for `path`: every matching rule's, a header set twice joined with a comma. */
export function headersFor(rules: ReturnType<typeof parseHostHeaders>, path: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const rule of rules) {
    if (!rule.pattern.test(path)) continue;
    for (const [k, v] of rule.headers) headers.set(k, headers.has(k) ? `${headers.get(k)}, ${v}` : v);
  }
  return headers;
}
