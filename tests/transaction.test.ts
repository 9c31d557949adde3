import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FatalError, systemErrorSentence } from '../src/store/errors';
import { commitChanges, lockContent, needsRecovery, recoverContent, withContentLock } from '../src/store/transaction';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'digest-tx-'));
  mkdirSync(join(root, 'papers'));
  mkdirSync(join(root, 'dumps'));
  writeFileSync(join(root, 'papers/a.md'), 'old a');
  writeFileSync(join(root, 'papers/b.md'), 'old b');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** Every file under `dir` with its text, by relative path. */
const tree = (dir: string): Record<string, string> =>
  Object.fromEntries(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => join(d.parentPath, d.name).slice(dir.length + 1))
      .sort()
      .map((f) => [f, readFileSync(join(dir, f), 'utf8')]),
  );

describe('commitChanges', () => {
  it('writes, replaces and removes files, and leaves nothing of its own behind', () => {
    commitChanges(root, {
      writes: [
        { path: 'papers/a.md', content: 'new a' },
        { path: 'dumps/2026-12-01.txt', content: 'dump' },
      ],
      removes: ['papers/b.md'],
    });
    expect(tree(root)).toEqual({ 'dumps/2026-12-01.txt': 'dump', 'papers/a.md': 'new a' });
    expect(needsRecovery(root)).toBe(false);
  });

  it('leaves the content as it was when a write fails before the commit, and frees what it staged', () => {
    const before = tree(root);
    // Something in the way of the journal: the commit cannot be written, after every file was staged.
    mkdirSync(join(root, '.ingest-journal.json.tmp'));
    writeFileSync(join(root, '.ingest-journal.json.tmp/in-the-way'), '');
    expect(() => commitChanges(root, { writes: [{ path: 'papers/c.md', content: 'c' }], removes: ['papers/a.md'] })).toThrow(/EISDIR/);
    expect(tree(root)).toEqual(before);
    expect(needsRecovery(root)).toBe(false);
  });
});

describe('recoverContent', () => {
  it('finishes a change that was committed but not carried out, as the stopped run would have', () => {
    mkdirSync(join(root, '.ingest-staging'));
    writeFileSync(join(root, '.ingest-staging/0'), 'new a');
    writeFileSync(join(root, '.ingest-journal.json'), JSON.stringify({ moves: [{ from: '.ingest-staging/0', to: 'papers/a.md' }], removes: ['papers/b.md'] }));
    expect(needsRecovery(root)).toBe(true);
    expect(recoverContent(root)).toEqual(['finished the change an earlier, stopped ingest had committed (1 files)']);
    expect(tree(root)).toEqual({ 'papers/a.md': 'new a' });
    expect(recoverContent(root)).toEqual([]);
  });

  it('finishes a change that was half carried out: moves already made are not made again', () => {
    mkdirSync(join(root, '.ingest-staging'));
    writeFileSync(join(root, '.ingest-staging/1'), 'new b');
    writeFileSync(join(root, 'papers/a.md'), 'new a (moved before the stop)');
    const moves = [
      { from: '.ingest-staging/0', to: 'papers/a.md' },
      { from: '.ingest-staging/1', to: 'papers/b.md' },
    ];
    writeFileSync(join(root, '.ingest-journal.json'), JSON.stringify({ moves, removes: [] }));
    recoverContent(root);
    expect(tree(root)).toEqual({ 'papers/a.md': 'new a (moved before the stop)', 'papers/b.md': 'new b' });
  });

  it('deletes a change that was never committed, leaving the content as it was', () => {
    mkdirSync(join(root, '.ingest-staging'));
    writeFileSync(join(root, '.ingest-staging/0'), 'never committed');
    writeFileSync(join(root, '.ingest-journal.json.tmp'), '{"moves":[');
    const done = recoverContent(root);
    expect(done).toHaveLength(2);
    expect(tree(root)).toEqual({ 'papers/a.md': 'old a', 'papers/b.md': 'old b' });
  });

  it('restores papers/ that an older version’s stopped ingest left renamed aside, and deletes its staging folder', () => {
    rmSync(join(root, 'papers'), { recursive: true });
    mkdirSync(join(root, 'papers.old-123'));
    writeFileSync(join(root, 'papers.old-123/a.md'), 'kept a');
    mkdirSync(join(root, 'papers.staging-123'));
    recoverContent(root);
    expect(tree(root)).toEqual({ 'papers/a.md': 'kept a' });
    expect(readdirSync(root).sort()).toEqual(['dumps', 'papers']);
  });

  it('refuses, in one sentence, a journal it cannot read', () => {
    writeFileSync(join(root, '.ingest-journal.json'), 'not json');
    expect(() => recoverContent(root)).toThrow(FatalError);
    expect(() => recoverContent(root)).toThrow(/\.ingest-journal\.json cannot be read/);
  });
});

