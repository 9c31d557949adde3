import { parse as parseYaml } from 'yaml';
import { z } from 'astro/zod';
import { RELATED_COUNT } from './related';
import { formatIssues } from '../schema';

/** `content/site.yaml`: the digest's name and the sizes of its lists. */
export const SiteSettingsSchema = z.object({
  /** The digest's name, in the header, titles and feeds. */
  title: z.string().trim().min(1),
  /** One sentence: the home page's meta description and the feeds' description. */
  description: z.string().trim().min(1),
  /**
   * Papers per topic page before it paginates. Default 50: a reader goes back through a topic in fewer steps, and a
   * five-year archive has fewer pages, each repeating the page's header and footer less often.
   */
  pageSize: z.int().min(5).max(500).default(50),
  /** Days of papers in the whole-digest feeds: every paper seen on the latest N days, however many. Default 3. */
  feedDays: z.int().min(1).max(60).default(3),
  /** Items in each topic's feed: its latest N papers, or all it has from the latest `feedDays` days if more. Default 50. */
  topicFeedItems: z.int().min(1).max(1000).default(50),
  /** Days (items) in the daily digest feed. Default 30. */
  dailyFeedDays: z.int().min(1).max(366).default(30),
  /** Related papers on a paper page. Default 5. */
  relatedCount: z.int().min(0).max(20).default(RELATED_COUNT),
  /** BCP 47 language of the site. Default `en`. */
  language: z.string().default('en'),
});
export type SiteSettings = z.infer<typeof SiteSettingsSchema>;

export function parseSiteSettings(text: string): { ok: true; value: SiteSettings } | { ok: false; message: string } {
  let input: unknown;
  try {
    input = parseYaml(text);
  } catch (error) {
    return { ok: false, message: `not valid YAML: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` };
  }
  const result = SiteSettingsSchema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, message: formatIssues(result.error, (path) => `field ${path.map(String).join('.') || '(root)'}`) };
}
