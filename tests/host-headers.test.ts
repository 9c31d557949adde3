import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, IMMUTABLE, SHORT, headersFor, hostHeaders, parseHostHeaders } from '../src/lib/site/host-headers';

const entries = [
  { name: 'papers', folder: true },
  { name: '_astro', folder: true },
  { name: 'search-index', folder: true },
  { name: 'rss.xml', folder: false },
  { name: 'index.html', folder: false },
  { name: '_headers', folder: false },
];

describe('hostHeaders', () => {
  const rules = parseHostHeaders(hostHeaders('/', entries));

  it('sends the security headers with everything', () => {
    for (const path of ['/', '/papers/x/', '/_astro/a.js', '/rss.xml']) {
      const headers = headersFor(rules, path);
      expect(headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(headers.get('X-Content-Type-Options')).toBe('nosniff');
      expect(headers.get('Referrer-Policy')).toBe('strict-origin-when-cross-origin');
    }
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
  });

  it('caches hashed assets and search files for good, pages and feeds briefly, each path once', () => {
    expect(headersFor(rules, '/_astro/Base.2Ti43BBH.css').get('Cache-Control')).toBe(IMMUTABLE);
    expect(headersFor(rules, '/search-index/bbccf65bf235/t-co.json').get('Cache-Control')).toBe(IMMUTABLE);
    for (const path of ['/', '/papers/x/', '/rss.xml', '/index.html']) expect(headersFor(rules, path).get('Cache-Control')).toBe(SHORT);
  });

  it('puts the rules under the base path, and never lists its own file', () => {
    const text = hostHeaders('/digest/', entries);
    expect(text).toContain('\n/digest/*\n');
    expect(text).toContain('\n/digest/_astro/*\n  Cache-Control: public, max-age=31536000, immutable\n');
    expect(text).not.toContain('_headers\n');
    expect(hostHeaders('/', [...entries].reverse())).toBe(hostHeaders('/', entries));
  });
});
