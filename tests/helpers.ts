import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { decodeDump, parseDump, type DumpParse } from '../src/lib/parse';

export const ROOT = join(import.meta.dirname, '..');
export const BUNDLED_DUMP = join(ROOT, 'content/dumps/2026-11-26.txt');

export function fixturePath(name: string): string {
  return join(ROOT, 'tests/fixtures', name);
}

/** Reads and parses a fixture as the CLI would. */
export function parseFixture(name: string): DumpParse {
  const decoded = decodeDump(readFileSync(fixturePath(name)));
  if (!decoded.ok) return { papers: [], problems: [], fatal: decoded.reason };
  return parseDump(decoded.text, name);
}

export const titles = (r: DumpParse) => r.papers.map((p) => p.title);

// Vitest puts Vite's own variables (BASE_URL, MODE, …) into process.env; a child command or build must not inherit them.
const VITE_VARIABLES = /^(BASE_URL|MODE|DEV|PROD|SSR|NODE_ENV|VITEST.*|TEST)$/;

/** The environment for a child command: this process's, without Vite's variables, plus `extra`. */
export function childEnv(extra: Record<string, string> = {}): Record<string, string> {
  const inherited = Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined && !VITE_VARIABLES.test(e[0]));
  return { ...Object.fromEntries(inherited), ...extra };
}

/** Every file under `dir` with its bytes (as Latin-1 text, so any byte compares), by relative path; the lock aside. */
export function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile() && d.name !== '.ingest.lock')
      .map((d) => join(d.parentPath, d.name).slice(dir.length + 1))
      .sort()
      .map((f) => [f, readFileSync(join(dir, f), 'latin1')]),
  );
}
