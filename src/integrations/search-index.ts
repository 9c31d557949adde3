/**
 * Writes the search files (see src/lib/search.ts) into the built site once the pages are done. Thousands of small
 * files: written here in one pass rather than as thousands of Astro routes, each of which costs a millisecond or two.
 * It reads the build's own papers.json, so the index holds exactly what the pages show.
 */
import type { AstroIntegration } from 'astro';
import { Charset, Index } from 'flexsearch';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PaperSchema } from '../lib/schema';
import type { FlexIndexClass } from '../lib/search';
import { buildSearchFiles } from '../lib/search-build';
import { parseTaxonomy } from '../lib/taxonomy';

export function searchIndex(options: { contentDir: string }): AstroIntegration {
  return {
    name: 'papers-digest:search-index',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        const out = fileURLToPath(dir);
        const started = performance.now();
        const papers = PaperSchema.array().parse(JSON.parse(readFileSync(join(out, 'papers.json'), 'utf8')));
        const taxonomy = parseTaxonomy(readFileSync(join(options.contentDir, 'topics.yaml'), 'utf8'));
        if (!taxonomy.ok) throw new Error(`${options.contentDir}/topics.yaml: ${taxonomy.messages.join('; ')}`);
        const { files } = buildSearchFiles(papers, taxonomy.value.topics, Index as unknown as FlexIndexClass, Charset.Exact);
        mkdirSync(join(out, 'search'), { recursive: true });
        for (const [name, data] of files) writeFileSync(join(out, 'search', name), data);
        logger.info(`${files.size} search files for ${papers.length} papers in ${((performance.now() - started) / 1000).toFixed(2)}s`);
      },
    },
  };
}
