/** Builds the two fixture sites every end-to-end test file shares: at the root, and under a base path. */
import { rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { buildSite } from './site-builder';

declare module 'vitest' {
  export interface ProvidedContext {
    rootSite: { content: string; out: string; base: string };
    baseSite: { content: string; out: string; base: string };
  }
}

export default function setup(project: TestProject) {
  const rootSite = buildSite();
  const baseSite = buildSite({ base: '/digest/', content: rootSite.content });
  project.provide('rootSite', rootSite);
  project.provide('baseSite', baseSite);
  return () => {
    for (const dir of [rootSite.content, rootSite.out, baseSite.out]) rmSync(dir, { recursive: true, force: true });
  };
}
