/**
 * All-or-nothing changes to the content folder, and one writer at a time.
 *
 * A change (new dump files, new and changed paper files, removed paper files) is first written in full to a staging
 * folder. Then a journal naming every move is written and renamed into place: that rename is the commit. Only then
 * are the staged files renamed onto their targets, each rename atomic, and the journal deleted. A run killed before
 * the commit leaves the content as it was (the staging folder is deleted by the next run); a run killed after it
 * leaves a journal that the next run, or build, carries out to the end. Either way every reader sees the content
 * exactly as before or exactly as after. Guarantees hold against a killed or failed process, not a lost machine:
 * files are not fsynced one by one.
 */
import { closeSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { FatalError, systemErrorSentence } from './errors';

const JOURNAL = '.ingest-journal.json';
const STAGING = '.ingest-staging';
const LOCK = '.ingest.lock';

/** Paths are relative to the content folder, so a journal stays valid whatever folder the next run starts in. */
export interface ContentChange {
  writes: { path: string; content: string | Uint8Array }[];
  removes: string[];
}

interface Journal {
  moves: { from: string; to: string }[];
  removes: string[];
}

function syncFolder(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some file systems cannot sync a folder; the rename is still atomic for a killed process.
  }
}

/** Carries out a committed journal. Every step can be done again, so a run killed here is finished by the next. */
function apply(root: string, journal: Journal): void {
  for (const { from, to } of journal.moves) {
    const source = join(root, from);
    if (!existsSync(source)) continue;
    mkdirSync(dirname(join(root, to)), { recursive: true });
    renameSync(source, join(root, to));
  }
  for (const path of journal.removes) rmSync(join(root, path), { force: true });
  syncFolder(root);
  rmSync(join(root, JOURNAL), { force: true });
  rmSync(join(root, STAGING), { recursive: true, force: true });
}

/** Writes the change all or nothing (see the module comment). Call it holding the lock. */
export function commitChanges(root: string, change: ContentChange): void {
  const staging = join(root, STAGING);
  rmSync(staging, { recursive: true, force: true });
  const journal: Journal = { moves: [], removes: change.removes };
  try {
    mkdirSync(staging, { recursive: true });
    change.writes.forEach(({ path, content }, index) => {
      const from = join(STAGING, String(index));
      writeFileSync(join(root, from), content);
      journal.moves.push({ from, to: path });
    });
    const temp = join(root, `${JOURNAL}.tmp`);
    writeFileSync(temp, JSON.stringify(journal));
    const fd = openSync(temp, 'r+');
    fsyncSync(fd);
    closeSync(fd);
    syncFolder(staging);
    renameSync(temp, join(root, JOURNAL));
  } catch (error) {
    // A failed write (a full disk) does not say where: it was in the content folder.
    if (error instanceof Error && 'code' in error) (error as NodeJS.ErrnoException).path ??= root;
    // Not committed: leave the content as it was, and free the space the staged files took.
    rmSync(staging, { recursive: true, force: true });
    rmSync(join(root, `${JOURNAL}.tmp`), { recursive: true, force: true });
    throw error;
  }
  try {
    apply(root, journal);
  } catch (error) {
    const sentence = systemErrorSentence(error, `The change is committed (${JOURNAL}): run the command again to finish it.`);
    throw sentence ? new FatalError(sentence) : error;
  }
}

/**
 * Brings the content folder to a settled state after a run that was stopped: finishes a committed change, deletes
 * an uncommitted one, and restores a papers folder that the previous version of this tool left renamed aside.
 * Returns one sentence per thing it did. Call it holding the lock.
 */
