/**
 * Writes the search files for the papers in CONTENT_DIR into the folder given as the first argument. Given a second
 * argument, it first writes the papers' related papers to that file and says so on file descriptor 3 (see
 * src/integrations/related-channel.ts). Run by the search-index integration in a second process while Astro renders
 * the pages (see that file).
 */
import { mkdirSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { setPriority } from 'node:os';
import { join } from 'node:path';
import { Charset, Index } from 'flexsearch';
import { compareNewestFirst } from '../lib/site/digest';
import { relatedOfPapers, stringifyRelated } from '../lib/site/related';
import { buildSearchFiles, searchIndexVersion } from '../lib/search/build';
import type { FlexIndexClass } from '../lib/search/engine';
import { CONTENT, FatalError, loadSiteSettingsFile, loadTaxonomyFile, readPaperFiles } from '../store/content-store';

const [out, relatedFile] = process.argv.slice(2);
if (!out) {
  console.error('Usage: tsx src/integrations/search-worker.ts OUT_DIR [RELATED_FILE]');
  process.exit(2);
}
try {
  // The digest's order, which the related papers depend on (see relatedOfPapers) and the search files keep.
  const papers = [...readPaperFiles(CONTENT.papers).values()].sort(compareNewestFirst);
  if (relatedFile) {
    // The paper pages wait for these: made at normal priority, before the index.
    const { relatedCount } = loadSiteSettingsFile(CONTENT.site);
    writeFileSync(`${relatedFile}.partial`, stringifyRelated(relatedOfPapers(papers, relatedCount)));
    renameSync(`${relatedFile}.partial`, relatedFile);
    writeSync(3, 'related\n');
    // Relating the papers leaves about 700 MB of garbage at 100,000 papers; left to itself the heap grows past it
    // while the index is built, and this process peaked at 2.7 GB instead of 1.9 (it is started with --expose-gc).
    (globalThis as { gc?: () => void }).gc?.();
  }
  try {
    // Run beside an Astro build, whose pages are the critical path while this has time to spare: let them go first.
    setPriority(10);
  } catch {
    // Not permitted here: the index is built at normal priority.
  }
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
