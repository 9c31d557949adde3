/**
 * A killed ingest leaves the content exactly as before or exactly as after (README, Guarantees). A real ingest of a
 * second day (a dump and over 200 paper files) is killed with SIGKILL at 20 delays spread over its run, and with strace
 * at exact system calls: before the commit, right after it, and between the renames that carry it out. After each,
 * the papers folder is there, and once the next command has settled what the stopped run left (every command does
 * that first), the content is byte for byte the state before or the state after.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recoverContent } from '../src/store/transaction';
import { BUNDLED_DUMP, ROOT, childEnv, snapshot } from './helpers';

const TSX = join(ROOT, 'node_modules/.bin/tsx');
const CLI = join(ROOT, 'scripts/digest.ts');
const env = (content: string) => childEnv({ CONTENT_DIR: content });

let work: string;
let before: string;
let day2: string;
let stateBefore: Record<string, string>;
let stateAfter: Record<string, string>;
let fullRunMs: number;
/** Files the ingest writes: the dump and the new and changed paper files, each moved into place by one rename. */
let moves: number;
const INGEST = () => ['ingest', day2, '--date', '2026-11-27', '--quiet'];

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'digest-kill-'));
  before = join(work, 'before');
  mkdirSync(before);
  cpSync(join(ROOT, 'content/topics.yaml'), join(before, 'topics.yaml'));
  cpSync(join(ROOT, 'content/site.yaml'), join(before, 'site.yaml'));
  expect(spawnSync(TSX, [CLI, 'ingest', BUNDLED_DUMP, '--quiet'], { cwd: ROOT, env: env(before) }).status).toBe(0);
  // The next day: every title changed, so the ingest writes a dump and 225 paper files.
  day2 = join(work, 'day2.txt');
  writeFileSync(day2, readFileSync(BUNDLED_DUMP, 'utf8').replace(/^([A-Z].{10,120})$/gm, '$1 Revisited'));
  stateBefore = snapshot(before);
  const after = join(work, 'after');
  cpSync(before, after, { recursive: true });
  const start = Date.now();
  expect(spawnSync(TSX, [CLI, ...INGEST()], { cwd: ROOT, env: env(after) }).status).toBe(0);
  fullRunMs = Date.now() - start;
  stateAfter = snapshot(after);
  moves = Object.keys(stateAfter).filter((f) => stateBefore[f] !== stateAfter[f]).length;
  expect(moves).toBeGreaterThan(200);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

type Outcome = 'before' | 'after';

/** Checks the state a stopped ingest left, settles it as the next command would, and says which state it is. */
function settle(content: string): Outcome {
  expect(existsSync(join(content, 'papers'))).toBe(true);
  expect(readdirSync(join(content, 'papers')).length).toBeGreaterThanOrEqual(224);
  recoverContent(content);
  const state = snapshot(content);
  if (JSON.stringify(state) === JSON.stringify(stateBefore)) return 'before';
  expect(state).toEqual(stateAfter);
  return 'after';
}

let copies = 0;
function freshCopy(): string {
  const dir = join(work, `run-${(copies += 1)}`);
  cpSync(before, dir, { recursive: true });
  return dir;
}

/**
 * Runs the ingest and kills it `delayMs` after it starts or, with `fromStaging`, after it starts writing its
 * staging folder (the few dozen milliseconds in which it writes, commits and moves files into place).
 */
function killAfter(delayMs: number, fromStaging = false): Promise<Outcome> {
  const content = freshCopy();
  return new Promise((resolve) => {
    // Its own process group, so the kill reaches tsx's node process too, as a closed terminal or OOM killer would.
    const child = spawn(TSX, [CLI, ...INGEST()], { cwd: ROOT, env: env(content), detached: true, stdio: 'ignore' });
    let ended = false;
    const kill = () => {
      if (ended) return;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // It had ended already: the state after.
      }
    };
    const timers: NodeJS.Timeout[] = [];
    if (fromStaging) {
      const poll = setInterval(() => {
        if (!existsSync(join(content, '.ingest-staging'))) return;
        clearInterval(poll);
        timers.push(setTimeout(kill, delayMs));
      }, 1);
      timers.push(poll);
    } else {
      timers.push(setTimeout(kill, delayMs));
    }
    child.on('close', () => {
      ended = true;
      timers.forEach((t) => clearTimeout(t));
      resolve(settle(content));
    });
  });
}

/** How long the ingest takes from its first staged file to its end, in an unkilled run. */
function timeWritePhase(): Promise<number> {
  const content = freshCopy();
  return new Promise((resolve) => {
    const child = spawn(TSX, [CLI, ...INGEST()], { cwd: ROOT, env: env(content), stdio: 'ignore' });
    let seen = 0;
    const poll = setInterval(() => {
      if (!seen && existsSync(join(content, '.ingest-staging'))) seen = Date.now();
    }, 1);
    child.on('close', () => {
      clearInterval(poll);
      resolve(Math.max(20, Date.now() - (seen || Date.now())));
    });
  });
}

function killAtRename(n: number): Outcome {
  const content = freshCopy();
  const run = spawnSync(
    'strace',
    [
      '-f',
      '-qq',
      '-o',
      '/dev/null',
      '-e',
      'trace=rename,renameat,renameat2',
      '-e',
      `inject=rename,renameat,renameat2:signal=SIGKILL:when=${n}`,
      TSX,
      CLI,
      ...INGEST(),
    ],
    {
      cwd: ROOT,
      env: env(content),
    },
  );
  expect(run.status === 0 ? 'ran to the end' : 'killed').toBe('killed');
  return settle(content);
}

describe('a killed ingest', () => {
  it('leaves the content as before or as after, at 20 kill points spread over its run', async () => {
    const outcomes: Outcome[] = [];
    // Ten over the whole run, from start-up to past its usual end…
    for (let i = 0; i < 10; i += 1) outcomes.push(await killAfter(Math.round(fullRunMs * (0.3 + (1.5 * i) / 9))));
    // …and ten in the moments it writes, from the first staged file to past the last rename, timed on a run just
    // before, so that a busy machine's slower writing is covered too.
    const writing = await timeWritePhase();
    for (let i = 0; i < 10; i += 1) outcomes.push(await killAfter(Math.round((writing * 1.2 * i) / 9), true));
    expect(outcomes).toHaveLength(20);
    expect(outcomes).toContain('before');
    expect(outcomes).toContain('after');
  }, 240_000);

  it('leaves the content as before or as after when killed at the commit and between the renames that carry it out', () => {
    // Rename 1 is the commit (the journal into place); the next ones move the dump and the paper files.
    const points = [1, 2, 3, 60, moves, moves + 1];
    expect(points.map((n) => [n, killAtRename(n)])).toEqual(points.map((n) => [n, n === 1 ? 'before' : 'after']));
  }, 120_000);
});
