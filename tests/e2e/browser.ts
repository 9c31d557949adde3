/** Debian's Chromium through playwright-core, as DEVELOPERS.md prescribes (never a downloaded browser). */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { serveSite, type BuiltSite } from './site-builder';

export type ServedSite = Awaited<ReturnType<typeof serveSite>>;

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core (WCAG 2.1 A and AA rules and best practices) on the page; returns the violations. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, which the site's Content-Security-Policy does not govern (a script tag
  // added to the page would be refused by it, as it should be).
  await page.evaluate(readFileSync(AXE, 'utf8'));
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
}

/** The browser and the served site of one test file, usable from its tests once its `beforeAll` hooks have run. */
export interface ServedSiteForTests {
  browser: Pick<Browser, 'newPage' | 'newContext'>;
  server: Pick<ServedSite, 'origin' | 'url'>;
}

/**
 * Starts Chromium and serves a built site for the tests of one file; closes both after them. What it returns stands
 * for the two from the start, so a test file can keep them in constants.
 */
export function useServedSite(site: BuiltSite): ServedSiteForTests {
  let browser: Browser | undefined;
  let server: ServedSite | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
    server = await serveSite(site);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the browser and the site start in beforeAll: use them in a test or hook');
    return value;
  };
  return {
    browser: {
      newPage: (options) => started(browser).newPage(options),
      newContext: (options) => started(browser).newContext(options),
    },
    server: {
      get origin() {
        return started(server).origin;
      },
      url: (path) => started(server).url(path),
    },
  };
}
