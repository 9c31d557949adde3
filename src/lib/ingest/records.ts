import { arxivIdIn } from './arxiv';
import { extractLinks } from './links';
import { titleKey } from './normalise';
import type { DumpPaper } from './parse';
import type { Problem } from './problems';
import { PaperSchema, formatIssues, type Day, type Paper, type PaperTopic, type Sighting } from '../schema';
import { baseSlug } from './slug';

/** One parsed dump, named by its date. A day may have several dumps (`2026-12-01.txt`, `2026-12-01.2.txt`, …). */
export interface DatedDump {
  date: Day;
  /** The dump's place among that day's dumps: 1 for `D.txt`, 2 for `D.2.txt`, … Default 1. */
  seq?: number;
  file: string;
  papers: readonly DumpPaper[];
}

/** Chooses topics for a paper from its title and abstract (the tagger, or nothing before tagging exists). */
export type Tagger = (paper: { title: string; abstract: string }) => PaperTopic[];

export interface MergeResult {
  papers: Paper[];
  problems: Problem[];
}

/** Where a paper's text was read: the dump file, its line, and the dump's date. */
interface Reading {
  title: string;
  abstract: string;
  date: Day;
  file: string;
  line: number;
}

/** Everything the dumps say about one paper (one title key), oldest reading first. */
interface Accumulated {
  key: string;
  seen: Sighting[];
  readings: Reading[];
}

function pinned(slugs: readonly string[]): PaperTopic[] {
  return slugs.map((slug) => ({ slug, score: 0, evidence: ['set by hand'] }));
}

function byDateThenSeq(a: DatedDump, b: DatedDump): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : (a.seq ?? 1) - (b.seq ?? 1);
}

function preview(title: string): string {
  return `“${title.length > 60 ? `${title.slice(0, 57)}…` : title}”`;
}

/**
 * Reads the dumps oldest first into one entry per paper. A day's later dumps count as the same day: a paper already
 * on that day keeps its rank, and one new to the day is ranked after the day's earlier papers.
 */
function accumulate(dumps: readonly DatedDump[]): { byKey: Map<string, Accumulated>; byDayRank: Map<string, string> } {
  const byKey = new Map<string, Accumulated>();
  const byDayRank = new Map<string, string>();
  const dayCount = new Map<string, number>();
  for (const dump of [...dumps].sort(byDateThenSeq)) {
    for (const paper of dump.papers) {
      const key = titleKey(paper.title);
      let acc = byKey.get(key);
      if (!acc) byKey.set(key, (acc = { key, seen: [], readings: [] }));
      acc.readings.push({ title: paper.title, abstract: paper.abstract, date: dump.date, file: dump.file, line: paper.line });
      if (acc.seen.some((s) => s.date === dump.date)) continue;
      const rank = (dayCount.get(dump.date) ?? 0) + 1;
      dayCount.set(dump.date, rank);
      acc.seen.push({ date: dump.date, rank });
      byDayRank.set(`${dump.date}#${rank}`, key);
    }
  }
  return { byKey, byDayRank };
}

/**
 * Which existing record is which paper. A record is matched by its title's key; a record whose title was edited by
 * hand is matched through its first sighting (the paper at that rank on that day) when its abstract or its id is that
 * paper's.
 * Each paper has one record at most.
 */
function claimRecords(
  existing: ReadonlyMap<string, Paper>,
  byKey: ReadonlyMap<string, Accumulated>,
  byDayRank: ReadonlyMap<string, string>,
): Map<string, Paper> {
  const claimed = new Map<string, Paper>();
  const unmatched: Paper[] = [];
  for (const record of existing.values()) {
    const key = titleKey(record.title);
    if (byKey.has(key) && !claimed.has(key)) claimed.set(key, record);
    else unmatched.push(record);
  }
  for (const record of unmatched) {
    const first = record.seen[0];
    const key = first && byDayRank.get(`${first.date}#${first.rank}`);
    // The same place on the same day is not enough: another paper may stand there now. Its abstract must agree, or
    // the record's id must have been made from its title.
    const readings = key === undefined ? [] : byKey.get(key)!.readings;
    const agrees = readings.some((r) => r.abstract === record.abstract || new RegExp(`^${baseSlug(r.title)}(?:-\\d+)?$`).test(record.id));
    if (key && !claimed.has(key) && agrees) claimed.set(key, record);
  }
  return claimed;
}

