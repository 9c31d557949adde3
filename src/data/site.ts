/** Loads the site's data once per build: papers, taxonomy and settings, arranged by src/lib/digest. */
import { getCollection } from 'astro:content';
import { readFileSync } from 'node:fs';
import { buildDigest, type Digest } from '../lib/digest';
import { parseSiteSettings, type SiteSettings } from '../lib/settings';
import { parseTaxonomy } from '../lib/taxonomy';

export interface Site {
  digest: Digest;
  settings: SiteSettings;
}

let site: Promise<Site> | undefined;

async function load(): Promise<Site> {
  const settings = parseSiteSettings(readFileSync('content/site.yaml', 'utf8'));
  if (!settings.ok) throw new Error(`content/site.yaml: ${settings.message}`);
  const taxonomy = parseTaxonomy(readFileSync('content/topics.yaml', 'utf8'));
  if (!taxonomy.ok) throw new Error(`content/topics.yaml: ${taxonomy.messages.join('; ')}`);
  const entries = await getCollection('papers');
  return { settings: settings.value, digest: buildDigest(entries.map((e) => e.data), taxonomy.value, settings.value.relatedCount) };
}

/** The whole site's data, computed once and shared by every page, feed and endpoint. */
export function getSite(): Promise<Site> {
  site ??= load();
  return site;
}
