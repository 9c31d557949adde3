/**
 * Scores the tagger against hand labels: per-topic precision, recall and F1, micro and macro F1, primary-topic
 * accuracy, and the papers it gets wrong. A benchmark, not a test: it prints figures and exits 0.
 * Usage: npm run eval:topics [-- --labels FILE] [--dump FILE] [--quiet] [--cross-validate]
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  crossValidateOrdering,
  evaluateTopics,
  fitOrdering,
  parseLabels,
  primaryUnder,
  scoreRelated,
  type EvaluationReport,
  type LabelledPaper,
} from '../src/lib/topics/eval';
import { RELATED_FLOOR, relatedPapers, type RelatedOptions } from '../src/lib/site/related';
import { decodeDump, parseDump, type DumpPaper } from '../src/lib/ingest/parse';
import type { Taxonomy } from '../src/lib/topics/taxonomy';
import { compileTaxonomy, scoreTopics, tagPaper } from '../src/lib/topics/tag';
import { CONTENT, FatalError, loadTaxonomyFile } from '../src/store/content-store';
import { runCommand } from './cli';

function readText(file: string, what: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new FatalError(`${file}: cannot read the ${what} (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
  }
}

const HELP = `Scores the tagger (content/topics.yaml) against hand labels and prints precision, recall and F1 per topic,
micro and macro F1, primary-topic accuracy and the papers it gets wrong. A benchmark: it exits 0 whatever the scores.

Usage: npm run eval:topics [-- options]

Options:
  --labels FILE   JSON array of {title, topics, primary} (default eval/topics-seed.json; topics [] and
                  primary null mark a paper outside the taxonomy)
  --dump FILE     the dump the labelled titles come from (default: every dump in content/dumps/, in eval/
                  and beside the labels file, so ../shared/eval/topics-extra.json finds papers-extra.txt)
  --quiet         figures only, not the list of papers it gets wrong
  --cross-validate
                  also check whether tuning the order of topics (each topic's primaryBias and
                  openingWeight) against these labels would carry over to papers it was not tuned on:
                  primary accuracy with settings fitted to all papers, and leave-one-out
  --cross-file    fit the global threshold and relativeThreshold on one labels file and score on the
                  other (the bundled dump's eval/topics-seed.json and eval/topics-extra.json with
                  eval/papers-extra.txt), both ways, beside the in-sample figures and the range over
                  every setting within 0.002 of the best in-sample (a near tie); then the same for
                  the order of topics (primaryBias and openingWeight) and primary accuracy
  --related       score related papers on both labels files: the share of links between papers whose
                  labels share no topic, and the similarity floor fitted on one file, checked on the other
  -h, --help      show this help`;

interface LabelSet {
  name: string;
  papers: { label: LabelledPaper; paper: DumpPaper }[];
}

/** The dumps a labels file's titles may come from: the digest's own, the project's eval dumps, and any beside the file. */
function knownDumps(labels: string): string[] {
  const dumpsIn = (dir: string) => {
    try {
      return readdirSync(dir)
        .filter((name) => name.endsWith('.txt'))
        .sort()
        .map((name) => join(dir, name));
    } catch {
      return [];
    }
  };
  return [...new Set([...dumpsIn(CONTENT.dumps), ...dumpsIn('eval'), ...dumpsIn(dirname(labels))])];
}

function labelSet(name: string, labelsFile: string, dumpFile: string): LabelSet {
  const decoded = decodeDump(readText(dumpFile, 'dump'));
  if (!decoded.ok) throw new FatalError(`${dumpFile} ${decoded.reason}.`);
  const labels = parseLabels(readText(labelsFile, 'labels').toString('utf8'));
  if (!labels.ok) throw new FatalError(`${labelsFile}: ${labels.message}`);
  const byTitle = new Map(parseDump(decoded.text, dumpFile).papers.map((p) => [p.title, p]));
  return { name, papers: labels.value.filter((l) => byTitle.has(l.title)).map((label) => ({ label, paper: byTitle.get(label.title)! })) };
}

