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
  /** Which paper of the dumps each valid record is, for the next day's `mergeNewDumps`. */
  index: MergeIndex;
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
 * What a merge leaves for the next one, so that a new day's dumps can be merged without reading every dump and paper
 * file again (`mergeNewDumps`): which paper of the dumps each record is. One entry per record, in id order.
 */
export interface MergeIndex {
  records: IndexedRecord[];
}

export interface IndexedRecord {
  id: string;
  /** The title key of the dumps' paper this record is; null for a record no dump mentions. */
  claim: string | null;
  /** The record's own title key, where it is not `claim`: a title edited by hand, or a record no dump mentions. */
  titleKey?: string;
  /** Its abstract is none of the dumps' versions (edited by hand), so a newer version does not replace it. */
  hand?: true;
  /** For a record no dump mentions: the date of its first sighting, if it has one. */
  firstSeen?: Day;
}

/** One paper as the dumps read it: its sightings and readings (oldest first), merged over its record, if it has one. */
function mergedPaper(
  acc: { seen: readonly Sighting[]; readings: readonly Reading[] },
  record: Paper | undefined,
  id: string,
  hand: boolean,
  tag: Tagger,
): { candidate: unknown; note?: Problem } {
  const newest = acc.readings.at(-1)!;
  const first = acc.readings[0]!;
  // Titles with one key differ only in case or spacing: a record keeps the title it has (perhaps edited by hand).
  const title = record?.title ?? first.title;
  const abstract = hand ? record!.abstract : newest.abstract;
  const note: Problem | undefined =
    record && !hand && record.abstract !== abstract
      ? {
          file: newest.file,
          line: newest.line,
          severity: 'note',
          message: `the abstract of ${preview(title)} changed (a revised version?); the record now has this one`,
        }
      : undefined;
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
  return note ? { candidate, note } : { candidate };
}

/** The ids records have, with their titles (looked up only to name a paper whose slug another one wants). */
interface TakenIds {
  has(id: string): boolean;
  titleOf(id: string): string;
  add(id: string, title: string): void;
}

/** A new paper's id: its title's slug, or the first free `slug-N` with a note naming the paper that has the slug. */
function newId(first: Reading, taken: TakenIds, problems: Problem[]): string {
  const base = baseSlug(first.title);
  let id = base;
  for (let n = 2; taken.has(id); n += 1) id = `${base}-${n}`;
  if (id !== base) {
    problems.push({
      file: first.file,
      line: first.line,
      severity: 'note',
      message: `${preview(first.title)} gets the id “${id}”: “${base}” is already ${preview(taken.titleOf(base))}, a different paper`,
    });
  }
  taken.add(id, first.title);
  return id;
}

function invalid(first: Reading, error: Parameters<typeof formatIssues>[0]): Problem {
  return { file: first.file, line: first.line, severity: 'error', message: `paper ${preview(first.title)} is not a valid record: ${formatIssues(error)}` };
}

/** Records in id order; no two records share an id. */
const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : 1);

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
  const titles = new Map<string, string>([...existing.values()].map((p) => [p.id, p.title]));
  const taken: TakenIds = { has: (id) => titles.has(id), titleOf: (id) => titles.get(id)!, add: (id, title) => titles.set(id, title) };
  const claimedIds = new Set([...claimed.values()].map((p) => p.id));

  const papers: Paper[] = [];
  const index: IndexedRecord[] = [];
  for (const acc of byKey.values()) {
    const record = claimed.get(acc.key);
    const id = record?.id ?? newId(acc.readings[0]!, taken, problems);
    const hand = record !== undefined && !acc.readings.some((r) => r.abstract === record.abstract);
    const { candidate, note } = mergedPaper(acc, record, id, hand, tag);
    if (note) problems.push(note);
    const result = PaperSchema.safeParse(candidate);
    if (!result.success) {
      problems.push(invalid(acc.readings[0]!, result.error));
      continue;
    }
    papers.push(result.data);
    const key = titleKey(result.data.title);
    index.push({ id, claim: acc.key, ...(key !== acc.key && { titleKey: key }), ...(hand && { hand: true }) });
  }
  for (const [id, paper] of existing) {
    if (!claimedIds.has(id)) {
      problems.push({ file: `${papersDir}/${id}.md`, line: 0, severity: 'note', message: 'is in no dump; kept as it is' });
      papers.push(paper);
      index.push({ id, claim: null, titleKey: titleKey(paper.title), ...(paper.seen[0] && { firstSeen: paper.seen[0].date }) });
    }
  }
  papers.sort(byId);
  index.sort(byId);
  return { papers, problems, index: { records: index } };
}

