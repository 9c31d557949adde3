/**
 * Loads the site's data once per build: papers, taxonomy and settings, arranged by src/lib/digest. The paper files
 * are read with the same reader, parser and schema as the command line (a bad file stops the build, naming it); not
 * through an Astro content collection, which at 20,000 papers spent seconds validating and serialising a second
 * copy of every record that no page needed.
 */
import { CONTENT, loadSiteSettingsFile, loadTaxonomyFile, readPaperFiles } from '../store/content-store';
import { buildDigest, type Digest } from '../lib/site/digest';
import { relatedOfPapers, type Related } from '../lib/site/related';
import { offeredRelated } from '../integrations/related-channel';
import type { SiteSettings } from '../lib/site/settings';

export interface Site {
  digest: Digest;
  settings: SiteSettings;
}

let site: Promise<Site> | undefined;

function load(): Site {
  const settings = loadSiteSettingsFile(CONTENT.site);
  const taxonomy = loadTaxonomyFile(CONTENT.topics);
  const papers = [...readPaperFiles(CONTENT.papers, new Set(taxonomy.topics.map((t) => t.slug))).values()];
  return { settings, digest: buildDigest(papers, taxonomy) };
}

/** The whole site's data, computed once and shared by every page, feed and endpoint. */
export function getSite(): Promise<Site> {
  site ??= Promise.resolve().then(load);
  return site;
}

let related: Promise<Map<string, Related[]>> | undefined;

/**
 * Each paper's related papers, by id: made by the search worker beside the pages when the build offers them (see
 * src/integrations/related-channel.ts), else here, from the same papers in the same order.
 */
export function getRelated(): Promise<Map<string, Related[]>> {
  related ??= offeredRelated() ?? getSite().then(({ digest, settings }) => relatedOfPapers(digest.papers, settings.relatedCount));
  return related;
}