function scoreWith(taxonomy: Taxonomy, set: LabelSet): EvaluationReport {
  const compiled = compileTaxonomy(taxonomy);
  return evaluateTopics(
    set.papers.map(({ label, paper }) => ({ label, predicted: tagPaper(compiled, paper).map((t) => t.slug) })),
    taxonomy.topics.map((t) => t.slug),
  );
}

/** In-sample micro-F1 closer than this to the best is a tie: about one tag decision of the 330 or so in a labels file. */
const NEAR_TIE = 0.002;

/** Fits the global threshold and relativeThreshold on one file, scores on the other, both ways. */
function crossFile(taxonomy: Taxonomy): number {
  const sets = [
    labelSet('seed', 'eval/topics-seed.json', `${CONTENT.dumps}/2026-11-26.txt`),
    labelSet('extra', 'eval/topics-extra.json', 'eval/papers-extra.txt'),
  ];
  const grid = [2, 3, 4, 5, 6].flatMap((threshold) => [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5].map((relativeThreshold) => ({ threshold, relativeThreshold })));
  const withSettings = (g: (typeof grid)[number]): Taxonomy => ({ ...taxonomy, settings: { ...taxonomy.settings, ...g } });
  const pct = (x: number) => x.toFixed(3);
  const line = (r: EvaluationReport) =>
    `micro-F1 ${pct(r.micro.f1)} (P ${pct(r.micro.precision)})  primary ${pct(r.primaryAccuracy)}  off-taxonomy given a topic ${r.offTaxonomy.givenATopic} of ${r.offTaxonomy.papers}`;
  console.log('As content/topics.yaml is:');
  for (const set of sets) console.log(`  ${set.name.padEnd(6)} (${set.papers.length} papers)  ${line(scoreWith(taxonomy, set))}`);
  console.log('\nFitted on one file (global threshold and relativeThreshold, grid search for micro-F1), scored on the other:');
  for (const [fit, test] of [sets, [...sets].reverse()] as [LabelSet, LabelSet][]) {
    const inSample = grid.map((g) => ({ g, report: scoreWith(withSettings(g), fit) }));
    const best = inSample.reduce((a, b) => (b.report.micro.f1 > a.report.micro.f1 ? b : a));
    const onTest = scoreWith(withSettings(best.g), test);
    console.log(`  fit on ${fit.name}: threshold ${best.g.threshold}, relativeThreshold ${best.g.relativeThreshold}`);
    console.log(`    in-sample  (${fit.name.padEnd(5)}) ${line(best.report)}`);
    console.log(`    cross-file (${test.name.padEnd(5)}) ${line(onTest)}`);
    // The best point can win by a single tag decision; the settings as good as it in-sample show how far the choice matters.
    const near = inSample
      .filter((x) => x.report.micro.f1 >= best.report.micro.f1 - NEAR_TIE)
      .map((x) => (x === best ? onTest : scoreWith(withSettings(x.g), test)).micro.f1);
    const mean = near.reduce((a, b) => a + b, 0) / near.length;
    console.log(
      `    the ${near.length === 1 ? 'one setting' : `${near.length} settings`} within ${NEAR_TIE} of the best in-sample: cross-file micro-F1 ${pct(Math.min(...near))}–${pct(Math.max(...near))} (mean ${pct(mean)})`,
    );
  }
  const compiled = compileTaxonomy(taxonomy);
  const ordering = (set: LabelSet) =>
    set.papers
      .filter(({ label }) => label.primary !== null)
      .map(({ label, paper }) => {
        const chosen = tagPaper(compiled, paper).map((t) => t.slug);
        return { primary: label.primary!, chosen: scoreTopics(compiled, paper).filter((s) => chosen.includes(s.slug)) };
      });
  const start = { primaryBias: Object.fromEntries(taxonomy.topics.map((t) => [t.slug, t.primaryBias])), openingWeight: taxonomy.settings.openingWeight };
  const right = (cases: ReturnType<typeof ordering>, settings: typeof start) =>
    pct(cases.filter((c) => primaryUnder(c, settings) === c.primary).length / cases.length);
  console.log("\nThe order of topics fitted on one file (each topic's primaryBias and openingWeight, coordinate search), scored on the other:");
  for (const [fit, test] of [sets, [...sets].reverse()] as [LabelSet, LabelSet][]) {
    const [fitCases, testCases] = [ordering(fit), ordering(test)];
    const fitted = fitOrdering(fitCases, start);
    console.log(
      `  fit on ${fit.name}: primary in-sample ${right(fitCases, fitted)}, cross-file (${test.name}) ${right(testCases, fitted)} (as the file is: ${right(testCases, start)})`,
    );
  }
  return 0;
}