export type NewDumpsMerge =
  | {
      ok: true;
      /** The records the new dumps change or add, in id order; every other record is as it was. */
      papers: Paper[];
      problems: Problem[];
      /** The index after the merge (every record: `records.length` is how many there are now). */
      index: MergeIndex;
    }
  | {
      ok: false;
      /** Why only a full merge (`mergeDumps`) can tell; one sentence. */
      reason: string;
    };

/**
 * Merges new days' dumps into records made by `mergeDumps` (or by this) from older dumps, reading only the records
 * the new dumps name: the same records, byte for byte, as `mergeDumps` over all dumps would give. `index` is that
 * merge's; `read` gives a record by id, as it was left; every new dump's date must be after every earlier dump's.
 * Where the result could differ from a full merge (a record whose title was edited by hand meets the new dumps, a
 * record no dump mentions would now be claimed, a record that would not be valid), it declines, saying why.
 */
export function mergeNewDumps(index: MergeIndex, dumps: readonly DatedDump[], read: (id: string) => Paper, tag: Tagger): NewDumpsMerge {
  const { byKey } = accumulate(dumps);
  const dates = new Set(dumps.map((d) => d.date));
  const byClaim = new Map<string, IndexedRecord>();
  const titleKeys = new Set<string>();
  for (const entry of index.records) {
    titleKeys.add(entry.titleKey ?? entry.claim!);
    if (entry.claim !== null) byClaim.set(entry.claim, entry);
    // A paper of the new day at its rank could claim it (`claimRecords`).
    else if (entry.firstSeen !== undefined && dates.has(entry.firstSeen))
      return { ok: false, reason: `${entry.id} is in no dump but was first seen on ${entry.firstSeen}, a new day` };
  }
  // Ids of the records, and of the papers this merge adds, with their titles.
  const added = new Map<string, string>();
  const ids = new Set(index.records.map((r) => r.id));
  const taken: TakenIds = {
    has: (id) => ids.has(id) || added.has(id),
    titleOf: (id) => added.get(id) ?? read(id).title,
    add: (id, title) => added.set(id, title),
  };
  const problems: Problem[] = [];
  const papers: Paper[] = [];
  const changed = new Map<string, IndexedRecord>();
  for (const acc of byKey.values()) {
    const entry = byClaim.get(acc.key);
    if (entry?.titleKey !== undefined) return { ok: false, reason: `${entry.id}, whose title was edited by hand, is in the new dumps` };
    if (!entry && titleKeys.has(acc.key)) return { ok: false, reason: 'a record no dump mentioned has the title of a paper in the new dumps' };
    const record = entry && read(entry.id);
    const id = record?.id ?? newId(acc.readings[0]!, taken, problems);
    const hand = entry?.hand === true && !acc.readings.some((r) => r.abstract === record!.abstract);
    // The new days come after every day the record was seen on.
    const seen = [...(record?.seen ?? []), ...acc.seen];
    const { candidate, note } = mergedPaper({ seen, readings: acc.readings }, record, id, hand, tag);
    if (note) problems.push(note);
    const result = PaperSchema.safeParse(candidate);
    if (!result.success) return { ok: false, reason: `${preview(acc.readings[0]!.title)} would not be a valid record` };
    papers.push(result.data);
    changed.set(id, { id, claim: acc.key, ...(hand && { hand: true }) });
  }
  const records = [...index.records.filter((r) => !changed.has(r.id)), ...changed.values()].sort(byId);
  papers.sort(byId);
  return { ok: true, papers, problems, index: { records } };
}