/**
 * Merges dumps (any order; processed oldest first) into paper records.
 *
 * Identity: two entries are the same paper when their titles have the same key (`titleKey`: case, spacing and
 * Unicode form aside). A record's id never changes once written: existing records keep theirs, whatever is ingested
 * later (older dumps included), and a new paper whose slug is taken gets `-2`, `-3`, … with a note naming both.
 *
 * Text: a record keeps its title (titles of one paper differ only in case or spacing, or were edited by hand). Its
 * abstract follows the newest dump that has the paper (a revised abstract replaces the old one, with a note), unless
 * the record's abstract matches none of the dumps' versions: then it was edited by hand and is kept. Pinned topics and any other field of an existing record are kept. Records no dump mentions are kept.
 */
export function mergeDumps(dumps: readonly DatedDump[], existing: ReadonlyMap<string, Paper>, tag: Tagger, papersDir = 'content/papers'): MergeResult {
  const problems: Problem[] = [];
  const { byKey, byDayRank } = accumulate(dumps);
  const claimed = claimRecords(existing, byKey, byDayRank);
  const taken = new Map<string, string>([...existing.values()].map((p) => [p.id, p.title]));
  const claimedIds = new Set([...claimed.values()].map((p) => p.id));

  const papers: Paper[] = [];
  for (const acc of byKey.values()) {
    const record = claimed.get(acc.key);
    const newest = acc.readings.at(-1)!;
    const first = acc.readings[0]!;
    let id = record?.id;
    if (!id) {
      const base = baseSlug(first.title);
      id = base;
      for (let n = 2; taken.has(id); n += 1) id = `${base}-${n}`;
      if (id !== base) {
        problems.push({
          file: first.file,
          line: first.line,
          severity: 'note',
          message: `${preview(first.title)} gets the id “${id}”: “${base}” is already ${preview(taken.get(base)!)}, a different paper`,
        });
      }
      taken.set(id, first.title);
    }
    // Titles with one key differ only in case or spacing: a record keeps the title it has (perhaps edited by hand).
    const title = record?.title ?? first.title;
    const handAbstract = record !== undefined && !acc.readings.some((r) => r.abstract === record.abstract);
    const abstract = handAbstract ? record.abstract : newest.abstract;
    if (record && !handAbstract && record.abstract !== abstract) {
      problems.push({
        file: newest.file,
        line: newest.line,
        severity: 'note',
        message: `the abstract of ${preview(title)} changed (a revised version?); the record now has this one`,
      });
    }
    const pinnedTopics = record?.pinnedTopics;
    const candidate = {
      ...record,
      id,
      title,
      abstract,
      firstSeen: acc.seen[0]!.date,
      seen: acc.seen,
      links: extractLinks(abstract),
      topics: pinnedTopics ? pinned(pinnedTopics) : tag({ title, abstract }),
      // An id written in the dump's text is the paper's; one already recorded (by enrich or by hand) stays.
      arxivId: record?.arxivId ?? arxivIdIn(`${title} ${abstract}`),
    };
    const result = PaperSchema.safeParse(candidate);
    if (result.success) papers.push(result.data);
    else
      problems.push({
        file: first.file,
        line: first.line,
        severity: 'error',
        message: `paper ${preview(first.title)} is not a valid record: ${formatIssues(result.error)}`,
      });
  }
  for (const [id, paper] of existing) {
    if (!claimedIds.has(id)) {
      problems.push({ file: `${papersDir}/${id}.md`, line: 0, severity: 'note', message: 'is in no dump; kept as it is' });
      papers.push(paper);
    }
  }
  papers.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { papers, problems };
}
