/**
 * Clears the previous build's output without making the build wait for it. Astro empties the output folder file by
 * file before it renders anything; at 20,000 papers that is some 30,000 files and several seconds of a rebuild.
 * Instead, the old folder is renamed aside (one system call) when the build starts and deleted by a second process
 * while the pages render, with any folder an earlier, stopped build left aside; the build waits for that process
 * only at its end, so no old folder outlives the build.
 * Where the rename cannot be done (no old folder, a `.git` inside it that Astro would keep, another file system),
 * nothing changes and Astro empties the folder as usual.
 */
import type { AstroIntegration } from 'astro';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, renameSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Renames `dir` to a sibling and returns the sibling's path, or undefined where the folder must be emptied in place. */
export function moveAside(dir: string, suffix: string): string | undefined {
  if (!existsSync(dir) || existsSync(join(dir, '.git'))) return undefined;
  const aside = `${dir.replace(/\/+$/, '')}.old-${suffix}`;
  try {
    renameSync(dir, aside);
    return aside;
  } catch {
    return undefined;
  }
}

/** Folders an earlier build moved aside and did not get to delete (it was stopped): `dist.old-*` beside `dist`. */
function leftovers(dir: string): string[] {
  const parent = dirname(dir);
  const prefix = `${basename(dir)}.old-`;
  try {
    return readdirSync(parent)
      .filter((name) => name.startsWith(prefix))
      .map((name) => join(parent, name));
  } catch {
    return [];
  }
}

/** Deletes folders in a child process; resolves when they are gone (or could not be deleted: a leftover is harmless). */
function deleteInBackground(dirs: string[]): Promise<void> {
  if (dirs.length === 0) return Promise.resolve();
  const script = 'for (const dir of process.argv.slice(1)) require("node:fs").rmSync(dir, { recursive: true, force: true })';
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', script, ...dirs], { stdio: 'ignore' });
    child.on('error', () => resolve());
    child.on('close', () => resolve());
  });
}

export function clearOutput(): AstroIntegration {
  let outDir = '';
  let deleting: Promise<void> | undefined;
  return {
    name: 'papers-digest:clear-output',
    hooks: {
      'astro:config:done': ({ config }) => {
        outDir = fileURLToPath(config.outDir);
      },
      'astro:build:start': () => {
        moveAside(outDir, String(process.pid));
        deleting = deleteInBackground(leftovers(outDir));
      },
      'astro:build:done': async () => {
        await deleting;
      },
    },
  };
}
