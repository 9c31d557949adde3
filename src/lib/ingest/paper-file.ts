import matter from 'gray-matter';
import { PaperFrontMatterSchema, PaperSchema, formatIssues, type Paper, type Validated } from '../schema';

/**
 * The text of `content/papers/<id>.md`: YAML front matter with the schema's fields in the schema's order, then the
 * abstract. Derived from the schema, so a new field is written without touching this function; deterministic, so
 * re-running ingest over the same dumps changes no byte.
 */
export function serializePaper(paper: Paper): string {
  // Parsing puts every nested object's keys in its schema's order too, whatever order the caller built them in.
  const { abstract, ...rest } = PaperSchema.parse(paper);
  const front: Record<string, unknown> = {};
  for (const key of Object.keys(PaperFrontMatterSchema.shape) as (keyof typeof rest)[]) if (rest[key] !== undefined) front[key] = rest[key];
  return matter.stringify(`${abstract}\n`, front, { lineWidth: -1, noRefs: true } as matter.GrayMatterOption<string, never>);
}

/**
 * A hand edit may write `firstSeen: 2026-11-26` without quotes, which YAML reads as a timestamp at midnight UTC.
 * It means the day, so every timestamp in the front matter becomes its `YYYY-MM-DD` again.
 */
function datesAsDays(value: unknown): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? value : value.toISOString().slice(0, 10);
  if (Array.isArray(value)) return value.map(datesAsDays);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, datesAsDays(v)]));
  return value;
}

/** Reads a paper file back into a validated record, or one readable message naming the bad field. */
export function parsePaperFile(text: string): Validated<Paper> {
  let parsed: matter.GrayMatterFile<string>;
  try {
    // Passing options turns off gray-matter's global cache, which would hold every file in memory.
    parsed = matter(text, { excerpt: false });
  } catch (error) {
    return { ok: false, message: `front matter is not valid YAML (${error instanceof Error ? error.message.split('\n')[0] : String(error)})` };
  }
  const data: unknown = datesAsDays(parsed.data);
  if (typeof (data as { arxivId?: unknown }).arxivId === 'number')
    return { ok: false, message: "arxivId: write it in quotes (arxivId: '2401.01230'): without them YAML reads it as a number and drops trailing zeros" };
  const paper = PaperSchema.safeParse(typeof data === 'object' && data !== null ? { ...data, abstract: parsed.content.trim() } : data);
  return paper.success ? { ok: true, value: paper.data } : { ok: false, message: formatIssues(paper.error) };
}

/**
 * The hand-set topics of a paper file that are not topics of the taxonomy, each with the line it is written on
 * (1-based; the `pinnedTopics` line where the slug is not found on a line of its own).
 */
export function unknownPinnedTopics(text: string, paper: Paper, topics: ReadonlySet<string>): { line: number; slug: string }[] {
  const unknown = (paper.pinnedTopics ?? []).filter((slug) => !topics.has(slug));
  // Most papers pin nothing: their text is not split and searched (a tenth of reading 20,000 paper files).
  if (unknown.length === 0) return [];
  const lines = text.split('\n');
  const key = Math.max(
    0,
    lines.findIndex((l) => /^pinnedTopics\s*:/.test(l)),
  );
  return unknown.map((slug) => {
    const own = lines.findIndex((l, i) => i >= key && new RegExp(`(^|[\\s\\[,'"-])${slug.replace(/[^a-z0-9-]/g, '')}(?=$|[\\s\\],'"])`).test(l));
    return { line: (own >= 0 ? own : key) + 1, slug };
  });
}