/**
 * Related papers judged by hand labels: what share of links join papers whose labels share no topic, before the
 * floor and topic filter (words alone) and after, with the floor fitted on one file and checked on the other.
 */
function related(taxonomy: Taxonomy): number {
  const compiled = compileTaxonomy(taxonomy);
  const sets = [
    labelSet('seed', 'eval/topics-seed.json', `${CONTENT.dumps}/2026-11-26.txt`),
    labelSet('extra', 'eval/topics-extra.json', 'eval/papers-extra.txt'),
  ];
  const figures = (set: LabelSet, options: RelatedOptions, withTopics: boolean) => {
    const docs = set.papers.map(({ paper }) => ({
      id: paper.title,
      title: paper.title,
      abstract: paper.abstract,
      topics: withTopics ? tagPaper(compiled, paper).map((t) => t.slug) : [],
    }));
    return scoreRelated(relatedPapers(docs, options), new Map(set.papers.map(({ label }) => [label.title, label.topics])));
  };
  const line = (f: ReturnType<typeof figures>) =>
    `${f.links} links, ${((100 * f.offTopic) / Math.max(1, f.links)).toFixed(1)}% off topic by the labels, ${f.withNone} of ${f.papers} papers with none`;
  console.log('Related papers (5 at most), judged by hand labels:');
  for (const set of sets) {
    console.log(`  ${set.name}: words alone, no floor   ${line(figures(set, { floor: 0, unsortedFloor: 0 }, false))}`);
    console.log(`  ${set.name}: as built (floor ${RELATED_FLOOR})    ${line(figures(set, {}, true))}`);
  }
  const floors = [0, 0.025, 0.05, 0.075, 0.1, 0.125, 0.15, 0.2, 0.25];
  for (const set of sets) for (const floor of floors) console.log(`  ${set.name} floor ${floor}: ${line(figures(set, { floor }, true))}`);
  console.log('\nThe floor fitted on one file (the lowest that keeps off-topic links at 10% or under, the goal), checked on the other:');
  for (const [fit, test] of [sets, [...sets].reverse()] as [LabelSet, LabelSet][]) {
    const chosen =
      floors.find((floor) => {
        const f = figures(fit, { floor }, true);
        return f.offTopic / Math.max(1, f.links) <= 0.1;
      }) ?? floors.at(-1)!;
    console.log(`  fit on ${fit.name}: floor ${chosen}   cross-file (${test.name}) ${line(figures(test, { floor: chosen }, true))}`);
  }
  return 0;
}

