/**
 * Scores the tagger against hand labels: per-topic precision, recall and F1, micro and macro F1, primary-topic
 * accuracy, and the papers it gets wrong. A benchmark, not a test: it prints figures and exits 0.
 * Usage: npm run eval:topics [-- --labels FILE] [--dump FILE] [--quiet] [--cross-validate]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { crossValidateOrdering, evaluateTopics, parseLabels } from '../src/lib/eval';
import { decodeDump, parseDump } from '../src/lib/parse';
import { compileTaxonomy, scoreTopics, tagPaper } from '../src/lib/tag';
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
  --labels FILE   JSON array of {title, topics, primary} (default ../shared/eval/topics-dev.json)
  --dump FILE     the dump the labelled titles come from (default content/dumps/2026-11-26.txt)
  --quiet         figures only, not the list of papers it gets wrong
  --cross-validate
                  also check whether tuning the order of topics (each topic's primaryBias and
                  openingWeight) against these labels would carry over to papers it was not tuned on:
                  primary accuracy with settings fitted to all papers, and leave-one-out
  -h, --help      show this help`;

function main(argv: string[]): number {
  const { values } = parseArgs({
    args: argv,
    options: {
      labels: { type: 'string', default: '../shared/eval/topics-dev.json' },
      dump: { type: 'string', default: `${CONTENT.dumps}/2026-11-26.txt` },
      quiet: { type: 'boolean', default: false },
      'cross-validate': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const taxonomy = loadTaxonomyFile(CONTENT.topics);
  const compiled = compileTaxonomy(taxonomy);
  const decoded = decodeDump(readText(values.dump, 'dump'));
  if (!decoded.ok) throw new FatalError(`${values.dump} ${decoded.reason}.`);
  const labels = parseLabels(readText(values.labels, 'labels').toString('utf8'));
  if (!labels.ok) throw new FatalError(`${values.labels}: ${labels.message}`);
  const byTitle = new Map(parseDump(decoded.text, values.dump).papers.map((p) => [p.title, p]));
  const missing = labels.value.filter((l) => !byTitle.has(l.title));
  if (missing.length > 0) console.error(`${missing.length} labelled titles are not in ${values.dump}: ${missing.map((m) => m.title).join('; ')}`);
  const cases = labels.value
    .filter((l) => byTitle.has(l.title))
    .map((label) => ({ label, predicted: tagPaper(compiled, byTitle.get(label.title)!).map((t) => t.slug) }));
  if (cases.length === 0) throw new FatalError(`None of the labelled titles of ${values.labels} is in ${values.dump}.`);
  const report = evaluateTopics(
    cases,
    taxonomy.topics.map((t) => t.slug),
  );

  const pct = (x: number) => x.toFixed(3);
  console.log(
    `Papers: ${cases.length}   micro-F1 ${pct(report.micro.f1)} (P ${pct(report.micro.precision)}, R ${pct(report.micro.recall)})   macro-F1 ${pct(report.macroF1)}   primary accuracy ${pct(report.primaryAccuracy)}`,
  );
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
      cases.map(({ label, predicted }) => ({
        primary: label.primary,
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
