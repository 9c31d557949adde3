/**
 * A local stand-in for the arXiv API, answering in the format of its user manual (section 3.3 and the example
 * response there): an Atom feed with OpenSearch totals, entries with a versioned `<id>`, a title broken over lines,
 * a summary with leading spaces, authors, links and `arxiv:primary_category`. It also misbehaves on request: a 503
 * with Retry-After, an answer slower than the client's timeout, malformed XML, an API error entry.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';

export interface StandinEntry {
  id: string;
  title: string;
  summary: string;
  authors: string[];
  published: string;
  category: string;
}

export interface Behaviour {
  /** Entries for a title search or an id. */
  entries?: StandinEntry[];
  /** Answer the first N requests with 503 and this Retry-After (seconds). */
  busy?: { times: number; retryAfter: string };
  /** Hold the first N answers this many milliseconds. */
  slow?: { times: number; ms: number };
  /** Answer with this body as it is (malformed XML, an error feed). */
  raw?: string;
}

export interface Request {
  at: number;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Breaks a title over lines as the API does, with two spaces of indentation. */
const wrapped = (title: string) => title.replace(/(.{40,}?) /, '$1\n  ');

export function atomFeed(query: string, entries: readonly StandinEntry[]): string {
  const items = entries
    .map(
      (e) => `  <entry>
    <id>http://arxiv.org/abs/${e.id}v2</id>
    <updated>${e.published}T17:48:27Z</updated>
    <published>${e.published}T09:00:00Z</published>
    <title>${escape(wrapped(e.title))}</title>
    <summary>  ${escape(e.summary)}
</summary>
${e.authors.map((a) => `    <author>\n      <name>${escape(a)}</name>\n    </author>`).join('\n')}
    <arxiv:comment xmlns:arxiv="http://arxiv.org/schemas/atom">10 pages</arxiv:comment>
    <link href="http://arxiv.org/abs/${e.id}v2" rel="alternate" type="text/html"/>
    <link title="pdf" href="http://arxiv.org/pdf/${e.id}v2" rel="related" type="application/pdf"/>
    <arxiv:primary_category xmlns:arxiv="http://arxiv.org/schemas/atom" term="${e.category}" scheme="http://arxiv.org/schemas/atom"/>
    <category term="${e.category}" scheme="http://arxiv.org/schemas/atom"/>
  </entry>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <link href="http://arxiv.org/api/query?${escape(query)}" rel="self" type="application/atom+xml"/>
  <title type="html">ArXiv Query: ${escape(query)}</title>
  <id>http://arxiv.org/api/cHxbiOdZaP56ODnBPIenZhzg5f8</id>
  <updated>2026-12-01T00:00:00-05:00</updated>
  <opensearch:totalResults xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">${entries.length}</opensearch:totalResults>
  <opensearch:startIndex xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">0</opensearch:startIndex>
  <opensearch:itemsPerPage xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">10</opensearch:itemsPerPage>
${items}
</feed>
`;
}

/** The API's error answer: a feed whose one entry's id is under /api/errors, the message in its summary. */
export function errorFeed(message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="html">ArXiv Query: error</title>
  <entry>
    <id>http://arxiv.org/api/errors#${encodeURIComponent(message)}</id>
    <title>Error</title>
    <summary>${escape(message)}</summary>
    <author>
      <name>arXiv api core</name>
    </author>
  </entry>
</feed>
`;
}

/**
 * Serves `behaviours`, keyed by the title phrase of a `ti:"…"` query or by an `id_list` id. Unknown keys get an
 * empty feed (no result).
 */
export async function startStandin(behaviours: Map<string, Behaviour>): Promise<{ url: string; requests: Request[]; close: () => Promise<void> }> {
  const requests: Request[] = [];
  const counts = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://standin');
    const query = url.searchParams;
    requests.push({ at: Date.now(), query, headers: req.headers });
    const key = query.get('id_list') ?? /^ti:"(.*)"$/.exec(query.get('search_query') ?? '')?.[1] ?? '';
    const n = (counts.get(key) ?? 0) + 1;
    counts.set(key, n);
    const behaviour = behaviours.get(key) ?? {};
    const answer = () => {
      if (behaviour.busy && n <= behaviour.busy.times) {
        res.writeHead(503, { 'Retry-After': behaviour.busy.retryAfter, 'Content-Type': 'text/plain' });
        res.end('Service temporarily unavailable');
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/atom+xml; charset=utf-8' });
      res.end(behaviour.raw ?? atomFeed(url.search.slice(1), behaviour.entries ?? []));
    };
    if (behaviour.slow && n <= behaviour.slow.times) setTimeout(answer, behaviour.slow.ms);
    else answer();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/api/query`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
