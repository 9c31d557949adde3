/** The sitemap files (src/lib/site/sitemap.ts). */
import { describe, expect, it } from 'vitest';
import { sitemapFiles } from '../src/lib/site/sitemap';

const HEAD = '<?xml version="1.0" encoding="UTF-8"?>';
const NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"';
const locs = (xml: string) => [...xml.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]);

describe('sitemapFiles', () => {
  it('lists every page once under the site URL, numbered pages in number order, status pages left out', () => {
    const files = sitemapFiles(['topics/x/page/10/', 'topics/x/page/2/', '', 'about/', '404/', '/500', 'about/', 'topics/x/'], 'https://d.test/digest/');
    expect([...files.keys()]).toEqual(['sitemap-0.xml', 'sitemap-index.xml']);
    expect(files.get('sitemap-0.xml')).toBe(
      `${HEAD}<urlset ${NS}><url><loc>https://d.test/digest/</loc></url><url><loc>https://d.test/digest/about/</loc></url>` +
        '<url><loc>https://d.test/digest/topics/x/</loc></url><url><loc>https://d.test/digest/topics/x/page/2/</loc></url>' +
        '<url><loc>https://d.test/digest/topics/x/page/10/</loc></url></urlset>',
    );
    expect(files.get('sitemap-index.xml')).toBe(`${HEAD}<sitemapindex ${NS}><sitemap><loc>https://d.test/digest/sitemap-0.xml</loc></sitemap></sitemapindex>`);
  });

  it('orders as @astrojs/sitemap did (localeCompare in English, numeric), which it replaces', () => {
    const pages = [
      'papers/b-2/',
      'papers/B-10/',
      'papers/a/',
      'days/2026-11-26/',
      'days/2026-11-3/',
      'papers/é/',
      'papers/e/',
      'weeks/2026-W9/',
      'weeks/2026-W10/',
    ];
    const expected = pages.map((p) => `https://d.test/${encodeURI(p)}`).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    expect(locs(sitemapFiles(pages, 'https://d.test/').get('sitemap-0.xml')!)).toEqual(expected);
  });

  it('leaves out only the status pages themselves, and takes paths with or without their leading slash', () => {
    const pages = ['/feeds/', 'papers/404/', 'topics/x/page/500/', '500-words/', '404'];
    expect(locs(sitemapFiles(pages, 'https://d.test/').get('sitemap-0.xml')!)).toEqual([
      'https://d.test/500-words/',
      'https://d.test/feeds/',
      'https://d.test/papers/404/',
      'https://d.test/topics/x/page/500/',
    ]);
  });

  it('makes no empty file when the pages fill the last one exactly', () => {
    const files = sitemapFiles(['a/', 'b/', 'c/', 'd/'], 'https://d.test/', 2);
    expect([...files.keys()]).toEqual(['sitemap-0.xml', 'sitemap-1.xml', 'sitemap-index.xml']);
  });

  it('splits a long list into files of at most the limit, all listed by the index', () => {
    const pages = Array.from({ length: 7 }, (_, i) => `papers/p${i}/`);
    const files = sitemapFiles(pages, 'https://d.test/', 3);
    expect([...files.keys()]).toEqual(['sitemap-0.xml', 'sitemap-1.xml', 'sitemap-2.xml', 'sitemap-index.xml']);
    expect([0, 1, 2].map((i) => locs(files.get(`sitemap-${i}.xml`)!).length)).toEqual([3, 3, 1]);
    expect([0, 1, 2].flatMap((i) => locs(files.get(`sitemap-${i}.xml`)!))).toEqual(pages.map((p) => `https://d.test/${p}`));
    expect(locs(files.get('sitemap-index.xml')!)).toEqual(['https://d.test/sitemap-0.xml', 'https://d.test/sitemap-1.xml', 'https://d.test/sitemap-2.xml']);
  });

  it('percent-encodes and escapes what a URL in XML cannot hold as it is', () => {
    const xml = sitemapFiles(['papers/naïve/', 'search/?a=1&b=<2>'], 'https://d.test/').get('sitemap-0.xml')!;
    expect(xml).toContain('<loc>https://d.test/papers/na%C3%AFve/</loc>');
    expect(xml).toContain('<loc>https://d.test/search/?a=1&amp;b=%3C2%3E</loc>');
  });
});
