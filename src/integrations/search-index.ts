/**
 * Writes the search files (see src/lib/search/format.ts) into the built site. Made by
 * src/integrations/search-worker.ts in a second process that starts with the build and runs while Astro renders the pages
 * (Astro renders on one core; these machines have two), into a folder beside the output that is renamed into place
 * once the pages are done. It reads the same paper files as the site, in the same order.
 */
import type { AstroIntegration } from 'astro';
import { spawn } from 'node:child_process';
import { cpSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function searchIndex(): AstroIntegration {
  let staging = '';
  let pending: Promise<string> | undefined;
  return {
    name: 'papers-digest:search-index',
    hooks: {
      'astro:config:done': ({ config }) => {
        // Beside the output folder, so the files move in with one rename (same file system) and a clean of the
        // output folder cannot touch them.
        staging = `${fileURLToPath(config.outDir).replace(/\/+$/, '')}.search-index-${process.pid}`;
      },
      'astro:build:start': () => {
        const root = fileURLToPath(new URL('../..', import.meta.url));
        rmSync(staging, { recursive: true, force: true });
        pending = new Promise((resolve, reject) => {
          const child = spawn(join(root, 'node_modules/.bin/tsx'), [join(root, 'src/integrations/search-worker.ts'), staging], {
            stdio: ['ignore', 'pipe', 'pipe'],
          });
          let output = '';
          child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
          child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
          // A build that fails (or is stopped) before the pages are done takes its worker with it: otherwise the
          // worker would go on to write its files beside an output folder nobody will publish.
          const stop = () => child.kill();
          process.once('exit', stop);
          child.on('exit', () => process.off('exit', stop));
          child.on('error', reject);
          child.on('close', (code) => (code === 0 ? resolve(output.trim()) : reject(new Error(`building the search index failed:\n${output}`))));
        });
        // Reported at build:done; keep an early failure from being an unhandled rejection meanwhile.
        pending.catch(() => undefined);
      },
      'astro:build:done': async ({ dir, logger }) => {
        if (!pending) return;
        try {
          const log = await pending;
          const target = join(fileURLToPath(dir), 'search-index');
          rmSync(target, { recursive: true, force: true });
          try {
            renameSync(staging, target);
          } catch {
            cpSync(staging, target, { recursive: true });
          }
          logger.info(log);
        } finally {
          rmSync(staging, { recursive: true, force: true });
        }
      },
    },
  };
}
