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

describe('the _headers file, byte for byte', () => {
  it('writes the security rule, the home page, then each top-level entry in name order, under a base with stray slashes', () => {
    const text = hostHeaders('//digest//', [
      { name: 'papers', folder: true },
      { name: '_astro', folder: true },
      { name: 'rss.xml', folder: false },
      { name: '_headers', folder: false },
      { name: '_redirects', folder: false },
    ]);
    expect(text).toBe(
      [
        '# Written by papers-digest at build time (src/lib/site/host-headers.ts); read by Netlify and Cloudflare Pages.',
        '',
        '/digest/*',
        "  Content-Security-Policy: default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
        '  X-Content-Type-Options: nosniff',
        '  Referrer-Policy: strict-origin-when-cross-origin',
        '',
        '/digest/',
        '  Cache-Control: public, max-age=300, must-revalidate',
        '',
        '/digest/_astro/*',
        '  Cache-Control: public, max-age=31536000, immutable',
        '',
        '/digest/papers/*',
        '  Cache-Control: public, max-age=300, must-revalidate',
        '',
        '/digest/rss.xml',
        '  Cache-Control: public, max-age=300, must-revalidate',
        '',
      ].join('\n'),
    );
    expect(hostHeaders('/', []).split('\n').slice(2, 3)).toEqual(['/*']);
  });

  it('reads a file as hosts do: comments and blank lines skipped, indented lines are headers, a header set twice joined', () => {
    const rules = parseHostHeaders(
      ['# a comment', '', '/a/*', '  X-One: 1', '   # not a rule', '/a/b.txt', '  X-One: 2', '  X-Two: two: parts', '/c?d', '  X-Three: 3'].join('\n'),
    );
    expect(rules.map((r) => r.pattern.source)).toEqual(['^\\/a\\/.*$', '^\\/a\\/b\\.txt$', '^\\/c\\?d$']);
    expect([...headersFor(rules, '/a/b.txt')]).toEqual([
      ['X-One', '1, 2'],
      ['X-Two', 'two: parts'],
    ]);
    expect([...headersFor(rules, '/a/bxtxt')]).toEqual([['X-One', '1']]);
    expect([...headersFor(rules, '/c?d')]).toEqual([['X-Three', '3']]);
    expect([...headersFor(rules, '/cd')]).toEqual([]);
    expect(parseHostHeaders('  X-Orphan: 1\n/x\n')).toEqual([{ pattern: /^\/x$/, headers: [] }]);
  });
});
