/** Loads the site's data once per build: papers, taxonomy and settings, arranged by src/lib/digest. */
import { getCollection } from 'astro:content';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDigest, type Digest } from '../lib/digest';
import { parseSiteSettings, type SiteSettings } from '../lib/settings';
import { parseTaxonomy } from '../lib/taxonomy';

export interface Site {
  digest: Digest;
  settings: SiteSettings;
}

let site: Promise<Site> | undefined;

async function load(): Promise<Site> {
  const dir = process.env['CONTENT_DIR'] ?? 'content';
  const settings = parseSiteSettings(readFileSync(join(dir, 'site.yaml'), 'utf8'));
  if (!settings.ok) throw new Error(`${dir}/site.yaml: ${settings.message}`);
  const taxonomy = parseTaxonomy(readFileSync(join(dir, 'topics.yaml'), 'utf8'));
  if (!taxonomy.ok) throw new Error(`${dir}/topics.yaml: ${taxonomy.messages.join('; ')}`);
  const entries = await getCollection('papers');
  return {
    settings: settings.value,
    digest: buildDigest(
      entries.map((e) => e.data),
      taxonomy.value,
      settings.value.relatedCount,
    ),
  };
}

/** The whole site's data, computed once and shared by every page, feed and endpoint. */
export function getSite(): Promise<Site> {
  site ??= load();
  return site;
}
