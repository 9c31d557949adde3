import { z } from 'astro/zod';

/** A calendar day, `YYYY-MM-DD`, as dump files are named. Kept as a string so YAML and feeds never shift it by a time zone. */
export const DaySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date written YYYY-MM-DD' })
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), {
    error: 'is not a real calendar date',
  });
export type Day = z.infer<typeof DaySchema>;

/** A lowercase slug: a-z and 0-9 in words joined by single hyphens. Paper ids and topic slugs alike. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** An arXiv identifier without version: new style (`2401.01234`) or old style (`hep-th/9901001`, `math.GT/0309136`). */
export const ARXIV_ID = /^(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?\/\d{7})$/;

/** One appearance of a paper in one dump. */
export const SightingSchema = z.object({
  /** The dump's date (its file name). */
  date: DaySchema,
  /** 1-based position of the paper in that dump, after duplicates are removed. */
  rank: z.int().positive(),
});
export type Sighting = z.infer<typeof SightingSchema>;

/** A URL found in the abstract. */
export const LinkSchema = z.object({
  /** Absolute http(s) URL, trailing sentence punctuation removed. */
  url: z.url({ protocol: /^https?$/ }),
  /** `code` for source hosts (GitHub, GitLab, …), `project` for any other page. */
  kind: z.enum(['code', 'project']),
  /** Short human label, e.g. `github.com/owner/repo` or the host name. */
  label: z.string().min(1),
});
export type Link = z.infer<typeof LinkSchema>;

/** A topic assigned to a paper by the tagger (or by hand), with the reasons for it. */
export const PaperTopicSchema = z.object({
  /** Slug of a topic in `content/topics.yaml`. */
  slug: z.string().regex(SLUG_PATTERN),
  /** Tagger score (unitless, higher is more central); 0 when set by hand. */
  score: z.number().nonnegative(),
  /** Phrases from the title or abstract that earned the tag; `["set by hand"]` for pinned topics. */
  evidence: z.array(z.string()),
});
export type PaperTopic = z.infer<typeof PaperTopicSchema>;

/**
 * The front matter of `content/papers/<id>.md`. The abstract is the file's body.
 * This is the single definition of a paper record: the scripts and the site's build both use it.
 */
export const PaperFrontMatterSchema = z.object({
  /** Stable, readable slug from the title; the file name and the URL segment. */
  id: z.string().regex(SLUG_PATTERN, { error: 'must be a lowercase slug (a-z, 0-9, single hyphens)' }),
  /** The title as written in the dump (whitespace normalised). */
  title: z.string().trim().min(1, { error: 'must not be empty' }),
  /** The first dump date the paper appeared in. */
  firstSeen: DaySchema,
  /** Every dump the paper appeared in, oldest first. */
  seen: z.array(SightingSchema).min(1),
  /** Links found in the abstract, in order of appearance, without duplicates. Default: none. */
  links: z.array(LinkSchema).default([]),
  /** Topics, most central first (the first is the primary topic); 1 to 4 once tagged. Default: none (untagged). */
  topics: z.array(PaperTopicSchema).max(4).default([]),
  /** Topic slugs set by hand; when present they replace the tagger's choice on every ingest. */
  pinnedTopics: z.array(z.string()).min(1).max(4).optional(),
  /**
   * The paper's arXiv identifier, without version (`2401.01234`, or `hep-th/9901001` for old papers): found in the
   * dump's text at ingest, looked up by `digest enrich`, or set by hand. Never overwritten once set. Default: none.
   */
  arxivId: z.string().regex(ARXIV_ID, { error: 'must be an arXiv identifier such as 2401.01234, without version' }).optional(),
  /** The authors, in the paper's order (from `digest enrich`, or by hand). Default: none known. */
  authors: z.array(z.string().trim().min(1)).min(1).optional(),
  /** The day the paper's first version was published on arXiv (from `digest enrich`, or by hand). Default: unknown. */
  published: DaySchema.optional(),
  /** The paper's primary arXiv category, such as `cs.LG` (from `digest enrich`, or by hand). Default: unknown. */
  arxivCategory: z
    .string()
    .regex(/^[a-z-]+(?:\.[A-Za-z-]+)?$/, { error: 'must be an arXiv category such as cs.LG' })
    .optional(),
});
export type PaperFrontMatter = z.infer<typeof PaperFrontMatterSchema>;

/** A complete paper record: front matter plus the abstract. */
export const PaperSchema = PaperFrontMatterSchema.extend({
  /** The abstract as written in the dump (whitespace normalised), plain text with LaTeX-ish fragments. */
  abstract: z.string().trim().min(1, { error: 'must not be empty' }),
});
export type Paper = z.infer<typeof PaperSchema>;

/** Where an issue is, in words: by default its field's path (`topics.0.slug`); each file format names its own places. */
export type IssuePlace = (path: readonly PropertyKey[]) => string;

const fieldPath: IssuePlace = (path) => path.map(String).join('.');

/**
 * The one way zod issues become words: `place: message` for each issue (just the message where the place is
 * empty). Paper files, the taxonomy, site settings and labels files differ only in how they name a place.
 */
export function issueMessages(error: z.ZodError, place: IssuePlace = fieldPath): string[] {
  return error.issues.map((issue) => {
    const where = place(issue.path);
    return where ? `${where}: ${issue.message}` : issue.message;
  });
}

/** Zod issues as one line: `field: message; field: message`. */
export function formatIssues(error: z.ZodError, place: IssuePlace = fieldPath): string {
  return issueMessages(error, place).join('; ');
}

export type Validated<T> = { ok: true; value: T } | { ok: false; message: string };
