/**
 * Writes the search files for the papers in CONTENT_DIR into the folder given as the only argument.
 * Run by the search-index integration in a second process while Astro renders the pages (see that file).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import { join } from 'node:path';
import { Charset, Index } from 'flexsearch';
import { compareNewestFirst } from '../lib/site/digest';
import { buildSearchFiles, searchIndexVersion } from '../lib/search/build';
import type { FlexIndexClass } from '../lib/search/engine';
import { CONTENT, FatalError, loadTaxonomyFile, readPaperFiles } from '../store/content-store';

const out = process.argv[2];
if (!out) {
  console.error('Usage: tsx src/integrations/search-worker.ts OUT_DIR');
  process.exit(2);
}
try {
  // Run beside an Astro build, whose pages are the critical path while this has time to spare: let them go first.
  setPriority(10);
} catch {
  // Not permitted here: the index is built at normal priority.
}
try {
  const papers = [...readPaperFiles(CONTENT.papers).values()].sort(compareNewestFirst);
  const taxonomy = loadTaxonomyFile(CONTENT.topics);
  const { files } = buildSearchFiles(papers, taxonomy.topics, Index as unknown as FlexIndexClass, Charset.Exact);
  const dir = join(out, searchIndexVersion(papers, taxonomy.topics));
  mkdirSync(dir, { recursive: true });
  for (const [name, data] of files) writeFileSync(join(dir, name), data);
  console.log(`${files.size} search files for ${papers.length} papers`);
} catch (error) {
  console.error(error instanceof FatalError ? error.message : error);
  process.exit(2);
}
