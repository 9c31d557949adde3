import matter from 'gray-matter';
import { PaperSchema, formatIssues, type Paper, type Validated } from './schema';

/**
 * The text of `content/papers/<id>.md`: YAML front matter in a fixed key order, then the abstract.
 * Deterministic, so re-running ingest over the same dumps changes no byte.
 */
export function serializePaper(paper: Paper): string {
  const { abstract, ...rest } = paper;
  const front: Record<string, unknown> = {
    id: rest.id,
    title: rest.title,
    firstSeen: rest.firstSeen,
    seen: rest.seen.map((s) => ({ date: s.date, rank: s.rank })),
    links: rest.links.map((l) => ({ url: l.url, kind: l.kind, label: l.label })),
    topics: rest.topics.map((t) => ({ slug: t.slug, score: t.score, evidence: t.evidence })),
  };
  if (rest.pinnedTopics) front['pinnedTopics'] = rest.pinnedTopics;
  return matter.stringify(`${abstract}\n`, front, { lineWidth: -1, noRefs: true } as matter.GrayMatterOption<string, never>);
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
  const data: unknown = parsed.data;
  const paper = PaperSchema.safeParse(typeof data === 'object' && data !== null ? { ...data, abstract: parsed.content.trim() } : data);
  return paper.success ? { ok: true, value: paper.data } : { ok: false, message: formatIssues(paper.error) };
}
