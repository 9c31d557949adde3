/**
 * Writes the search files (see src/lib/search.ts) into the built site. Thousands of small files: made by
 * scripts/build-search.ts in a second process that starts with the build and runs while Astro renders the pages
 * (Astro renders on one core; these machines have two), then moved into the output once the pages are done.
 * It reads the same paper files as the collection, in the same order as the site.
 */
import type { AstroIntegration } from 'astro';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function searchIndex(): AstroIntegration {
  let pending: Promise<{ folder: string; log: string }> | undefined;
  return {
    name: 'papers-digest:search-index',
    hooks: {
      'astro:build:start': () => {
        const folder = mkdtempSync(join(tmpdir(), 'digest-search-'));
        const root = fileURLToPath(new URL('../..', import.meta.url));
        pending = new Promise((resolve, reject) => {
          const child = spawn(join(root, 'node_modules/.bin/tsx'), [join(root, 'scripts/build-search.ts'), folder], { stdio: ['ignore', 'pipe', 'pipe'] });
          let output = '';
          child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
          child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
          child.on('error', reject);
          child.on('close', (code) => (code === 0 ? resolve({ folder, log: output.trim() }) : reject(new Error(`building the search index failed:\n${output}`))));
        });
        // Reported at build:done; keep an early failure from being an unhandled rejection meanwhile.
        pending.catch(() => undefined);
      },
      'astro:build:done': async ({ dir, logger }) => {
        if (!pending) return;
        const { folder, log } = await pending;
        const target = join(fileURLToPath(dir), 'search-index');
        rmSync(target, { recursive: true, force: true });
        cpSync(folder, target, { recursive: true });
        rmSync(folder, { recursive: true, force: true });
        logger.info(log);
      },
    },
  };
}