function main(argv: string[]): number {
  const { values } = parseArgs({
    args: argv,
    options: {
      labels: { type: 'string', default: 'eval/topics-seed.json' },
      dump: { type: 'string' },
      quiet: { type: 'boolean', default: false },
      'cross-validate': { type: 'boolean', default: false },
      'cross-file': { type: 'boolean', default: false },
      related: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const taxonomy = loadTaxonomyFile(CONTENT.topics);
  if (values['cross-file']) return crossFile(taxonomy);
  if (values.related) return related(taxonomy);
  const compiled = compileTaxonomy(taxonomy);
  const dumps = values.dump ? [values.dump] : knownDumps(values.labels);
  const byTitle = new Map<string, DumpPaper>();
  for (const file of dumps) {
    const decoded = decodeDump(readText(file, 'dump'));
    if (!decoded.ok) throw new FatalError(`${file} ${decoded.reason}.`);
    for (const p of parseDump(decoded.text, file).papers) if (!byTitle.has(p.title)) byTitle.set(p.title, p);
  }
  const labels = parseLabels(readText(values.labels, 'labels').toString('utf8'));
  if (!labels.ok) throw new FatalError(`${values.labels}: ${labels.message}`);
  const where = dumps.length === 1 ? dumps[0]! : `any of ${dumps.length} dumps (${dumps.join(', ')})`;
  const missing = labels.value.filter((l) => !byTitle.has(l.title));
  if (missing.length > 0) {
    const shown = missing.slice(0, 5).map((m) => m.title);
    const more = missing.length > shown.length ? ` and ${missing.length - shown.length} more` : '';
    console.error(`${missing.length} labelled titles are not in ${where}: ${shown.join('; ')}${more}`);
  }
  const cases = labels.value
    .filter((l) => byTitle.has(l.title))
    .map((label) => ({ label, predicted: tagPaper(compiled, byTitle.get(label.title)!).map((t) => t.slug) }));
  if (cases.length === 0) throw new FatalError(`None of the labelled titles of ${values.labels} is in ${where}.`);
  const report = evaluateTopics(
    cases,
    taxonomy.topics.map((t) => t.slug),
  );

  const pct = (x: number) => x.toFixed(3);
  console.log(
    `Papers: ${cases.length}   micro-F1 ${pct(report.micro.f1)} (P ${pct(report.micro.precision)}, R ${pct(report.micro.recall)})   macro-F1 ${pct(report.macroF1)}   primary accuracy ${pct(report.primaryAccuracy)}`,
  );
  console.log(`Papers outside the taxonomy given a topic: ${report.offTaxonomy.givenATopic} of ${report.offTaxonomy.papers}`);
  console.log('');
  console.log('topic                      gold  pred    P      R      F1');
  for (const t of report.perTopic) {
    console.log(`${t.slug.padEnd(26)} ${String(t.gold).padStart(4)}  ${String(t.predicted).padStart(4)}  ${pct(t.precision)}  ${pct(t.recall)}  ${pct(t.f1)}`);
  }
  if (!values.quiet) {
    console.log('\nPapers with a wrong topic set or primary:');
    for (const c of report.errors) {
      console.log(`- ${c.title}\n    gold ${c.gold.join(', ')}   got ${c.predicted.join(', ')}`);
    }
  }
  if (values['cross-validate']) {
    const check = crossValidateOrdering(
      cases
        .filter((c) => c.label.primary !== null)
        .map(({ label, predicted }) => ({
          primary: label.primary!,
          chosen: scoreTopics(compiled, byTitle.get(label.title)!).filter((s) => predicted.includes(s.slug)),
        })),
      { primaryBias: Object.fromEntries(taxonomy.topics.map((t) => [t.slug, t.primaryBias])), openingWeight: taxonomy.settings.openingWeight },
    );
    const line = (what: string, right: number) => `  ${what.padEnd(46)} ${pct(right / check.papers)}  (${right} of ${check.papers})`;
    console.log('\nPrimary accuracy when the order is tuned to these labels (primaryBias and openingWeight, coordinate search):');
    console.log(line('with the values in content/topics.yaml', check.current));
    console.log(line('fitted to all the labelled papers', check.fitted));
    console.log(line('each paper held out of the fit (leave-one-out)', check.heldOut));
  }
  return 0;
}

runCommand(main, '--help');
