import { parse as parseYaml } from 'yaml';
import { z } from 'astro/zod';
import { SLUG_PATTERN, issueMessages } from '../schema';
import { foldWord } from '../text/words';

/** A word written in capitals in a rule (`CLIP`): at least two letters, none of them lower case. */
export const isCapitalsWord = (word: string): boolean => !/\p{Ll}/u.test(word) && (word.match(/\p{Lu}/gu) ?? []).length >= 2;

/**
 * A phrase of a rule as the tagger matches it: its words folded (`Codecs` → `codec`), except prefix patterns
 * (`quantiz*`), which are only lower-cased, with whether each word is such a pattern and whether it is written in
 * capitals (`CLIP`: it then matches only a word the text writes in capitals, the acronym and not “a video clip”).
 */
export function phraseWords(phrase: string): { words: string[]; wild: boolean[]; capitals: boolean[] } {
  const raw = phrase.split(/[\s-]+/).filter(Boolean);
  const wild = raw.map((w) => w.endsWith('*'));
  const bare = raw.map((w) => w.replace(/\*$/, ''));
  const words = bare.map((w, i) => (wild[i] ? w.toLowerCase() : foldWord(w.toLowerCase())));
  return { words, wild, capitals: bare.map(isCapitalsWord) };
}

/** The phrase as matched, as one string: two phrases with the same key find the same words. */
const phraseKey = (phrase: string): string => {
  const { words, wild } = phraseWords(phrase);
  return words.map((w, i) => (wild[i] ? `${w}*` : w)).join(' ');
};

/** One rule: phrases that, found in a paper, add `weight` to a topic's score (a negative weight takes away). */
export const RuleSchema = z.object({
  /**
   * Phrases, matched word by word after word forms are folded (case, plurals, British -ise/-isation).
   * A word ending in `*` matches any word it starts (`quantiz*`); a word written in capitals (`CLIP`) matches only
   * where the text writes it in capitals.
   */
  match: z.array(z.string().trim().min(1)).min(1),
  /** Points for each phrase found in the abstract; the title counts `settings.titleWeight` times as much. */
  weight: z.number().refine((w) => w !== 0, { error: 'must not be 0' }),
  /** Only the title counts for this rule when true (for words that are common in passing). Default: false. */
  titleOnly: z.boolean().default(false),
});
export type Rule = z.infer<typeof RuleSchema>;

/** A topic of the taxonomy: shown on its page and assigned by its rules. */
export const TopicSchema = z.object({
  /** URL segment and stable identifier. */
  slug: z.string().regex(SLUG_PATTERN, { error: 'must be a lowercase slug (a-z, 0-9, single hyphens)' }),
  /** Display name. */
  name: z.string().trim().min(1),
  /** One paragraph shown on the topic's page. */
  description: z.string().trim().min(1),
  /**
   * Multiplies the score when ordering a paper's topics (not when choosing them): below 1 for topics that are
   * usually an aspect of a paper rather than its subject (an encoder in a speech paper). Default 1.
   */
  primaryBias: z.number().positive().default(1),
  /** Score a paper needs for this topic; overrides `settings.threshold`. */
  threshold: z.number().positive().optional(),
  /**
   * Share of the best topic's score this topic needs; overrides `settings.relativeThreshold`. Lower for topics that
   * are an aspect of a paper (its encoder) rather than a rival subject, so a strong main subject does not hide them.
   */
  relativeThreshold: z.number().min(0).max(1).optional(),
  /** The rules that assign the topic. */
  rules: z.array(RuleSchema).min(1),
});
export type Topic = z.infer<typeof TopicSchema>;

