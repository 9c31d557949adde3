/**
 * Takes the README's screenshots: builds a two-day digest (the 150 papers of eval/papers-extra.txt, then the bundled
 * dump the next day, as the browser tests do), serves it, and photographs the first screen of the home page, a day by
 * topic and a week page, at 1280×900 and 390×844, into docs/screenshots/. A dev tool: `npm run screenshots`.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser } from '../tests/e2e/browser';
import { buildSite, serveSite } from '../tests/e2e/site-builder';
import { ROOT } from '../tests/helpers';

const OUT = join(ROOT, 'docs/screenshots');
const PAGES = [
  { name: 'home', path: '' },
  { name: 'day-by-topic', path: 'days/2026-11-26/topics/' },
  { name: 'week', path: 'weeks/2026-W48/' },
];
const SIZES = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
];

const site = buildSite({
  dumps: [
    { date: '2026-11-25', file: join(ROOT, 'eval/papers-extra.txt') },
    { date: '2026-11-26', file: join(ROOT, 'content/dumps/2026-11-26.txt') },
  ],
});
const server = await serveSite(site);
const browser = await launchBrowser();
mkdirSync(OUT, { recursive: true });
try {
  for (const size of SIZES) {
    for (const scheme of ['light', 'dark'] as const) {
      const page = await browser.newPage({ viewport: { width: size.width, height: size.height }, colorScheme: scheme });
      for (const p of PAGES) {
        if (scheme === 'dark' && p.name !== 'home') continue;
        await page.goto(server.url(p.path));
        const file = join(OUT, `${p.name}-${size.name}${scheme === 'dark' ? '-dark' : ''}.png`);
        await page.screenshot({ path: file });
        console.log(file.slice(ROOT.length + 1));
      }
      await page.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
  for (const dir of [site.content, site.out]) rmSync(dir, { recursive: true, force: true });
}
