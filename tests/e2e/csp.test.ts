/**
 * The site works under its own Content-Security-Policy (from the `_headers` it publishes): every page type, search
 * with results, the theme toggle and the feeds page, with no violation reported.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src/lib/site/host-headers';
import { useServedSite } from './browser';

const site = inject('rootSite');
const { browser, server } = useServedSite(site);

let page: Page;
const violations: string[] = [];
beforeAll(async () => {
  page = await browser.newPage();
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const w = window as unknown as { violations?: string[] };
      (w.violations ??= []).push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
});

async function visit(path: string): Promise<void> {
  const response = await page.goto(server.url(path));
  expect(response!.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  expect(response!.headers()['x-content-type-options']).toBe('nosniff');
}

const reported = () => page.evaluate(() => (window as unknown as { violations?: string[] }).violations ?? []);

describe('the Content-Security-Policy', () => {
  it.each([
    ['home', '/'],
    ['a day', 'days/2026-11-26/'],
    ['a topic', 'topics/codecs/'],
    ['a paper', 'papers/hnerv-a-hybrid-neural-representation-for-videos/'],
    ['the feeds page', 'feeds/'],
    ['the about page', 'about/'],
  ])('reports no violation on %s', async (_, path) => {
    await visit(path);
    await page.waitForLoadState('load');
    expect(await reported()).toEqual([]);
    expect(violations).toEqual([]);
  });

  it('lets search load its files and show results', async () => {
    await visit('search/?q=codec');
    await page.waitForSelector('#search-results li');
    expect(await page.locator('#search-results li').count()).toBeGreaterThan(3);
    expect(await reported()).toEqual([]);
    expect(violations).toEqual([]);
  });

  it('lets the theme toggle work, and the chosen theme apply before paint on the next page', async () => {
    await visit('/');
    await page.click('.theme-toggle');
    const theme = await page.evaluate(() => document.documentElement.dataset['theme']);
    expect(theme === 'dark' || theme === 'light').toBe(true);
    await visit('topics/');
    expect(await page.evaluate(() => document.documentElement.dataset['theme'])).toBe(theme);
    expect(await reported()).toEqual([]);
    expect(violations).toEqual([]);
  });
});
