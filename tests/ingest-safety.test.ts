/**
 * What ingest and build promise about a person's archive (README, Guarantees): nothing lost, ids that never move,
 * dumps never overwritten, all-or-nothing changes, one writer at a time, system errors as sentences, and a failed
 * build that keeps the last good site. Each runs the real command line on scratch content folders.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { BUNDLED_DUMP, ROOT, childEnv, scratchOutput, snapshot } from './helpers';

const TSX = join(ROOT, 'node_modules/.bin/tsx');
const CLI = join(ROOT, 'scripts/digest.ts');
const ASTRO = join(ROOT, 'node_modules/.bin/astro');
const isRoot = process.getuid?.() === 0;

/** Whether this machine lets the tests mount a small file system of their own (root, outside a locked-down container). */
function canMount(): boolean {
  if (!isRoot) return false;
  const probe = mkdtempSync(join(tmpdir(), 'digest-mount-'));
  try {
    if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe]).status !== 0) return false;
    spawnSync('umount', [probe]);
    return true;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}
const mountable = canMount();

function digest(content: string, args: string[], extra: Record<string, string> = {}, input?: string) {
  const run = spawnSync(TSX, [CLI, ...args], { cwd: ROOT, env: childEnv({ CONTENT_DIR: content, ...extra }), encoding: 'utf8', input });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function scratchDir(prefix = 'digest-safe-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

/** A content folder with the real taxonomy and settings and no dumps. */
function emptyContent(): string {
  const content = join(scratchDir(), 'content');
  mkdirSync(content, { recursive: true });
  cpSync(join(ROOT, 'content/topics.yaml'), join(content, 'topics.yaml'));
  cpSync(join(ROOT, 'content/site.yaml'), join(content, 'site.yaml'));
  return content;
}

function writeDump(name: string, papers: [string, string][]): string {
  const file = join(scratchDir('digest-dump-'), name);
  writeFileSync(file, papers.map(([title, abstract]) => `${title}\n${abstract}\n`).join(''));
  return file;
}

const CODEC = 'We present a neural audio codec that compresses speech at low bitrates. It is fast.';
const IMAGE = 'A different paper: an image codec with transformers for learned compression. It is slow.';

describe('stable identity', () => {
  it('keeps a published id when an older dump brings a different paper whose title slugifies the same, and names both', () => {
    const content = emptyContent();
    expect(digest(content, ['ingest', writeDump('a.txt', [['Foo: Bar Baz Codec', CODEC]]), '--date', '2026-12-10', '--quiet']).code).toBe(0);
    const run = digest(content, ['ingest', writeDump('b.txt', [['Foo Bar Baz Codec!', IMAGE]]), '--date', '2026-12-05']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(
      '“Foo Bar Baz Codec!” gets the id “foo-bar-baz-codec-2”: “foo-bar-baz-codec” is already “Foo: Bar Baz Codec”, a different paper',
    );
    const first = readFileSync(join(content, 'papers/foo-bar-baz-codec.md'), 'utf8');
    const second = readFileSync(join(content, 'papers/foo-bar-baz-codec-2.md'), 'utf8');
    expect(first).toContain("title: 'Foo: Bar Baz Codec'");
    expect(first).toContain(CODEC);
    expect(second).toContain('title: Foo Bar Baz Codec!');
    expect(second).toContain(IMAGE);
    expect(second).toContain("firstSeen: '2026-12-05'");
  });

  it('takes a revised abstract, with a note, unless the record’s abstract was edited by hand', () => {
    const content = emptyContent();
    digest(content, [
      'ingest',
      writeDump('a.txt', [
        ['Revised Paper', CODEC],
        ['Edited Paper', CODEC],
      ]),
      '--date',
      '2026-12-01',
      '--quiet',
    ]);
    const edited = join(content, 'papers/edited-paper.md');
    writeFileSync(edited, readFileSync(edited, 'utf8').replace(CODEC, 'An abstract fixed by hand. It reads better.'));
    const run = digest(content, [
      'ingest',
      writeDump('b.txt', [
        ['Revised Paper', IMAGE],
        ['Edited Paper', IMAGE],
      ]),
      '--date',
      '2026-12-02',
    ]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/b?\.txt:1: note: the abstract of “Revised Paper” changed \(a revised version\?\); the record now has this one/);
    expect(readFileSync(join(content, 'papers/revised-paper.md'), 'utf8')).toContain(IMAGE);
    expect(readFileSync(edited, 'utf8')).toContain('An abstract fixed by hand.');
    expect(run.stderr).not.toContain('“Edited Paper” changed');
  });
});

describe('the raw dumps', () => {
  it('keeps a second dump of the same day beside the first, and adds nothing for a byte-identical copy', () => {
    const content = emptyContent();
    const first = writeDump('first.txt', [['Morning Paper', CODEC]]);
    const second = writeDump('second.txt', [
      ['Evening Paper', IMAGE],
      ['Morning Paper', CODEC],
    ]);
    expect(digest(content, ['ingest', first, '--date', '2026-12-01', '--quiet']).code).toBe(0);
    const again = digest(content, ['ingest', second, '--date', '2026-12-01']);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('2026-12-01 has a dump already; this one is kept beside it as');
    expect(readdirSync(join(content, 'dumps'))).toEqual(['2026-12-01.2.txt', '2026-12-01.txt']);
    expect(readFileSync(join(content, 'dumps/2026-12-01.txt'))).toEqual(readFileSync(first));
    expect(readFileSync(join(content, 'dumps/2026-12-01.2.txt'))).toEqual(readFileSync(second));
    // One day: the morning paper keeps rank 1, the evening paper comes after it.
    expect(readFileSync(join(content, 'papers/evening-paper.md'), 'utf8')).toContain("seen:\n  - date: '2026-12-01'\n    rank: 2");
    const before = snapshot(content);
    const copy = digest(content, ['ingest', second, '--date', '2026-12-01']);
    expect(copy.code).toBe(0);
    expect(copy.stderr).toContain(`${second} is already in the digest as ${join(content, 'dumps/2026-12-01.2.txt')}, byte for byte; nothing to add`);
    expect(snapshot(content)).toEqual(before);
  });

  it('files a dump without --date under the local date where ingest runs, not UTC', () => {
    for (const zone of ['Pacific/Kiritimati', 'Etc/GMT+12']) {
      const content = emptyContent();
      const local = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
      expect(digest(content, ['ingest', writeDump('paste.txt', [['Local Day Paper', CODEC]]), '--quiet'], { TZ: zone }).code).toBe(0);
      expect(readdirSync(join(content, 'dumps'))).toEqual([`${local}.txt`]);
    }
  });

  it('reads a dump from standard input, as a paste ended with Ctrl-D', () => {
    const content = emptyContent();
    const run = digest(content, ['ingest', '-', '--date', '2026-12-03'], {}, `Pasted Paper\n${CODEC}\n`);
    expect(run.code).toBe(0);
    expect(readFileSync(join(content, 'dumps/2026-12-03.txt'), 'utf8')).toBe(`Pasted Paper\n${CODEC}\n`);
    expect(existsSync(join(content, 'papers/pasted-paper.md'))).toBe(true);
  });
});

describe('one writer at a time', () => {
  it('refuses to ingest while another run holds the lock, naming it, and writes nothing', () => {
    const content = emptyContent();
    digest(content, ['ingest', writeDump('a.txt', [['Locked Paper', CODEC]]), '--date', '2026-12-01', '--quiet']);
    writeFileSync(join(content, '.ingest.lock'), JSON.stringify({ pid: process.pid, host: hostname(), command: 'ingest', since: '2026-12-01T08:00:00Z' }));
    const before = snapshot(content);
    const run = digest(content, ['ingest', writeDump('b.txt', [['Second Paper', IMAGE]]), '--date', '2026-12-02']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `is being changed by another run (ingest, pid ${process.pid} on ${hostname()}, since 2026-12-01T08:00:00Z); wait for it to end and try again.`,
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(snapshot(content)).toEqual(before);
  });

  it('lets only one of two ingests started together write, and loses neither dump silently', async () => {
    const content = emptyContent();
    digest(content, ['ingest', writeDump('a.txt', [['Base Paper', CODEC]]), '--date', '2026-12-01', '--quiet']);
    const start = (file: string, date: string) =>
      new Promise<number>((resolve) => {
        const child = spawn(TSX, [CLI, 'ingest', file, '--date', date, '--quiet'], { cwd: ROOT, env: childEnv({ CONTENT_DIR: content }), stdio: 'ignore' });
        child.on('close', (code) => resolve(code ?? -1));
      });
    const codes = await Promise.all([
      start(writeDump('x.txt', [['Paper X', CODEC]]), '2026-12-02'),
      start(writeDump('y.txt', [['Paper Y', IMAGE]]), '2026-12-03'),
    ]);
    const dumps = readdirSync(join(content, 'dumps'));
    // Each run either wrote its dump and papers (exit 0) or was refused (exit 2) and wrote nothing: never a lost update.
    expect(codes.filter((c) => c === 0).length).toBeGreaterThanOrEqual(1);
    expect(dumps).toHaveLength(1 + codes.filter((c) => c === 0).length);
    for (const [code, paper, dump] of [
      [codes[0], 'paper-x', '2026-12-02.txt'],
      [codes[1], 'paper-y', '2026-12-03.txt'],
    ] as const) {
      expect(code === 0 ? [0, true, true] : [2, false, false]).toEqual([code, existsSync(join(content, `papers/${paper}.md`)), dumps.includes(dump)]);
    }
  });
});

describe('a lost papers folder', () => {
  let content: string;
  beforeAll(() => {
    content = emptyContent();
    digest(content, ['ingest', writeDump('a.txt', [['Kept Paper', CODEC]]), '--date', '2026-12-01', '--quiet']);
  });

  it('is an error for ingest, not a silent regeneration that would lose hand edits', () => {
    rmSync(join(content, 'papers'), { recursive: true });
    const run = digest(content, ['ingest', writeDump('b.txt', [['New Paper', IMAGE]]), '--date', '2026-12-02']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${join(content, 'papers')}/ is missing or empty, but ${join(content, 'dumps')}/ has 1 dump`);
    expect(readdirSync(join(content, 'dumps'))).toEqual(['2026-12-01.txt']);
    expect(existsSync(join(content, 'papers'))).toBe(false);
  });

  it('is written again from the dumps only when asked with --regenerate', () => {
    expect(digest(content, ['ingest', '--regenerate', '--quiet']).code).toBe(0);
    expect(readdirSync(join(content, 'papers'))).toEqual(['kept-paper.md']);
  });
});

describe('a failed build', () => {
  it('keeps the last good site, and refuses to publish 0 papers when there are dumps', () => {
    const content = emptyContent();
    digest(content, ['ingest', writeDump('a.txt', [['Published Paper', CODEC]]), '--date', '2026-12-01', '--quiet']);
    const out = join(scratchOutput('safety-'), 'dist');
    onTestFinished(() => rmSync(dirname(out), { recursive: true, force: true }));
    const build = () => spawnSync(ASTRO, ['build', '--silent'], { cwd: ROOT, env: childEnv({ CONTENT_DIR: content, OUT_DIR: out }), encoding: 'utf8' });
    // What stopped builds left beside the output goes; a folder of the user's own there stays.
    for (const left of ['dist.next-1/papers', 'dist.next-1.search-index-1/abc', 'dist.old-2', 'dist.notes'])
      mkdirSync(join(dirname(out), left), { recursive: true });
    for (const left of ['dist.next-1.search-index-1.related.json', 'dist.next-1.search-index-1.related.json.partial'])
      writeFileSync(join(dirname(out), left), '[]');
    expect(build().status).toBe(0);
    const cleared = Date.now() + 10_000;
    while (readdirSync(dirname(out)).length > 2 && Date.now() < cleared) spawnSync('sleep', ['0.2']);
    expect(readdirSync(dirname(out)).sort()).toEqual(['dist', 'dist.notes']);
    const good = snapshot(out);
    expect(Object.keys(good)).toContain('papers/published-paper/index.html');
    rmSync(join(content, 'papers'), { recursive: true });
    const failed = build();
    expect(failed.status).not.toBe(0);
    expect(`${failed.stdout}${failed.stderr}`).toContain('refusing to publish a digest of 0 papers');
    expect(snapshot(out)).toEqual(good);
    // The failed build's search worker went with it: nothing is written beside the site afterwards (a worker left
    // running would write its index there within seconds).
    const deadline = Date.now() + 6000;
    while (Date.now() < deadline) {
      expect(readdirSync(dirname(out)).sort()).toEqual(['dist', 'dist.notes']);
      spawnSync('sleep', ['0.5']);
    }
  }, 120_000);
});

describe('system errors', () => {
  const mounted: string[] = [];
  afterAll(() => mounted.forEach((m) => spawnSync('umount', ['-l', m])));

  /** A small file system of its own, holding a content folder with one day ingested. */
  function smallDisk(size: string): { mount: string; content: string } | undefined {
    const mount = scratchDir('digest-disk-');
    if (spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', mount]).status !== 0) return undefined;
    mounted.push(mount);
    const content = join(mount, 'content');
    cpSync(emptyContent(), content, { recursive: true });
    expect(digest(content, ['ingest', BUNDLED_DUMP, '--quiet']).code).toBe(0);
    return { mount, content };
  }

  it.runIf(mountable)('says a full disk in one sentence, leaves the content as it was and frees what it staged', () => {
    const disk = smallDisk('4m')!;
    // Fill the disk to within 64 KB: the next day's dump and papers cannot be staged.
    const free = () => Number(spawnSync('df', ['--output=avail', '-B1', disk.mount], { encoding: 'utf8' }).stdout.split('\n')[1]);
    writeFileSync(join(disk.mount, 'filler'), Buffer.alloc(Math.max(0, free() - 64 * 1024)));
    const before = snapshot(disk.content);
    const abstracts = readFileSync(BUNDLED_DUMP, 'utf8')
      .split('\n')
      .filter((line) => line.length > 300)
      .slice(0, 80);
    const day2 = writeDump(
      'day2.txt',
      abstracts.map((abstract, i) => [`Full Disk Paper ${i + 1}`, abstract]),
    );
    const run = digest(disk.content, ['ingest', day2, '--date', '2026-11-27', '--quiet']);
    expect(run.code).toBe(2);
    // One sentence (the day is also smaller than the one before, which is a warning of its own).
    expect(
      run.stderr
        .trim()
        .split('\n')
        .filter((line) => !line.includes(': warning: ')),
    ).toHaveLength(1);
    expect(run.stderr).toMatch(/^.*content: the disk is full: free some space and run the command again \(ENOSPC\)\. Nothing was changed\.$/m);
    expect(snapshot(disk.content)).toEqual(before);
    rmSync(join(disk.mount, 'filler'));
    expect(digest(disk.content, ['ingest', day2, '--date', '2026-11-27', '--quiet']).code).toBe(0);
  });

  it.runIf(mountable)('says a read-only file system in one sentence and changes nothing', () => {
    const disk = smallDisk('8m')!;
    const before = snapshot(disk.content);
    expect(spawnSync('mount', ['-o', 'remount,ro', disk.mount]).status).toBe(0);
    const run = digest(disk.content, ['ingest', writeDump('b.txt', [['Read Only Paper', CODEC]]), '--date', '2026-12-02']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toMatch(
      /^.*content(\/\.ingest\.lock)?: the file system is read-only: run the command where the content folder can be written \(EROFS\)\. Nothing was changed\.$/,
    );
    expect(snapshot(disk.content)).toEqual(before);
  });

  const nobodyCanRun = isRoot && spawnSync('runuser', ['-u', 'nobody', '--', 'test', '-x', TSX]).status === 0;
  it.runIf(nobodyCanRun)('says a permission error in one sentence and changes nothing', () => {
    const content = emptyContent();
    digest(content, ['ingest', writeDump('a.txt', [['Owned Paper', CODEC]]), '--date', '2026-12-01', '--quiet']);
    spawnSync('chmod', ['-R', 'a+rX', join(content, '..')]);
    const dump = writeDump('b.txt', [['Forbidden Paper', IMAGE]]);
    spawnSync('chmod', ['a+rx', join(dump, '..')]);
    const before = snapshot(content);
    const run = spawnSync('runuser', ['-u', 'nobody', '--', TSX, CLI, 'ingest', dump, '--date', '2026-12-02'], {
      cwd: ROOT,
      env: childEnv({ CONTENT_DIR: content, HOME: tmpdir() }),
      encoding: 'utf8',
    });
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toMatch(
      /: permission denied: run the command as a user who may write there, or change the folder’s permissions \(EACCES\)\. Nothing was changed\.$/,
    );
    expect(snapshot(content)).toEqual(before);
  });
});

describe('a day that looks wrong', () => {
  const papersOf = (prefix: string, n: number): [string, string][] =>
    Array.from({ length: n }, (_, i) => [`${prefix} Paper Number ${i + 1}`, `${CODEC} Variant ${i + 1}.`]);
  let content: string;
  let dayBefore: string;
  beforeAll(() => {
    content = emptyContent();
    dayBefore = writeDump('day1.txt', papersOf('First Day', 20));
    expect(digest(content, ['ingest', dayBefore, '--date', '2026-11-20', '--quiet']).code).toBe(0);
  });

  it.each([
    [
      'the same page pasted again',
      () => ['ingest', dayBefore, '--date', '2026-11-21'],
      'every one of its 20 papers is already in the dump of 2026-11-20: the same page pasted again?',
    ],
    [
      'a paste cut off halfway',
      () => ['ingest', writeDump('half.txt', papersOf('Second Day', 9)), '--date', '2026-11-21'],
      'it has 9 papers, under half the usual 20',
    ],
    [
      'a date after today',
      () => ['ingest', writeDump('future.txt', papersOf('Future Day', 20)), '--date', '2999-01-01'],
      'it is dated 2999-01-01, after today',
    ],
    [
      'a missed day filled in unannounced',
      () => ['ingest', writeDump('old.txt', papersOf('Old Day', 20)), '--date', '2026-11-10'],
      'it is dated 2026-11-10, before the newest day already in the digest (2026-11-20); to fill in a missed day, say so with --backfill',
    ],
  ])('warns of %s, and under --strict refuses it with nothing written', (_, args, warning) => {
    const before = snapshot(content);
    const strict = digest(content, [...args(), '--strict']);
    expect(strict.stderr).toContain(`warning: ${warning}`);
    expect(strict.code).toBe(2);
    expect(strict.stderr).toMatch(/1 warning about \S+ under --strict; nothing was written\./);
    expect(snapshot(content)).toEqual(before);
    // Without --strict it is a warning, and the day goes in.
    const copy = join(scratchDir(), 'content');
    cpSync(content, copy, { recursive: true });
    const loose = digest(copy, args());
    expect(loose.stderr).toContain(`warning: ${warning}`);
    expect(loose.code).toBe(0);
    expect(readdirSync(join(copy, 'dumps')).length).toBe(2);
  });

  it('takes a missed day filled in with --backfill, and ends every ingest with a summary of the day', () => {
    const run = digest(content, ['ingest', writeDump('missed.txt', papersOf('Missed Day', 20)), '--date', '2026-11-15', '--backfill', '--strict']);
    expect(run.code).toBe(0);
    expect(run.stderr).not.toContain('warning:');
    expect(run.stderr).toMatch(/^2026-11-15: 20 papers, 20 new and 0 seen before\.\n {2}By primary topic: .*codecs \d+.*; unsorted 0\.$/m);
  });
});

describe('the daily ingest', () => {
  const QUICK = 'only the papers of the new day were read and tagged';
  const day = (prefix: string, from: number, to: number): [string, string][] =>
    Array.from({ length: to - from + 1 }, (_, i) => [`${prefix} Paper Number ${from + i}`, `${CODEC} Variant ${from + i}.`]);
  // Each day: papers seen the day before, new ones, and one whose abstract was revised.
  const days = [
    writeDump('d1.txt', [...day('Codec', 1, 12), ['Revised Paper', 'A first version about image codecs. It is slow.']]),
    writeDump('d2.txt', [...day('Codec', 8, 20), ['Revised Paper', IMAGE]]),
    writeDump('d3.txt', [...day('Codec', 18, 30), ...day('Codec', 1, 2)]),
  ];
  const dates = ['2026-11-20', '2026-11-21', '2026-11-22'];

  it('reads and tags only the new day’s papers, and leaves the very files a full ingest of every dump leaves', () => {
    const daily = emptyContent();
    expect(digest(daily, ['ingest', days[0]!, '--date', dates[0]!]).stderr).not.toContain(QUICK);
    const second = digest(daily, ['ingest', days[1]!, '--date', dates[1]!]);
    expect(second.code).toBe(0);
    expect(second.stderr).toContain(QUICK);
    expect(second.stderr).toContain('the abstract of “Revised Paper” changed');
    // A dump put in the folder by hand, then the build's own ingest.
    cpSync(days[2]!, join(daily, 'dumps', `${dates[2]}.txt`));
    const third = digest(daily, ['ingest', '--quiet']);
    expect(third.stderr).toContain(QUICK);
    expect(third.stderr).toContain('2026-11-22: 15 papers, 10 new and 5 seen before.');

    const full = emptyContent();
    mkdirSync(join(full, 'dumps'));
    days.forEach((file, i) => cpSync(file, join(full, 'dumps', `${dates[i]}.txt`)));
    expect(digest(full, ['ingest', '--regenerate', '--quiet']).code).toBe(0);
    expect(snapshot(daily)).toEqual(snapshot(full));
    for (const cache of ['.ingested', '.ingest-index.json']) expect(readFileSync(join(daily, cache), 'utf8')).toBe(readFileSync(join(full, cache), 'utf8'));
    expect(readFileSync(join(daily, 'papers/codec-paper-number-1.md'), 'utf8')).toContain("date: '2026-11-22'\n    rank: 14");
  });

  it('reads every paper again after a hand edit, and keeps the edit', () => {
    const content = emptyContent();
    expect(digest(content, ['ingest', days[0]!, '--date', dates[0]!, '--quiet']).code).toBe(0);
    const file = join(content, 'papers/codec-paper-number-9.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('title: ', 'pinnedTopics:\n  - vision\ntitle: '));
    const run = digest(content, ['ingest', days[1]!, '--date', dates[1]!, '--quiet']);
    expect(run.code).toBe(0);
    expect(run.stderr).not.toContain(QUICK);
    expect(readFileSync(file, 'utf8')).toMatch(/topics:\n {2}- slug: vision\n {4}score: 0\n {4}evidence:\n {6}- set by hand/);
    // The next day is quick again.
    expect(digest(content, ['ingest', days[2]!, '--date', dates[2]!, '--quiet']).stderr).toContain(QUICK);
  });

  it('reads every paper again, saying why, when a record whose title was edited by hand is in the new day', () => {
    const content = emptyContent();
    expect(digest(content, ['ingest', days[0]!, '--date', dates[0]!, '--quiet']).code).toBe(0);
    const file = join(content, 'papers/codec-paper-number-2.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('title: Codec Paper Number 2', 'title: The Second Codec Paper'));
    // The edit makes the next ingest a full one; the one after meets the edited record again.
    expect(digest(content, ['ingest', writeDump('other.txt', day('Other', 1, 13)), '--date', dates[1]!, '--quiet']).code).toBe(0);
    const run = digest(content, ['ingest', days[2]!, '--date', dates[2]!]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('note: every paper is read again, since codec-paper-number-2, whose title was edited by hand, is in the new dumps');
    expect(run.stderr).not.toContain(QUICK);
    expect(readFileSync(file, 'utf8')).toContain('title: The Second Codec Paper');
  });

  it.each([
    ['cannot be read', () => '{"stamp": "cut off'],
    ['was left by another ingest', (index: string) => index.replace(/"stamp":"[0-9a-f]+"/, `"stamp":"${'0'.repeat(64)}"`)],
  ])('reads every paper again when the index %s, and gives the same records', (_, spoil) => {
    const content = emptyContent();
    expect(digest(content, ['ingest', days[0]!, '--date', dates[0]!, '--quiet']).code).toBe(0);
    const reference = join(scratchDir(), 'content');
    cpSync(content, reference, { recursive: true });
    const index = join(content, '.ingest-index.json');
    writeFileSync(index, spoil(readFileSync(index, 'utf8')));
    const run = digest(content, ['ingest', days[1]!, '--date', dates[1]!, '--quiet']);
    expect(run.code).toBe(0);
    expect(run.stderr).not.toContain(QUICK);
    expect(digest(reference, ['ingest', days[1]!, '--date', dates[1]!, '--quiet']).stderr).toContain(QUICK);
    expect(snapshot(content)).toEqual(snapshot(reference));
    expect(readFileSync(index, 'utf8')).toBe(readFileSync(join(reference, '.ingest-index.json'), 'utf8'));
  });

  it('checks the newest day under --strict when there is nothing new to ingest, as the deploy does', () => {
    const content = emptyContent();
    expect(digest(content, ['ingest', days[0]!, '--date', dates[0]!, '--quiet']).code).toBe(0);
    // The same page pasted again is taken with a warning, then refused by the deploy's check.
    expect(digest(content, ['ingest', days[0]!, '--date', dates[1]!, '--quiet']).stderr).toContain('the same page pasted again?');
    const deploy = digest(content, ['ingest', '--strict', '--quiet']);
    expect(deploy.code).toBe(2);
    expect(deploy.stderr).toContain(`${join(content, 'dumps', `${dates[1]}.txt`)}: warning: every one of its 13 papers is already in the dump of ${dates[0]}`);
    expect(digest(content, ['ingest', '--quiet']).stderr).toContain('Nothing new to ingest');
  });
});

describe('a dump with a paper that cannot be read', () => {
  it('keeps every other paper and exits 1, on the day it is added and on every ingest after until it is fixed', () => {
    const content = emptyContent();
    expect(digest(content, ['ingest', writeDump('good.txt', [['A Good Paper', CODEC]]), '--date', '2026-11-20', '--quiet']).code).toBe(0);
    const bad = join(scratchDir(), 'bad.txt');
    writeFileSync(bad, `Another Good Paper\n${IMAGE}\nA Paper With No Abstract\n`);
    const run = digest(content, ['ingest', bad, '--date', '2026-11-21', '--quiet']);
    expect(run.stderr).toContain(`${bad}:3: error: “A Paper With No Abstract” has no abstract after it`);
    expect(run.stderr).toContain('1 paper could not be read: see the errors above (FILE:LINE).');
    expect(run.code).toBe(1);
    expect(readdirSync(join(content, 'papers')).sort()).toEqual(['a-good-paper.md', 'another-good-paper.md']);
    const again = digest(content, ['ingest', '--quiet']);
    expect(again.stderr).toContain(`${join(content, 'dumps/2026-11-21.txt')}:3: error:`);
    expect(again.code).toBe(1);
  });
});
