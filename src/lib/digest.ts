import { relatedPapers } from './related';
import type { Day, Paper } from './schema';
import type { Taxonomy, Topic } from './taxonomy';

export interface TopicGroup {
  topic: Topic;
  /** Papers with the topic, newest first, then by rank. */
  papers: Paper[];
}

export interface DayGroup {
  date: Day;
  /** Papers in that day's dump, in the dump's order. */
  papers: Paper[];
}

/** Everything the pages, feeds and search need, arranged once. */
export interface Digest {
  /** All papers, newest first (by first sighting), then by rank. */
  papers: Paper[];
  byId: Map<string, Paper>;
  topics: TopicGroup[];
  topicBySlug: Map<string, TopicGroup>;
  /** Days, newest first. */
  days: DayGroup[];
  /** Ids of the most similar papers, by paper id. */
  related: Map<string, string[]>;
}

function rankOn(paper: Paper, date: Day): number {
  return paper.seen.find((s) => s.date === date)?.rank ?? Number.MAX_SAFE_INTEGER;
}

/** Newest first by first sighting, then by rank in that dump, then by id: one order used everywhere. */
export function compareNewestFirst(a: Paper, b: Paper): number {
  if (a.firstSeen !== b.firstSeen) return a.firstSeen < b.firstSeen ? 1 : -1;
  return rankOn(a, a.firstSeen) - rankOn(b, b.firstSeen) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function buildDigest(input: readonly Paper[], taxonomy: Taxonomy, relatedCount = 5): Digest {
  const papers = [...input].sort(compareNewestFirst);
  const byId = new Map(papers.map((p) => [p.id, p]));
  const topics = taxonomy.topics.map((topic) => ({ topic, papers: papers.filter((p) => p.topics.some((t) => t.slug === topic.slug)) }));
  const dates = [...new Set(papers.flatMap((p) => p.seen.map((s) => s.date)))].sort().reverse();
  const byDate = new Map<Day, Paper[]>(dates.map((d) => [d, []]));
  for (const paper of papers) for (const s of paper.seen) byDate.get(s.date)!.push(paper);
  const days = dates.map((date) => ({ date, papers: byDate.get(date)!.sort((a, b) => rankOn(a, date) - rankOn(b, date)) }));
  return {
    papers,
    byId,
    topics,
    topicBySlug: new Map(topics.map((g) => [g.topic.slug, g])),
    days,
    related: relatedPapers(papers, { k: relatedCount }),
  };
}
