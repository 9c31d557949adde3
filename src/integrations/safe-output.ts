/**
 * Publishes a build only when it succeeds, and only from settled content.
 *
 * Astro writes into the output folder as it goes, so a build that fails halfway (a bad paper file, a feed that does
 * not parse, a full disk) would leave a broken site where the last good one was. Instead the build writes into a
 * sibling folder (`dist.next-PID`) and, once every page, feed and search file is written, swaps it in with two
 * renames; the previous site is deleted by a second process afterwards. A failed build leaves the previous site as
 * it was (its half-written folder is deleted by the next build).
 *
 * Before anything renders, the content is made ready: a running ingest is waited for, what a stopped one left is
 * settled (see src/store/transaction.ts), and a content folder with dumps but no paper files stops the build, so a
 * lost `content/papers/` is never published as an empty digest.
 */
import type { AstroIntegration } from 'astro';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, renameSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CONTENT, countPaperFiles, lostPapers, readAllDumps } from '../store/content-store';
import { needsRecovery, waitForContent, withContentLock } from '../store/transaction';

/**
 * Folders earlier builds left beside the output: stopped (`.next-`) or replaced and not yet deleted (`.old-`), and a
 * stopped build's search files and related papers (`.next-PID.search-index-PID`, `….related.json`).
 */
function leftovers(dir: string): string[] {
  const parent = dirname(dir);
  const pattern = new RegExp(
    `^${basename(dir).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(?:next|old)-\\d+(?:\\.search-index-\\d+(?:\\.related\\.json(?:\\.partial)?)?)?$`,
  );
  try {
    return readdirSync(parent)
      .filter((name) => pattern.test(name))
      .map((name) => join(parent, name));
  } catch {
    return [];
  }
}

/** Deletes folders in a detached child process, so the build does not wait for thousands of unlinks. */
function deleteInBackground(dirs: string[]): void {
  if (dirs.length === 0) return;
  const script = 'for (const dir of process.argv.slice(1)) require("node:fs").rmSync(dir, { recursive: true, force: true })';
  const child = spawn(process.execPath, ['-e', script, ...dirs], { stdio: 'ignore', detached: true });
  child.on('error', () => undefined);
  child.unref();
}

/** Waits for a running ingest, settles a stopped one, and refuses content whose paper files are gone. */
export async function readyContent(root: string): Promise<void> {
  await waitForContent(root, 120);
  if (needsRecovery(root)) withContentLock(root, 'build (settling a stopped ingest)', () => undefined);
  // Only when the paper files are gone are the dumps read, to tell a lost folder from a new, empty digest.
  const lost = countPaperFiles(CONTENT.papers) === 0 ? lostPapers(readAllDumps(CONTENT.dumps).dumps.length) : undefined;
  if (lost) throw new Error(`${lost} The build stops here, refusing to publish a digest of 0 papers.`);
}

export function safeOutput(): AstroIntegration {
  let target = '';
  let staging = '';
  return {
    name: 'papers-digest:safe-output',
    hooks: {
      'astro:config:setup': ({ config, command, updateConfig }) => {
        if (command !== 'build') return;
        target = fileURLToPath(config.outDir).replace(/\/+$/, '');
        staging = `${target}.next-${process.pid}`;
        updateConfig({ outDir: pathToFileURL(`${staging}/`) });
      },
      'astro:build:start': async () => {
        deleteInBackground(leftovers(target).filter((dir) => dir !== staging));
        await readyContent(CONTENT.root);
      },
      'astro:build:done': () => {
        const old = `${target}.old-${process.pid}`;
        // A site published from its own git checkout (a gh-pages worktree) keeps its .git in the new output.
        if (existsSync(join(target, '.git'))) renameSync(join(target, '.git'), join(staging, '.git'));
        if (existsSync(target)) renameSync(target, old);
        renameSync(staging, target);
        deleteInBackground([old]);
      },
    },
  };
}
