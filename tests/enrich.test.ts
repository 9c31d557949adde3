/**
 * `digest enrich` against a local stand-in for the arXiv API (tests/arxiv-standin.ts): it resolves every paper the
 * stand-in knows, never takes the same-title impostor, survives a 503, a slow answer, malformed XML and an API error,
 * asks again only for what is unresolved, keeps hand edits, keeps what it resolved when killed, and the site built
 * from enriched papers links the paper, names its authors and carries citation tags, as deterministically as before.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePaperFile } from '../src/lib/ingest/paper-file';
import type { Paper } from '../src/lib/schema';
import { errorFeed, startStandin, type Behaviour, type StandinEntry } from './arxiv-standin';
import { ROOT, childEnv, scratchOutput } from './helpers';

const TSX = join(ROOT, 'node_modules/.bin/tsx');
const CLI = join(ROOT, 'scripts/digest.ts');
const ASTRO = join(ROOT, 'node_modules/.bin/astro');
const env = childEnv;

const CODEC_ABSTRACT = 'We train neural audio codecs on a million hours of speech and music, and we study how their quality scales with data and model size.';
const papers: [string, string][] = [
  ['Neural Audio Codecs at Scale', CODEC_ABSTRACT],
  ['Quantized Transformers Without Tears', 'We quantize transformer weights and activations to four bits with a new rounding scheme that needs no retraining.'],
  ['Malformed Answers Happen', 'A paper whose lookup the stand-in answers with broken XML. We study robustness.'],
  ['Busy Servers Retry Later', 'A paper whose lookup first meets a 503 with Retry-After. We propose patience.'],
  ['Slow Answers Need Timeouts', 'A paper whose lookup first answers too slowly. We present timeouts.'],
  ['A Paper Nobody Indexed', 'No service has this paper. We show it stays unresolved.'],
  ['Ids Written In The Text', 'Our code and paper are at https://huggingface.co/papers/2402.22222 and we present it.'],
  ['Errors From The API', 'The stand-in answers this lookup with an API error entry. We study errors.'],
];

const known = (id: string, title: string, summary: string, authors: string[]): StandinEntry => ({
  id,
  title,
  summary,
  authors,
  published: '2024-02-03',
  category: 'cs.SD',
});
const key = (title: string) => title.toLowerCase();

function behaviours(): Map<string, Behaviour> {
  return new Map<string, Behaviour>([
    [
      key(papers[0]![0]),
      {
        entries: [
          known('2301.99999', 'Neural Audio Codecs at Scale', 'A survey of image codecs for satellites, nothing about audio at all.', ['Ivan Impostor']),
          known('2401.11111', 'Neural Audio Codecs at Scale', CODEC_ABSTRACT, ['Ada Lovelace', 'Alan Turing']),
        ],
      },
    ],
    [key(papers[1]![0]), { entries: [known('2401.33333', 'Quantized Transformers without Tears', papers[1]![1], ['Grace Hopper'])] }],
    [key(papers[2]![0]), { raw: '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry><title>Broken' }],
    [key(papers[3]![0]), { busy: { times: 1, retryAfter: '1' }, entries: [known('2401.44444', papers[3]![0], papers[3]![1], ['Barbara Liskov'])] }],
    [key(papers[4]![0]), { slow: { times: 1, ms: 2500 }, entries: [known('2401.55555', papers[4]![0], papers[4]![1], ['Edsger Dijkstra'])] }],
    ['2402.22222', { entries: [known('2402.22222', papers[6]![0], papers[6]![1], ['Donald Knuth'])] }],
    [key(papers[7]![0]), { raw: errorFeed('query malformed') }],
  ]);
}

let work: string;
let content: string;
let standin: Awaited<ReturnType<typeof startStandin>>;

/** Runs enrich in a child process, asynchronously: the stand-in server answers from this process meanwhile. */
function enrich(args: string[] = []): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(TSX, [CLI, 'enrich', '--delay', '0.2', '--timeout', '1', ...args], {
      cwd: ROOT,
      env: env({ CONTENT_DIR: content, ARXIV_API_URL: standin.url }),
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

const record = (id: string): Paper => {
  const parsed = parsePaperFile(readFileSync(join(content, 'papers', `${id}.md`), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
};

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'digest-enrich-'));
  content = join(work, 'content');
  mkdirSync(content);
  cpSync(join(ROOT, 'content/topics.yaml'), join(content, 'topics.yaml'));
  cpSync(join(ROOT, 'content/site.yaml'), join(content, 'site.yaml'));
  const dump = join(work, 'dump.txt');
  writeFileSync(dump, papers.map(([t, a]) => `${t}\n${a}\n`).join(''));
  expect(spawnSync(TSX, [CLI, 'ingest', dump, '--date', '2026-11-26', '--quiet'], { cwd: ROOT, env: env({ CONTENT_DIR: content }) }).status).toBe(0);
  standin = await startStandin(behaviours());
});
afterAll(async () => {
  await standin.close();
  rmSync(work, { recursive: true, force: true });
});

