/**
 * The unit tests of src/lib, for mutation testing (`npm run test:mutation`): no browser, no built site, no child
 * processes (a mutant lives in the test process only, so tests that run the command line in a child cannot see it).
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'tests/{arxiv,cache,day-checks,digest,eval,feeds,gist,host-headers,links,parse,records,related,schema,search,search-build,search-engine,search-format,search-query,search-results,slug,tag,taxonomy,text,urls,wording,words,export,opensearch,dates,pagination,problems,settings,paper-file,furniture,normalise,sitemap,review}.test.ts',
    ],
    environment: 'node',
    testTimeout: 60_000,
  },
});
