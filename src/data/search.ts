/** The search files for this build, made once from the digest. */
import { Charset, Index } from 'flexsearch';
import type { FlexIndexClass } from '../lib/search';
import { buildSearchFiles, type SearchBuild } from '../lib/search-build';
import { getSite } from './site';

let build: Promise<SearchBuild> | undefined;

export function getSearchFiles(): Promise<SearchBuild> {
  build ??= getSite().then(({ digest }) =>
    buildSearchFiles(
      digest.papers,
      digest.topics.map((g) => g.topic),
      Index as unknown as FlexIndexClass,
      Charset.Exact,
    ),
  );
  return build;
}
