/** Builds the fixture sites the end-to-end test files share: at the root, under a base path, and two real days. */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { EXTRA_DUMP, ROOT } from '../helpers';
import { buildSite } from './site-builder';

declare module 'vitest' {
  export interface ProvidedContext {
    rootSite: { content: string; out: string; base: string };
    baseSite: { content: string; out: string; base: string };
    twoDaySite: { content: string; out: string; base: string };
  }
}

export default function setup(project: TestProject) {
  const rootSite = buildSite();
  const baseSite = buildSite({ base: '/digest/', content: rootSite.content });
  // Two real days of one week, the bundled 224 papers the latest: what a reader skims. Forty papers a page, so that
  // its largest topic (about 100 of the 374 papers, whatever the taxonomy's latest change) spans pages.
  const twoDaySite = buildSite({
    dumps: [
      { date: '2026-11-25', file: EXTRA_DUMP },
      { date: '2026-11-26', file: join(ROOT, 'content/dumps/2026-11-26.txt') },
    ],
    pageSize: 40,
  });
  project.provide('rootSite', rootSite);
  project.provide('baseSite', baseSite);
  project.provide('twoDaySite', twoDaySite);
  return () => {
    for (const dir of [rootSite.content, rootSite.out, baseSite.out, twoDaySite.content, twoDaySite.out]) rmSync(dir, { recursive: true, force: true });
  };
}
