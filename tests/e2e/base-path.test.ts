import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Page } from 'playwright-core';
import Parser from 'rss-parser';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { useServedSite } from './browser';

const site = inject('baseSite');
const { browser, server } = useServedSite(site);
let page: Page;

beforeAll(async () => {
  page = await browser.newPage();
});

describe('a site built under /digest/', () => {
  it('navigates home → topic → paper → related paper → day page under the base path', async () => {
    const failed: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400) failed.push(r.url());
    });
    await page.goto(server.url('/'));
    expect(page.url()).toBe(`${server.origin}/digest/`);
    await page
      .getByRole('link', { name: /^Machine unlearning/ })
      .first()
      .click();
    expect(page.url()).toBe(`${server.origin}/digest/topics/unlearning/`);
    await page.locator('.paper-title a').first().click();
    expect(page.url()).toMatch(/\/digest\/papers\/[a-z0-9-]+\/$/);
    await page.locator('.related a').first().click();
    expect(page.url()).toMatch(/\/digest\/papers\/[a-z0-9-]+\/$/);
    await page.locator('.seen a').first().click();
    expect(page.url()).toMatch(/\/digest\/days\/2026-11-2[67]\/$/);
    expect(failed).toEqual([]);
  });

  it('links every page, asset and feed under /digest/', () => {
    const files = readdirSync(site.out, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html'));
    const outside: string[] = [];
    for (const file of files) {
      const html = readFileSync(join(site.out, file), 'utf8');
      for (const m of html.matchAll(/\s(?:href|src|action)="(\/[^"]*)"/g))
        if (!m[1]!.startsWith('/digest/')) outside.push(`${relative(site.out, join(site.out, file))} → ${m[1]}`);
    }
    expect(outside.slice(0, 10)).toEqual([]);
  });

  it('finds papers by search under the base path', async () => {
    await page.goto(server.url('search/?q=unlearning'));
    await page.waitForSelector('#search-results li');
    const href = await page.locator('#search-results .paper-title a').first().getAttribute('href');
    expect(href).toMatch(/^\/digest\/papers\//);
  });

  it('writes absolute feed URLs with the base path', async () => {
    const feed = await new Parser().parseString(readFileSync(join(site.out, 'rss.xml'), 'utf8'));
    expect(feed.items[0]!.link).toMatch(/^https:\/\/digest\.test\/digest\/papers\//);
    expect(feed.items[0]!.guid).toBe(feed.items[0]!.link);
    const json = JSON.parse(readFileSync(join(site.out, 'feed.json'), 'utf8')) as { home_page_url: string; feed_url: string };
    expect(json.home_page_url).toBe('https://digest.test/digest/');
    expect(json.feed_url).toBe('https://digest.test/digest/feed.json');
    expect(readFileSync(join(site.out, 'robots.txt'), 'utf8')).toContain('Sitemap: https://digest.test/digest/sitemap-index.xml');
    expect(readFileSync(join(site.out, 'sitemap-0.xml'), 'utf8')).toContain('<loc>https://digest.test/digest/papers/');
  });
});