export const TaxonomySettingsSchema = z.object({
  /** How many times a phrase in the title counts compared with one in the abstract. Default 3. */
  titleWeight: z.number().positive().default(3),
  /** Score a topic needs to be assigned, unless the topic sets its own. Default 4. */
  threshold: z.number().positive().default(4),
  /** A topic is kept only if it scores at least this share of the best topic's score (0–1). Default 0.3. */
  relativeThreshold: z.number().min(0).max(1).default(0.3),
  /** A topic scoring at least this is kept whatever the best topic scored (a strong second subject). Default 8. */
  strongScore: z.number().positive().default(8),
  /**
   * When ordering a paper's topics (not when choosing them), evidence in the abstract's opening sentence, which
   * usually names the paper's field, counts this many times more. 0 turns it off. Default 1.
   */
  openingWeight: z.number().min(0).default(1),
  /** At most this many topics per paper. Default 4. */
  maxTopics: z.int().min(1).max(4).default(4),
  /** Repeats of a phrase in the abstract beyond this add nothing. Default 3. */
  repeatCap: z.int().min(1).default(3),
});

/**
 * Subjects the taxonomy does not cover (weather, proteins, robots …). A paper whose title names one is about that
 * subject, with the taxonomy's methods as its tools: it gets a topic only if the topic scores at least `score`.
 */
export const OutsideSchema = z.object({
  /** Phrases naming such subjects, matched in titles as rules are. */
  match: z.array(z.string().trim().min(1)).min(1),
  /** The score a topic needs when the title names an outside subject. Default 16. */
  score: z.number().positive().default(16),
});

export const TaxonomySchema = z
  .object({
    settings: TaxonomySettingsSchema,
    /** Optional: without it, only the thresholds leave a paper unsorted. */
    outside: OutsideSchema.optional(),
    topics: z.array(TopicSchema).min(1),
  })
  .superRefine((taxonomy, ctx) => {
    const seen = new Set<string>();
    taxonomy.topics.forEach((topic, index) => {
      if (seen.has(topic.slug)) ctx.addIssue({ code: 'custom', path: ['topics', index, 'slug'], message: `“${topic.slug}” is used by two topics` });
      seen.add(topic.slug);
      // Two phrases of one rule that match the same words would count each mention twice (“llm” and “llms”).
      topic.rules.forEach((rule, r) => {
        const first = new Map<string, string>();
        rule.match.forEach((phrase, p) => {
          const key = phraseKey(phrase);
          const earlier = first.get(key);
          if (earlier === undefined) first.set(key, phrase);
          else
            ctx.addIssue({
              code: 'custom',
              path: ['topics', index, 'rules', r, 'match', p],
              message:
                earlier === phrase
                  ? `“${phrase}” is listed twice, so each mention would count twice: list it once`
                  : `“${phrase}” matches what “${earlier}” matches (word forms are folded), so each mention would count twice: list one`,
            });
        });
      });
    });
  });
export type Taxonomy = z.infer<typeof TaxonomySchema>;

/** Names a zod issue path the way a maintainer reads the file: `topic “codecs”, rules[2].weight`. */
function placeOf(path: readonly PropertyKey[], input: unknown): string {
  if (path[0] === 'topics' && typeof path[1] === 'number') {
    const topics = (input as { topics?: { slug?: unknown }[] } | null)?.topics;
    const slug = topics?.[path[1]]?.slug;
    const name = typeof slug === 'string' ? `topic “${slug}”` : `topic #${path[1] + 1}`;
    const rest = path
      .slice(2)
      .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
      .join('')
      .replace(/^\./, '');
    return rest ? `${name}, field ${rest}` : name;
  }
  return path.length ? `field ${path.map(String).join('.')}` : 'the file';
}

/** Parses and validates the taxonomy YAML. Errors name the topic and the field. */
export function parseTaxonomy(text: string): { ok: true; value: Taxonomy } | { ok: false; messages: string[] } {
  let input: unknown;
  try {
    input = parseYaml(text);
  } catch (error) {
    return { ok: false, messages: [`not valid YAML: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`] };
  }
  const result = TaxonomySchema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, messages: issueMessages(result.error, (path) => placeOf(path, input)) };
}
