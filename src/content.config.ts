import { defineCollection } from 'astro:content';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parsePaperFile } from './lib/paper-file';
import { PaperSchema, type Paper } from './lib/schema';

const PAPERS_DIR = join(process.env['CONTENT_DIR'] ?? 'content', 'papers');

/** Reads `content/papers/*.md` with the same parser and schema as the command line; a bad file stops the build. */
function loadPapers(): Paper[] {
  const files = readdirSync(PAPERS_DIR)
    .filter((f) => f.endsWith('.md'))
    .sort();
  return files.map((name) => {
    const file = join(PAPERS_DIR, name);
    const result = parsePaperFile(readFileSync(file, 'utf8'));
    if (!result.ok) throw new Error(`${file}: ${result.message}`);
    return result.value;
  });
}

export const collections = {
  papers: defineCollection({ loader: loadPapers, schema: PaperSchema }),
};
