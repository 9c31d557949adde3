/**
 * The one part of papers-digest that uses the network, and only when the person running it asks (`digest enrich`):
 * a polite client of the arXiv API. One request at a time, `delay` seconds apart (the API asks for 3), a User-Agent
 * naming the digest, a timeout per request, and retries with backoff on 429 and 503 (and a dropped connection),
 * waiting as long as a Retry-After header says. The base URL comes from ARXIV_API_URL, so tests and mirrors can point
 * it at a stand-in server.
 */
import { titleQuery } from '../lib/ingest/arxiv';

export const DEFAULT_API_URL = 'https://export.arxiv.org/api/query';

export interface ClientOptions {
  baseUrl: string;
  /** Seconds between the start of one request and the next. */
  delay: number;
  /** Seconds before a request is given up. */
  timeout: number;
  /** Attempts per request, the first included. */
  attempts: number;
  userAgent: string;
  /** Waits; tests make it instant. */
  sleep?: (ms: number) => Promise<void>;
}

export type Fetched = { ok: true; body: string } | { ok: false; error: string };

const sleeper = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Seconds a Retry-After header asks for (a number of seconds, or an HTTP date), or undefined. */
export function retryAfterSeconds(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, (at - now) / 1000);
}

export class ArxivClient {
  readonly #options: ClientOptions;
  readonly #sleep: (ms: number) => Promise<void>;
  #last = 0;

  constructor(options: ClientOptions) {
    this.#options = options;
    this.#sleep = options.sleep ?? sleeper;
  }

  /** Results whose title matches `title`, as the API's Atom text. */
  searchTitle(title: string): Promise<Fetched> {
    return this.get(new URLSearchParams({ search_query: titleQuery(title), start: '0', max_results: '10' }));
  }

  /** The entry of one arXiv id. */
  byId(id: string): Promise<Fetched> {
    return this.get(new URLSearchParams({ id_list: id, max_results: '1' }));
  }

  async get(params: URLSearchParams): Promise<Fetched> {
    const url = `${this.#options.baseUrl}?${params.toString()}`;
    let lastError = '';
    for (let attempt = 1; attempt <= this.#options.attempts; attempt += 1) {
      const wait = this.#last + this.#options.delay * 1000 - Date.now();
      if (wait > 0) await this.#sleep(wait);
      let retryAfter: number | undefined;
      try {
        const response = await fetch(url, {
          headers: { 'User-Agent': this.#options.userAgent, Accept: 'application/atom+xml' },
          signal: AbortSignal.timeout(this.#options.timeout * 1000),
        });
        const body = await response.text();
        if (response.ok) return { ok: true, body };
        lastError = `HTTP ${response.status}`;
        if (response.status !== 429 && response.status !== 503 && response.status < 500) return { ok: false, error: lastError };
        retryAfter = retryAfterSeconds(response.headers.get('retry-after'));
      } catch (error) {
        const name = error instanceof Error ? error.name : '';
        lastError =
          name === 'TimeoutError'
            ? `no answer within ${this.#options.timeout} s`
            : `the request failed (${error instanceof Error ? error.message : String(error)})`;
      } finally {
        // The delay runs from the end of one exchange to the start of the next, so the server sees at least that gap
        // however long an answer takes to arrive.
        this.#last = Date.now();
      }
      if (attempt < this.#options.attempts) {
        // Backoff: the server's Retry-After where it gives one (capped at 5 minutes), else 2, 4, 8 … times the delay.
        const backoff = retryAfter ?? Math.max(1, this.#options.delay) * 2 ** attempt;
        await this.#sleep(Math.min(backoff, 300) * 1000);
      }
    }
    return { ok: false, error: `${lastError}, after ${this.#options.attempts} attempts` };
  }
}
