/**
 * Scores the tagger against hand labels: per-topic precision, recall and F1, micro and macro F1, primary-topic
 * accuracy, and the papers it gets wrong. A benchmark, not a test: it prints figures and exits 0.
 * Usage: npm run eval:topics [-- --labels FILE] [--quiet]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { evaluateTopics, type LabelledPaper } from '../src/lib/eval';
import { decodeDump, parseDump } from '../src/lib/parse';
import { compileTaxonomy, tagPaper } from '../src/lib/tag';
import { loadTaxonomyFile } from './content-store';
import { stopQuietlyWhenOutputCloses } from './stdout';

stopQuietlyWhenOutputCloses();

const { values } = parseArgs({
  options: {
    labels: { type: 'string', default: '../shared/eval/topics-dev.json' },
    dump: { type: 'string', default: 'content/dumps/2026-11-26.txt' },
    quiet: { type: 'boolean', default: false },
  },
});

const taxonomy = loadTaxonomyFile('content/topics.yaml');
const compiled = compileTaxonomy(taxonomy);
const decoded = decodeDump(readFileSync(values.dump));
if (!decoded.ok) {
  console.error(`${values.dump} ${decoded.reason}`);
  process.exit(2);
}
const byTitle = new Map(parseDump(decoded.text, values.dump).papers.map((p) => [p.title, p]));
const labels = JSON.parse(readFileSync(values.labels, 'utf8')) as LabelledPaper[];
const missing = labels.filter((l) => !byTitle.has(l.title));
if (missing.length > 0) console.error(`${missing.length} labelled titles are not in ${values.dump}: ${missing.map((m) => m.title).join('; ')}`);
const cases = labels
  .filter((l) => byTitle.has(l.title))
  .map((label) => ({ label, predicted: tagPaper(compiled, byTitle.get(label.title)!).map((t) => t.slug) }));
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
