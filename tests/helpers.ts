import { readFileSync } from 'node:fs';
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