export function recoverContent(root: string): string[] {
  const done: string[] = [];
  const journalFile = join(root, JOURNAL);
  if (existsSync(journalFile)) {
    let journal: Journal;
    try {
      journal = JSON.parse(readFileSync(journalFile, 'utf8')) as Journal;
    } catch {
      throw new FatalError(`${journalFile} cannot be read: an earlier ingest was stopped while committing. Look at it, then delete it and run ingest again.`);
    }
    apply(root, journal);
    done.push(`finished the change an earlier, stopped ingest had committed (${journal.moves.length} files)`);
  }
  for (const leftover of [STAGING, `${JOURNAL}.tmp`]) {
    if (existsSync(join(root, leftover))) {
      rmSync(join(root, leftover), { recursive: true, force: true });
      done.push(`deleted ${leftover}, left by an earlier, stopped ingest that had not committed`);
    }
  }
  // Versions before the journal swapped whole folders: `papers.staging-PID` and `papers.old-PID`.
  const names = existsSync(root) ? readdirSync(root) : [];
  const olds = names.filter((n) => /^papers\.old-\d+$/.test(n));
  if (!existsSync(join(root, 'papers')) && olds.length === 1) {
    renameSync(join(root, olds[0]!), join(root, 'papers'));
    done.push(`restored papers/ from ${olds[0]}, left by an older version's stopped ingest`);
  }
  for (const name of names.filter((n) => /^papers\.(?:staging|old)-\d+$/.test(n))) {
    if (!existsSync(join(root, name))) continue;
    rmSync(join(root, name), { recursive: true, force: true });
    done.push(`deleted ${name}, left by an older version's stopped ingest`);
  }
  return done;
}

/** True when the content folder holds work a stopped run left behind. */
export function needsRecovery(root: string): boolean {
  if (!existsSync(root)) return false;
  return readdirSync(root).some((n) => n === JOURNAL || n === STAGING || n === `${JOURNAL}.tmp` || /^papers\.(?:staging|old)-\d+$/.test(n));
}

interface LockHolder {
  pid: number;
  host: string;
  command: string;
  since: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(file: string): LockHolder | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LockHolder;
  } catch {
    return undefined;
  }
}

function tryLock(file: string, command: string): boolean {
  try {
    writeFileSync(file, JSON.stringify({ pid: process.pid, host: hostname(), command, since: new Date().toISOString() } satisfies LockHolder), { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * Takes the content folder's lock (`.ingest.lock`, holding the holder's pid), or says who holds it. A lock whose
 * process is gone on this machine is stale and taken over. Returns the function that releases it.
 */
export function lockContent(root: string, command: string): () => void {
  mkdirSync(root, { recursive: true });
  const file = join(root, LOCK);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    if (tryLock(file, command)) {
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        if (readHolder(file)?.pid === process.pid) rmSync(file, { force: true });
      };
      process.once('exit', release);
      return release;
    }
    const holder = readHolder(file);
    if (holder && (holder.host !== hostname() || alive(holder.pid))) {
      throw new FatalError(
        `${root} is being changed by another run (${holder.command}, pid ${holder.pid} on ${holder.host}, since ${holder.since}); ` +
          `wait for it to end and try again. If no such run exists, delete ${file}.`,
      );
    }
    // Stale (or half-written by a run killed at that instant): move it aside and try again. Two runs may both see
    // it stale; the one that finds it moved aside a live lock instead of the stale one puts that lock back.
    const aside = `${file}.stale-${process.pid}`;
    try {
      renameSync(file, aside);
      const moved = readHolder(aside);
      if (holder && moved && moved.pid !== holder.pid) linkSync(aside, file);
    } catch {
      // Another run moved it first, or took the lock meanwhile; try again.
    }
    rmSync(aside, { force: true });
  }
  throw new FatalError(`Could not take the lock ${file}; another run keeps taking it. Try again.`);
}

/**
 * Runs `work` holding the lock, after settling whatever a stopped run left; `notes` hears what was settled. Work that
 * returns a promise (enrich's network lookups) holds the lock until the promise settles.
 */
export function withContentLock<T>(root: string, command: string, work: () => T, notes: (sentence: string) => void = () => undefined): T {
  const release = lockContent(root, command);
  let result: T;
  try {
    for (const sentence of recoverContent(root)) notes(sentence);
    result = work();
  } catch (error) {
    release();
    throw error;
  }
  if (result instanceof Promise) return result.finally(release) as T;
  release();
  return result;
}

/** Waits (polling) while another run holds the lock, up to `seconds`; for a build that only reads the content. */
export async function waitForContent(root: string, seconds: number): Promise<void> {
  const file = join(root, LOCK);
  const deadline = Date.now() + seconds * 1000;
  while (existsSync(file)) {
    const holder = readHolder(file);
    if (holder && holder.host === hostname() && !alive(holder.pid)) return;
    if (Date.now() > deadline)
      throw new FatalError(`${root} is still being changed by another run (${holder?.command ?? 'unknown'}, pid ${holder?.pid ?? '?'}) after ${seconds} s.`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