describe('ids already in the text', () => {
  it('records an arXiv id written in the abstract at ingest, before any network', () => {
    expect(record('ids-written-in-the-text').arxivId).toBe('2402.22222');
    expect(record('a-paper-nobody-indexed').arxivId).toBeUndefined();
  });
});

describe('digest enrich', () => {
  let first: Awaited<ReturnType<typeof enrich>>;
  beforeAll(async () => {
    first = await enrich();
  }, 60_000);

  it('resolves every paper the service knows, and says what it could not', () => {
    expect(first.stderr).toContain('Resolved 5, ambiguous 0, not found 1, failed 2 (run enrich again to retry them).');
    expect(first.stderr).toMatch(/malformed-answers-happen\.md: error: “Malformed Answers Happen” could not be looked up: the answer is not well-formed XML/);
    expect(first.stderr).toMatch(
      /errors-from-the-api\.md: error: “Errors From The API” could not be looked up: the API answered with an error: query malformed/,
    );
    expect(first.code).toBe(1);
  });

  it('records the id, authors, first-published date and category, and never the same-title impostor', () => {
    expect(record('neural-audio-codecs-at-scale')).toMatchObject({
      arxivId: '2401.11111',
      authors: ['Ada Lovelace', 'Alan Turing'],
      published: '2024-02-03',
      arxivCategory: 'cs.SD',
    });
    expect(record('quantized-transformers-without-tears').arxivId).toBe('2401.33333');
    expect(record('ids-written-in-the-text').authors).toEqual(['Donald Knuth']);
  });

  it('survives a 503 with Retry-After and a slow answer by retrying', () => {
    expect(record('busy-servers-retry-later').arxivId).toBe('2401.44444');
    expect(record('slow-answers-need-timeouts').arxivId).toBe('2401.55555');
    const busy = standin.requests.filter((r) => r.query.get('search_query')?.includes('busy servers'));
    expect(busy).toHaveLength(2);
    expect(busy[1]!.at - busy[0]!.at).toBeGreaterThanOrEqual(950);
  });

  it('is polite: names itself, and leaves the delay between requests', () => {
    for (const r of standin.requests) expect(r.headers['user-agent']).toMatch(/^papers-digest\/\S+ \(/);
    const times = standin.requests.map((r) => r.at);
    // Measured where the requests arrive. The delay runs from the end of one answer, so the server sees at least the
    // 200 ms whatever the start-up or loopback jitter; a timer may fire a millisecond early.
    for (let i = 1; i < times.length; i += 1) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(198);
  });

  it('asks again only for papers still unresolved, and keeps a hand edit', async () => {
    const file = join(content, 'papers/a-paper-nobody-indexed.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('\nlinks:', "\narxivId: '2499.00001'\nlinks:"));
    standin.requests.length = 0;
    const again = await enrich();
    const asked = standin.requests.map((r) => r.query.get('id_list') ?? r.query.get('search_query'));
    expect(asked.sort()).toEqual(['2499.00001', 'ti:"errors from the api"', 'ti:"malformed answers happen"']);
    expect(again.stderr).toContain('Resolved 0, ambiguous 0, not found 1, failed 2');
    expect(record('a-paper-nobody-indexed').arxivId).toBe('2499.00001');
  }, 60_000);
});

describe('a killed enrich', () => {
  it('keeps every paper it had resolved', async () => {
    const fresh = join(work, 'killed');
    cpSync(content, fresh, { recursive: true });
    for (const name of readdirSync(join(fresh, 'papers'))) {
      const file = join(fresh, 'papers', name);
      writeFileSync(file, readFileSync(file, 'utf8').replace(/^(arxivId|authors|published|arxivCategory):.*\n(?: {2}- .*\n)*/gm, ''));
    }
    const child = spawn(TSX, [CLI, 'enrich', '--delay', '1.5'], {
      cwd: ROOT,
      env: env({ CONTENT_DIR: fresh, ARXIV_API_URL: standin.url }),
      detached: true,
      stdio: 'ignore',
    });
    // The first lookup (papers in id order: a-paper-nobody-indexed, then busy-servers-retry-later …) resolves at once.
    await new Promise((resolve) => setTimeout(resolve, 5000));
    process.kill(-child.pid!, 'SIGKILL');
    await new Promise((resolve) => child.on('close', resolve));
    const parsed = (id: string) => parsePaperFile(readFileSync(join(fresh, 'papers', `${id}.md`), 'utf8'));
    const resolved = readdirSync(join(fresh, 'papers')).filter((name) => readFileSync(join(fresh, 'papers', name), 'utf8').includes('\narxivId:'));
    expect(resolved.length).toBeGreaterThanOrEqual(1);
    expect(resolved.length).toBeLessThan(6);
    for (const name of readdirSync(join(fresh, 'papers'))) expect(parsed(name.replace(/\.md$/, '')).ok).toBe(true);
  }, 30_000);
});

describe('a site built from enriched papers', () => {
  let out: string;
  const build = (dir: string) =>
    spawnSync(ASTRO, ['build', '--silent'], { cwd: ROOT, env: env({ CONTENT_DIR: content, OUT_DIR: dir, SITE_URL: 'https://digest.test' }), encoding: 'utf8' });
  beforeAll(() => {
    out = join(scratchOutput('enrich-'), 'dist');
    expect(build(out).status).toBe(0);
  }, 120_000);
  afterAll(() => rmSync(dirname(out), { recursive: true, force: true }));

  it('names the authors, links the paper, and carries citation tags and BibTeX', () => {
    const page = readFileSync(join(out, 'papers/neural-audio-codecs-at-scale/index.html'), 'utf8');
    expect(page).toContain('<p class="authors">Ada Lovelace, Alan Turing</p>');
    expect(page).toContain('<a href="https://arxiv.org/abs/2401.11111">arXiv:2401.11111</a>');
    expect(page).toContain('<a href="https://arxiv.org/pdf/2401.11111">PDF</a>');
    expect(page).toContain('<a href="https://huggingface.co/papers/2401.11111">Hugging Face</a>');
    expect(page).toContain('Published on arXiv <time datetime="2024-02-03">3 February 2024</time>');
    for (const tag of [
      '<meta name="citation_title" content="Neural Audio Codecs at Scale">',
      '<meta name="citation_author" content="Ada Lovelace">',
      '<meta name="citation_author" content="Alan Turing">',
      '<meta name="citation_publication_date" content="2024/02/03">',
      '<meta name="citation_arxiv_id" content="2401.11111">',
      '<meta name="citation_pdf_url" content="https://arxiv.org/pdf/2401.11111">',
    ])
      expect(page).toContain(tag);
    expect(page).toContain('eprint = {2401.11111}');
  });

  it('lets a reader find every paper, resolved or not', () => {
    const page = readFileSync(join(out, 'papers/a-paper-nobody-indexed/index.html'), 'utf8');
    expect(page).toContain('href="https://arxiv.org/search/?query=A+Paper+Nobody+Indexed&amp;searchtype=title"');
    expect(page).toContain('href="https://scholar.google.com/scholar?q=%22A+Paper+Nobody+Indexed%22"');
  });

  it('names the authors and links the paper in every feed format', () => {
    const rss = readFileSync(join(out, 'rss.xml'), 'utf8');
    expect(rss).toContain('<dc:creator>Ada Lovelace</dc:creator>');
    expect(rss).toContain('<atom:link href="https://arxiv.org/abs/2401.11111" rel="related" type="text/html"/>');
    const atom = readFileSync(join(out, 'atom.xml'), 'utf8');
    expect(atom).toMatch(/<author>\s*<name>Alan Turing<\/name>\s*<\/author>/);
    expect(atom).toContain('<link href="https://arxiv.org/abs/2401.11111" rel="related" type="text/html"/>');
    const json = JSON.parse(readFileSync(join(out, 'feed.json'), 'utf8')) as { items: { url: string; authors?: { name: string }[]; external_url?: string }[] };
    const item = json.items.find((i) => i.url.endsWith('/neural-audio-codecs-at-scale/'))!;
    expect(item.authors).toEqual([{ name: 'Ada Lovelace' }, { name: 'Alan Turing' }]);
    expect(item.external_url).toBe('https://arxiv.org/abs/2401.11111');
  });

  it('builds byte-identical again', () => {
    const again = join(work, 'dist-again');
    expect(build(again).status).toBe(0);
    const files = readdirSync(out, { recursive: true, encoding: 'utf8' }).filter((f) => /\.\w+$/.test(f));
    expect(files.filter((f) => !readFileSync(join(out, f)).equals(readFileSync(join(again, f))))).toEqual([]);
  }, 120_000);
});
