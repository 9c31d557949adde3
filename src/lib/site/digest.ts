import { isoWeek, monthOf, type IsoWeek } from '../text/dates';
import type { Day, Paper } from '../schema';
import type { Taxonomy, Topic } from '../topics/taxonomy';

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

/** A week or a month of the digest: the papers first seen in it, each once. */
export interface PeriodGroup {
  /** `2026-W48` or `2026-11`. */
  key: string;
  /** The digest's days in the period, newest first. */
  days: Day[];
  /** Papers first seen in the period, newest first, then by rank. */
  papers: Paper[];
}

export interface WeekGroup extends PeriodGroup {
  week: IsoWeek;
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
  /** ISO weeks and calendar months with papers, newest first. */
  weeks: WeekGroup[];
  months: PeriodGroup[];
}

/** A paper's rank on one day's trending list; MAX_SAFE_INTEGER when it was not on it. */
export function rankOn(paper: Paper, date: Day): number {
  return paper.seen.find((s) => s.date === date)?.rank ?? Number.MAX_SAFE_INTEGER;
}

/** Newest first by first sighting, then by rank in that dump, then by id: one order used everywhere. */
export function compareNewestFirst(a: Paper, b: Paper): number {
  if (a.firstSeen !== b.firstSeen) return a.firstSeen < b.firstSeen ? 1 : -1;
  return rankOn(a, a.firstSeen) - rankOn(b, b.firstSeen) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Papers first seen on one day, in a list cut by first sighting; `start` is the number of its first (newest) paper. */
export interface FirstSeenRun<T> {
  date: Day;
  start: number;
  papers: T[];
}

/**
 * A list in `compareNewestFirst` order cut where the first-seen day changes, so a page says each day once, as a
 * heading, instead of on every paper. Papers are numbered from the oldest (a number stays with its paper as newer
 * ones come), so the list counts down: `first` is the number of its first, newest paper.
 */
export function runsByFirstSeen<T extends { firstSeen: Day }>(papers: readonly T[], first: number): FirstSeenRun<T>[] {
  const runs: FirstSeenRun<T>[] = [];
  papers.forEach((paper, i) => {
    const last = runs.at(-1);
    if (last?.date === paper.firstSeen) last.papers.push(paper);
    else runs.push({ date: paper.firstSeen, start: first - i, papers: [paper] });
  });
  return runs;
}

/**
 * Papers, topics, days, weeks and months arranged for the pages. Related papers are not here: they are the one part
 * that costs seconds, so the build makes them beside the pages (`relatedOfPapers`, src/data/site.ts).
 */
export function buildDigest(input: readonly Paper[], taxonomy: Taxonomy): Digest {
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
    weeks: periods(papers, dates, (d) => isoWeek(d).key).map((g) => ({ ...g, week: isoWeek(g.days[0]!) })),
    months: periods(papers, dates, monthOf),
    topics,
    topicBySlug: new Map(topics.map((g) => [g.topic.slug, g])),
    days,
  };
}

/** Papers grouped by the period of their first sighting, with the digest's days in each; newest period first. */
function periods(papers: readonly Paper[], dates: readonly Day[], keyOf: (day: Day) => string): PeriodGroup[] {
  const groups = new Map<string, PeriodGroup>();
  for (const date of dates) {
    const key = keyOf(date);
    if (!groups.has(key)) groups.set(key, { key, days: [], papers: [] });
    groups.get(key)!.days.push(date);
  }
  for (const paper of papers) groups.get(keyOf(paper.firstSeen))!.papers.push(paper);
  return [...groups.values()];
}

/** Papers grouped under their primary topic, in the taxonomy's order, papers with no topic last; empty groups left out. */
export function groupByPrimaryTopic(papers: readonly Paper[], topicOrder: readonly string[]): { slug: string | undefined; papers: Paper[] }[] {
  const groups = new Map<string | undefined, Paper[]>([...topicOrder.map((slug) => [slug, []] as [string, Paper[]]), [undefined, []]]);
  for (const paper of papers) {
    const slug = paper.topics[0]?.slug;
    (groups.get(slug) ?? groups.get(undefined)!).push(paper);
  }
  return [...groups].filter(([, list]) => list.length > 0).map(([slug, list]) => ({ slug, papers: list }));
}

/** What a day brought: papers seen there first, and papers trending again from an earlier day. */
export function dayNews(day: DayGroup): { fresh: Paper[]; returning: Paper[] } {
  return { fresh: day.papers.filter((p) => p.firstSeen === day.date), returning: day.papers.filter((p) => p.firstSeen !== day.date) };
}

/** Papers by their best rank on any day (the most trending first), then newest first. */
export function byBestRank(papers: readonly Paper[]): Paper[] {
  const best = (p: Paper) => Math.min(...p.seen.map((s) => s.rank));
  return [...papers].sort((a, b) => best(a) - best(b) || compareNewestFirst(a, b));
}

export interface TopicSection {
  slug: string | undefined;
  /** The topic's name, or the word for unsorted papers. */
  name: string;
  /** The id its section has on a page, for links to it (`#topic-codecs`, `#topic-unsorted`). */
  anchor: string;
  papers: Paper[];
}

/** Papers under their primary topic (as `groupByPrimaryTopic`), each group named and given its section's anchor. */
export function topicSections(papers: readonly Paper[], topics: readonly Topic[], unsortedName: string): TopicSection[] {
  const names = new Map(topics.map((t) => [t.slug, t.name]));
  return groupByPrimaryTopic(
    papers,
    topics.map((t) => t.slug),
  ).map((g) => ({ ...g, name: g.slug ? names.get(g.slug)! : unsortedName, anchor: `topic-${g.slug ?? 'unsorted'}` }));
}
