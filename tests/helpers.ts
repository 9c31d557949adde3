import { mkdirSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { decodeDump, parseDump, type DumpParse } from '../src/lib/ingest/parse';
import type { Paper } from '../src/lib/schema';

export const ROOT = join(import.meta.dirname, '..');
export const BUNDLED_DUMP = join(ROOT, 'content/dumps/2026-11-26.txt');
/** The 150 labelled papers from outside the bundled dump (see eval/README.md). */
export const EXTRA_DUMP = join(ROOT, 'eval/papers-extra.txt');

/** LaTeX left as text where a reader sees it: a macro, a comment, `$…$`, a BibTeX key; each with its context. */
export function latexResidue(text: string): string[] {
  const found: string[] = [];
  for (const pattern of [/\\[A-Za-z]+/g, /(?:^|\s)%\p{L}\S*/gu, /\$[^$\s][^$]*\$/g, /\b\p{Ll}{3,}(?:19|20)\d{2}\p{Ll}{2,}\b/gu, /\bell_/g]) {
    for (const m of text.matchAll(pattern)) found.push(text.slice(Math.max(0, m.index - 20), m.index + m[0].length + 20));
  }
  return found;
}

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
      // The lock, and the stamp and index an ingest leaves (caches that check themselves: a stale one only costs a full ingest).
      .filter((d) => d.isFile() && !['.ingest.lock', '.ingested', '.ingest-index.json'].includes(d.name))
      .map((d) => join(d.parentPath, d.name).slice(dir.length + 1))
      .sort()
      .map((f) => [f, readFileSync(join(dir, f), 'latin1')]),
  );
}

/**
 * A fresh folder for a build's output, inside the project. Astro keeps a build's intermediate files beside an output
 * folder inside its working directory, but in the shared `.astro/` for one outside it, where two builds running at
 * once (two test files) overwrite each other's.
 */
export function scratchOutput(prefix: string): string {
  mkdirSync(join(ROOT, '.scratch'), { recursive: true });
  return mkdtempSync(join(ROOT, '.scratch', prefix));
}

/** A made-up paper record, first seen (at rank 1) on 26 November 2026, with topics by slug. */
export const madePaper = (id: string, title: string, abstract: string, topicSlugs: string[] = [], extra: Partial<Paper> = {}): Paper => ({
  id,
  title,
  abstract,
  firstSeen: '2026-11-26',
  seen: [{ date: '2026-11-26', rank: 1 }],
  links: [],
  topics: topicSlugs.map((slug) => ({ slug, score: 12, evidence: [] })),
  ...extra,
});