describe('the content lock', () => {
  it('lets one run in and tells a second who holds it', () => {
    const release = lockContent(root, 'ingest');
    const holder = JSON.parse(readFileSync(join(root, '.ingest.lock'), 'utf8')) as { pid: number; command: string };
    expect(holder).toMatchObject({ pid: process.pid, command: 'ingest' });
    writeFileSync(join(root, '.ingest.lock'), JSON.stringify({ pid: process.ppid, host: hostname(), command: 'ingest', since: '2026-12-01T00:00:00Z' }));
    expect(() => lockContent(root, 'ingest')).toThrow(new RegExp(`is being changed by another run \\(ingest, pid ${process.ppid} on `));
    rmSync(join(root, '.ingest.lock'));
    release();
  });

  it('takes over a lock whose process is gone', () => {
    writeFileSync(join(root, '.ingest.lock'), JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), command: 'ingest', since: '2026-12-01T00:00:00Z' }));
    const release = lockContent(root, 'status');
    expect(JSON.parse(readFileSync(join(root, '.ingest.lock'), 'utf8'))).toMatchObject({ pid: process.pid, command: 'status' });
    release();
    expect(existsSync(join(root, '.ingest.lock'))).toBe(false);
    expect(readdirSync(root).filter((f) => f.startsWith('.ingest.lock'))).toEqual([]);
  });

  it('releases the lock when the work throws, and settles a stopped run before the work', () => {
    mkdirSync(join(root, '.ingest-staging'));
    const heard: string[] = [];
    expect(() =>
      withContentLock(
        root,
        'ingest',
        () => {
          throw new Error('boom');
        },
        (s) => heard.push(s),
      ),
    ).toThrow('boom');
    expect(heard).toEqual(['deleted .ingest-staging, left by an earlier, stopped ingest that had not committed']);
    expect(existsSync(join(root, '.ingest.lock'))).toBe(false);
  });
});

describe('the content lock around asynchronous work', () => {
  it('is held until the work settles, and released after it fails', async () => {
    let finish: () => void = () => undefined;
    const running = withContentLock(root, 'enrich', () => new Promise<void>((resolve) => (finish = resolve)));
    expect(existsSync(join(root, '.ingest.lock'))).toBe(true);
    finish();
    await running;
    expect(existsSync(join(root, '.ingest.lock'))).toBe(false);
    await expect(withContentLock(root, 'enrich', () => Promise.reject(new Error('offline')))).rejects.toThrow('offline');
    expect(existsSync(join(root, '.ingest.lock'))).toBe(false);
  });
});

describe('systemErrorSentence', () => {
  it.each([
    ['ENOSPC', 'the disk is full'],
    ['EACCES', 'permission denied'],
    ['EPERM', 'the operation is not permitted'],
    ['EROFS', 'the file system is read-only'],
  ])('says %s as one sentence naming the path', (code, words) => {
    const error = Object.assign(new Error('raw'), { code, path: '/x/content/papers/a.md' });
    expect(systemErrorSentence(error, 'Nothing was changed.')).toMatch(
      new RegExp(`^/x/content/papers/a\\.md: ${words}.* \\(${code}\\)\\. Nothing was changed\\.$`),
    );
  });

  it('leaves other errors to be reported as bugs', () => {
    expect(systemErrorSentence(new TypeError('x'), '')).toBeUndefined();
    expect(systemErrorSentence(Object.assign(new Error('x'), { code: 'ENOENT' }), '')).toBeUndefined();
  });
});
