import { extractLinks } from './links';
import type { DumpPaper } from './parse';
import type { Problem } from './problems';
import { PaperSchema, formatIssues, type Day, type Paper, type PaperTopic, type Sighting } from './schema';
import { IdAssigner } from './slug';

/** One parsed dump, named by its date. */
export interface DatedDump {
  date: Day;
  file: string;
  papers: readonly DumpPaper[];
}

/** Chooses topics for a paper from its title and abstract (the tagger, or nothing before tagging exists). */
export type Tagger = (paper: { title: string; abstract: string }) => PaperTopic[];

export interface MergeResult {
  papers: Paper[];
  problems: Problem[];
}

interface Accumulated {
  id: string;
  title: string;
  abstract: string;
  seen: Sighting[];
  file: string;
  line: number;
}

function pinned(slugs: readonly string[]): PaperTopic[] {
  return slugs.map((slug) => ({ slug, score: 0, evidence: ['set by hand'] }));
}

/**
 * Merges dumps (any order; processed oldest first) into paper records. A paper seen again keeps its id and
 * `firstSeen` and gains the date. Where `existing` holds a record with the same id, its title, abstract and
 * pinned topics are kept: they may be hand edits. Existing records that no dump mentions are kept as they are.
 */
export function mergeDumps(dumps: readonly DatedDump[], existing: ReadonlyMap<string, Paper>, tag: Tagger, papersDir = 'content/papers'): MergeResult {
  const problems: Problem[] = [];
  const ids = new IdAssigner();
  const byId = new Map<string, Accumulated>();
  const ordered = [...dumps].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  for (const dump of ordered) {
    for (const paper of dump.papers) {
      const id = ids.idFor(paper.title);
      const known = byId.get(id);
      if (known) {
        if (!known.seen.some((s) => s.date === dump.date)) known.seen.push({ date: dump.date, rank: paper.rank });
      } else {
        byId.set(id, { id, title: paper.title, abstract: paper.abstract, seen: [{ date: dump.date, rank: paper.rank }], file: dump.file, line: paper.line });
      }
    }
  }

  const papers: Paper[] = [];
  for (const acc of byId.values()) {
    const edited = existing.get(acc.id);
    const title = edited?.title ?? acc.title;
    const abstract = edited?.abstract ?? acc.abstract;
    const pinnedTopics = edited?.pinnedTopics;
    const candidate = {
      id: acc.id,
      title,
      abstract,
      firstSeen: acc.seen[0]!.date,
      seen: acc.seen,
      links: extractLinks(abstract),
      topics: pinnedTopics ? pinned(pinnedTopics) : tag({ title, abstract }),
      ...(pinnedTopics ? { pinnedTopics } : {}),
    };
    const result = PaperSchema.safeParse(candidate);
    if (result.success) papers.push(result.data);
    else
      problems.push({
        file: acc.file,
        line: acc.line,
        severity: 'error',
        message: `paper “${acc.title}” is not a valid record: ${formatIssues(result.error)}`,
      });
  }
  for (const [id, paper] of existing) {
    if (!byId.has(id)) {
      problems.push({ file: `${papersDir}/${id}.md`, line: 0, severity: 'note', message: 'is in no dump; kept as it is' });
      papers.push(paper);
    }
  }
  papers.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { papers, problems };
}
