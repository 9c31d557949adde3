import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PaperSchema } from '../src/lib/schema';
import { BUNDLED_DUMP, ROOT, fixturePath } from './helpers';

const TSX = join(ROOT, 'node_modules/.bin/tsx');
const CLI = join(ROOT, 'scripts/digest.ts');
const EVAL = join(ROOT, 'scripts/eval-topics.ts');

function digest(cwd: string, ...args: string[]) {
  const run = spawnSync(TSX, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** A scratch project folder with the real taxonomy and settings and no dumps. */
function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'digest-cli-'));
  cpSync(join(ROOT, 'content/topics.yaml'), join(dir, 'content/topics.yaml'));
  cpSync(join(ROOT, 'content/site.yaml'), join(dir, 'content/site.yaml'));
  return dir;
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('digest parse', () => {
  it('prints the 224 validated, tagged records of the bundled dump as JSON and nothing else', () => {
    const run = digest(ROOT, 'parse', BUNDLED_DUMP, '--quiet');
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const records = JSON.parse(run.stdout) as unknown[];
    expect(records).toHaveLength(224);
    const papers = records.map((r) => PaperSchema.parse(r));
    for (const paper of papers) expect(paper.topics.length).toBeLessThanOrEqual(4);
    // Every bundled paper is within the taxonomy: leaving one unsorted is the exception, not a way to be precise.
    expect(papers.filter((p) => p.topics.length === 0).length).toBeLessThanOrEqual(224 * 0.02);
  });

  it('reports problems as FILE:LINE on stderr and exits 1 when a paper is lost, still printing the rest', () => {
    const file = fixturePath('missing-abstract-at-end.txt');
    const run = digest(ROOT, 'parse', file);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${file}:3: error: “Beta Paper With No Abstract” has no abstract after it`);
    expect((JSON.parse(run.stdout) as { title: string }[]).map((p) => p.title)).toEqual(['Alpha Paper']);
  });

  it.each([
    ['binary.txt', 'is not a text dump (it contains binary data).'],
    ['empty.txt', 'is empty.'],
    ['only-chrome.txt', 'has no papers in it (only page chrome or blank lines).'],
    ['no-such-file.txt', 'does not exist.'],
  ])('refuses %s with one sentence and no stack trace', (name, sentence) => {
    const run = digest(ROOT, 'parse', fixturePath(name), '--quiet');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim()).toBe(`${fixturePath(name)} ${sentence}`);
  });

  it('explains usage on a wrong call', () => {
    const run = digest(ROOT, 'frobnicate');
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe('Unknown command “frobnicate” (see --help).');
    expect(digest(ROOT, '--help').stdout).toContain('ingest [FILE|-] [--date D]');
  });
});

describe('digest ingest', () => {
  let dir: string;
  beforeAll(() => {
    dir = scratch();
    dirs.push(dir);
  });
  const papersDir = () => join(dir, 'content/papers');

  it('adds a dump under its date and writes one file per paper', () => {
    const run = digest(dir, 'ingest', BUNDLED_DUMP, '--quiet');
    expect(run.code).toBe(0);
    expect(readdirSync(join(dir, 'content/dumps'))).toEqual(['2026-11-26.txt']);
    expect(readFileSync(join(dir, 'content/dumps/2026-11-26.txt'))).toEqual(readFileSync(BUNDLED_DUMP));
    expect(readdirSync(papersDir())).toHaveLength(224);
    expect(run.stderr).toContain('224 papers from 1 dump (1 day); 224 paper files written, 0 removed, 1 dump added.');
  });

  it('changes nothing when run again over the same dumps, and skips the work when nothing it reads has changed', () => {
    const before = readdirSync(papersDir()).map((f) => readFileSync(join(papersDir(), f), 'utf8'));
    const again = digest(dir, 'ingest', '--quiet');
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('Nothing new to ingest');
    // Without the stamp the last ingest left, the records are made again, and come out the same.
    rmSync(join(dir, 'content/.ingested'));
    const full = digest(dir, 'ingest', '--quiet');
    expect(full.code).toBe(0);
    expect(full.stderr).toContain('0 paper files written, 0 removed.');
    expect(readdirSync(papersDir()).map((f) => readFileSync(join(papersDir(), f), 'utf8'))).toEqual(before);
    // A changed taxonomy is a reason to tag again.
    const topics = join(dir, 'content/topics.yaml');
    const taxonomy = readFileSync(topics, 'utf8');
    writeFileSync(topics, `${taxonomy}# edited\n`);
    try {
      expect(digest(dir, 'ingest', '--quiet').stderr).toContain('0 paper files written, 0 removed.');
    } finally {
      writeFileSync(topics, taxonomy);
    }
  });

  it('keeps a hand edit through a re-run', () => {
    const file = join(papersDir(), 'hnerv-a-hybrid-neural-representation-for-videos.md');
    const edited = readFileSync(file, 'utf8').replace(
      "title: 'HNeRV: A Hybrid Neural Representation for Videos'",
      "title: 'HNeRV: A Hybrid Neural Representation for Videos (edited)'",
    );
    writeFileSync(file, edited);
    expect(digest(dir, 'ingest', '--quiet').code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('(edited)');
  });

  it('refuses a hand-set topic the taxonomy does not have, naming the file, the line and the slug, and writes nothing', () => {
    const file = join(papersDir(), 'hnerv-a-hybrid-neural-representation-for-videos.md');
    const before = readFileSync(file, 'utf8');
    const edited = before.replace('\nlinks:', '\npinnedTopics:\n  - codecs\n  - codcs-typo\nlinks:');
    writeFileSync(file, edited);
    try {
      const line = edited.split('\n').indexOf('  - codcs-typo') + 1;
      const papers = () => readdirSync(papersDir()).map((f) => readFileSync(join(papersDir(), f), 'utf8'));
      const untouched = papers();
      const run = digest(dir, 'ingest', '--regenerate', '--quiet');
      // Exit 2, as for any paper file the ingest cannot read: the run cannot go on.
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(
        `content/papers/hnerv-a-hybrid-neural-representation-for-videos.md:${line}: pinnedTopics: “codcs-typo” is not a topic in content/topics.yaml`,
      );
      expect(run.stderr).toContain('nothing was written');
      expect(papers()).toEqual(untouched);
    } finally {
      writeFileSync(file, before);
    }
  });

  it('explains a paper’s topics, and shows what edited rules would change before they are stored', () => {
    const run = digest(dir, 'explain', 'hnerv');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('topics: neural-fields, codecs\n');
    expect(run.stdout).toMatch(/^\* neural-fields +28 +16 +4 +32 +“Neural Representation for Videos”/m);
    expect(run.stdout).toMatch(/^ {2}vision +3\.5 /m);
    expect(run.stdout).not.toContain('with the rules as they are now');
    const topicsFile = join(dir, 'content/topics.yaml');
    const rules = readFileSync(topicsFile, 'utf8');
    writeFileSync(topicsFile, rules.replace(/(- slug: codecs\n(?: {4}.*\n)*? {4}primaryBias:) [\d.]+/, '$1 3'));
    try {
      expect(digest(dir, 'explain', 'hnerv').stdout).toContain('with the rules as they are now: codecs, neural-fields');
    } finally {
      writeFileSync(topicsFile, rules);
    }
    const missing = digest(dir, 'explain', 'no such paper');
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toBe('No paper has the id or a title containing “no such paper”.');
  });

  it('merges a second day: seen papers keep id and firstSeen and gain the date', () => {
    const second = join(dir, 'second.txt');
    const lines = readFileSync(BUNDLED_DUMP, 'utf8').split('\n');
    writeFileSync(second, `Brand New Paper on Codecs\nWe propose a neural audio codec. It compresses speech.\n${lines.slice(3, 7).join('\n')}\n`);
    const run = digest(dir, 'ingest', second, '--date', '2026-11-27', '--quiet');
    // The dump ends on a title with no abstract: that paper is lost, said with its line, and the exit code says so.
    expect(run.stderr).toContain(`${second}:6: error: “Text-To-Concept (and Back) via Cross-Model Alignment” has no abstract after it`);
    expect(run.code).toBe(1);
    const deltalm = readFileSync(join(papersDir(), 'deltalm-encoder-decoder-pre-training-for-language-generation-and-translation-by.md'), 'utf8');
    expect(deltalm).toContain("firstSeen: '2026-11-26'");
    expect(deltalm).toContain("date: '2026-11-27'\n    rank: 2");
    expect(readFileSync(join(papersDir(), 'brand-new-paper-on-codecs.md'), 'utf8')).toContain("firstSeen: '2026-11-27'");
    expect(readdirSync(papersDir())).toHaveLength(225);
  });

  it('tells the status: days, papers per day, and whether the paper files are what the dumps and rules give now', () => {
    const run = digest(dir, 'status');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^225 papers over 2 days in content\/$/m);
    expect(run.stdout).toMatch(/^ {2}2026-11-27 +2 papers {2}content\/dumps\/2026-11-27\.txt$/m);
    expect(run.stdout).toMatch(/^ {2}2026-11-26 +224 papers {2}content\/dumps\/2026-11-26\.txt$/m);
    expect(run.stdout).toContain('content/papers/ is up to date with the dumps and content/topics.yaml.');
    expect(run.stdout).toMatch(/^Last ingest: content\/dumps\/2026-11-2[67]\.txt, written \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/m);
    const topicsFile = join(dir, 'content/topics.yaml');
    const rules = readFileSync(topicsFile, 'utf8');
    writeFileSync(
      topicsFile,
      rules.replace('    relativeThreshold: 0.2\n    primaryBias: 1.2\n', '    relativeThreshold: 0.2\n    primaryBias: 1.2\n    threshold: 1000\n'),
    );
    try {
      expect(digest(dir, 'status').stdout).toMatch(/content\/papers\/ is stale: \d+ paper files? would change and 0 would go/);
    } finally {
      writeFileSync(topicsFile, rules);
    }
  });

  it('writes nothing when a paper file is broken, and names it', () => {
    const file = join(papersDir(), 'brand-new-paper-on-codecs.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace("firstSeen: '2026-11-27'", 'firstSeen: yesterday'));
    const third = join(dir, 'third.txt');
    writeFileSync(third, 'Another Paper\nAn abstract. With prose.\n');
    const run = digest(dir, 'ingest', third, '--date', '2026-11-28', '--quiet');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${join('content/papers', 'brand-new-paper-on-codecs.md')}: firstSeen: must be a date written YYYY-MM-DD`);
    expect(readdirSync(join(dir, 'content/dumps'))).toEqual(['2026-11-26.txt', '2026-11-27.txt']);
  });

  it('lists the unsorted papers with their best-scoring topics in topics review', () => {
    const review = scratch();
    dirs.push(review);
    const dump = join(review, 'dump.txt');
    writeFileSync(
      dump,
      'Rainfall Forecasting from Station Records\nWe forecast rainfall from weather station records. Farmers plan with it.\n' +
        'Rainfall Maps for Farmers\nWe map rainfall for farmers from station records.\n' +
        'Neural Audio Codecs at Low Bitrates\nWe present a neural audio codec for speech compression at low bitrate.\n',
    );
    expect(digest(review, 'ingest', dump, '--date', '2026-11-26', '--quiet').code).toBe(0);
    const run = digest(review, 'topics', 'review');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Unsorted papers: 2 of 3.');
    // What the unsorted papers have in common, and the rest do not: the subject a topic could be added for.
    expect(run.stdout).toContain('\nWords in two or more of their titles: rainfall (2).\n');
    expect(run.stdout).toMatch(/^ {2}rainfall-forecasting-from-station-records\n {4}“Rainfall Forecasting from Station Records”: /m);
    expect(run.stdout).not.toMatch(/^ {2}neural-audio-codecs-at-low-bitrates$/m);
    expect(run.stdout).toContain('the title names a subject outside the taxonomy (“Rainfall” and “Forecasting”), so a topic needs 16');
  });

  it('refuses a bad --date', () => {
    const run = digest(dir, 'ingest', BUNDLED_DUMP, '--date', '26/11/2026');
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe('--date 26/11/2026 is not a date written YYYY-MM-DD.');
  });
});

describe('eval:topics', () => {
  const evaluate = (...args: string[]) => {
    const run = spawnSync(TSX, [EVAL, '--dump', BUNDLED_DUMP, ...args], { cwd: ROOT, encoding: 'utf8' });
    return { code: run.status, stdout: run.stdout, stderr: run.stderr };
  };

  it('scores the tagger against a labels file and lists the papers it gets wrong', () => {
    const run = evaluate('--labels', fixturePath('labels-three.json'));
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('1 labelled titles are not in');
    expect(run.stdout).toMatch(/^Papers: 2 {3}micro-F1 [01]\.\d{3} \(P [01]\.\d{3}, R [01]\.\d{3}\) {3}macro-F1 [01]\.\d{3} {3}primary accuracy [01]\.\d{3}$/m);
    expect(run.stdout).toMatch(/^neural-fields +1 +1 +1\.000 +1\.000 +1\.000$/m);
    expect(run.stdout).toContain('Papers with a wrong topic set or primary:');
  });

  it('checks, on request, whether tuning the order to the labels would carry over to unseen papers', () => {
    const run = evaluate('--labels', fixturePath('labels-three.json'), '--quiet', '--cross-validate');
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('Papers with a wrong topic set or primary:');
    expect(run.stdout).toMatch(/^ {2}with the values in content\/topics\.yaml +[01]\.\d{3} {2}\([0-2] of 2\)$/m);
    expect(run.stdout).toMatch(/^ {2}fitted to all the labelled papers +[01]\.\d{3} {2}\([0-2] of 2\)$/m);
    expect(run.stdout).toMatch(/^ {2}each paper held out of the fit \(leave-one-out\) +[01]\.\d{3} {2}\([0-2] of 2\)$/m);
  });

  it('checks, on request, what fitting the thresholds on one labels file does on the other, both ways', () => {
    const run = spawnSync(TSX, [EVAL, '--cross-file'], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^ {2}extra +\(150 papers\) +micro-F1 [01]\.\d{3} .*off-taxonomy given a topic \d+ of 11$/m);
    for (const [fit, test] of [
      ['seed', 'extra'],
      ['extra', 'seed'],
    ]) {
      const found = new RegExp(
        `^ {2}fit on ${fit}: threshold \\d, relativeThreshold 0\\.\\d+\\n {4}in-sample +\\(${fit} *\\) micro-F1 [01]\\.\\d{3}.*\\n {4}cross-file \\(${test} *\\) micro-F1 ([01]\\.\\d{3}).*\\n` +
          ` {4}the (one setting|\\d+ settings) within 0\\.002 of the best in-sample: cross-file micro-F1 ([01]\\.\\d{3})–([01]\\.\\d{3}) \\(mean ([01]\\.\\d{3})\\)$`,
        'm',
      ).exec(run.stdout);
      expect(found).not.toBeNull();
      // The best setting is one of the near ties, so its cross-file figure lies in their range, as does their mean.
      const [chosen, low, high, mean] = [found![1], found![3], found![4], found![5]].map(Number) as [number, number, number, number];
      if (found![2] !== 'one setting') expect(Number(found![2]!.split(' ')[0])).toBeGreaterThan(1);
      expect(low).toBeLessThanOrEqual(chosen);
      expect(chosen).toBeLessThanOrEqual(high);
      expect(low).toBeLessThanOrEqual(mean);
      expect(mean).toBeLessThanOrEqual(high);
    }
  });

  it('finds the labelled papers in a dump beside the labels file when no dump is named', () => {
    const dir = mkdtempSync(join(tmpdir(), 'digest-eval-'));
    dirs.push(dir);
    writeFileSync(
      join(dir, 'mine.txt'),
      'Neural Audio Codecs at Low Bitrates\nWe present a neural audio codec for speech compression at low bitrate.\n' +
        'Rainfall Forecasting from Station Records\nWe forecast rainfall from weather station records.\n',
    );
    const labels = [
      { title: 'Neural Audio Codecs at Low Bitrates', topics: ['codecs', 'speech-audio'], primary: 'codecs' },
      { title: 'Rainfall Forecasting from Station Records', topics: [], primary: null },
      ...Array.from({ length: 7 }, (_, i) => ({ title: `Nowhere ${i}`, topics: ['codecs'], primary: 'codecs' })),
    ];
    writeFileSync(join(dir, 'labels.json'), JSON.stringify(labels));
    const run = spawnSync(TSX, [EVAL, '--labels', join(dir, 'labels.json'), '--quiet'], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Papers: 2 /m);
    expect(run.stdout).toContain('Papers outside the taxonomy given a topic: 0 of 1');
    expect(run.stderr).toMatch(
      /^7 labelled titles are not in any of \d+ dumps \(.*mine\.txt\): Nowhere 0; Nowhere 1; Nowhere 2; Nowhere 3; Nowhere 4 and 2 more$/m,
    );
  });

  it('refuses a labels file that does not follow the format, naming the entry and field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'digest-eval-'));
    dirs.push(dir);
    const bad = join(dir, 'labels.json');
    writeFileSync(bad, JSON.stringify([{ title: 'A', topics: 'codecs', primary: 'codecs' }]));
    const run = evaluate('--labels', bad);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(`${bad}: entry 1, field topics: Invalid input: expected array, received string`);
    const missing = evaluate('--labels', join(dir, 'none.json'));
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toBe(`${join(dir, 'none.json')}: cannot read the labels (ENOENT).`);
  });
});
