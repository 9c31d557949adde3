/**
 * Writes the search files (see src/lib/search/format.ts) into the built site. Made by
 * src/integrations/search-worker.ts in a second process that starts with the build and runs while Astro renders the pages
 * (Astro renders on one core; these machines have two), into a folder beside the output that is renamed into place
 * once the pages are done. It reads the same paper files as the site, in the same order. Before the index it makes the
 * related papers, which this integration offers to the paper pages (src/integrations/related-channel.ts).
 */
import type { AstroIntegration } from 'astro';
import type { Related } from '../lib/site/related';
import { spawn } from 'node:child_process';
import { cpSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseRelated } from '../lib/site/related';
import { offerRelated } from './related-channel';

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
        const relatedFile = `${staging}.related.json`;
        rmSync(staging, { recursive: true, force: true });
        // Node itself with tsx's loader (not tsx's command, which runs a second Node), so descriptor 3 reaches the worker.
        const loader = pathToFileURL(join(root, 'node_modules/tsx/dist/loader.mjs')).href;
        const child = spawn(process.execPath, ['--expose-gc', '--import', loader, join(root, 'src/integrations/search-worker.ts'), staging, relatedFile], {
          stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
        });
        let output = '';
        child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
        // A build that fails (or is stopped) before the pages are done takes its worker with it: otherwise the
        // worker would go on to write its files beside an output folder nobody will publish.
        const stop = () => child.kill();
        process.once('exit', stop);
        child.on('exit', () => process.off('exit', stop));
        const ended = new Promise<number | null>((resolve, reject) => {
          child.on('error', reject);
          child.on('close', resolve);
        });
        const done = ended.then((code) => {
          if (code !== 0) throw new Error(`building the search index failed:\n${output}`);
          return output.trim();
        });
        // The related papers, once the worker says they are written. A promise settles once, so the worker's end
        // (its failure, or a success without them) rejects this only when they never came.
        const offer = new Promise<Map<string, Related[]>>((resolve, reject) => {
          (child.stdio[3] as Readable).once('data', () => {
            try {
              resolve(parseRelated(readFileSync(relatedFile, 'utf8')));
            } catch (error) {
              reject(error instanceof Error ? error : new Error(String(error)));
            } finally {
              rmSync(relatedFile, { force: true });
            }
          });
          done.then(() => reject(new Error(`the search worker ended without the related papers:\n${output}`)), reject);
        });
        // The pages that await it report a failure; until one does, it is not an unhandled rejection.
        offer.catch(() => undefined);
        offerRelated(offer);
        // Reported at build:done; keep an early failure from being an unhandled rejection meanwhile.
        done.catch(() => undefined);
        pending = done;
      },
      'astro:build:done': async ({ dir, logger }) => {
        offerRelated(undefined);
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
