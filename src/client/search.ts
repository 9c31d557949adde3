/** The search page: loads the index on first use, answers as the reader types, keeps the query in the URL. */
import { Charset, Index } from 'flexsearch-compact';
import { formatDay } from '../lib/text/dates';
import { UNSORTED, UNSORTED_MEANING } from '../lib/text/wording';
import { SearchEngine, type FlexIndexClass, type SearchFiles, type SearchHit } from '../lib/search/engine';
import type { SearchDoc, SearchMeta } from '../lib/search/format';
import { rankWindow, highlight, searchStatus, snippet } from '../lib/search/results';
import { BoundedCache } from '../lib/cache';
import { paths, withBase } from '../lib/site/urls';

const PAGE = 20;
/** How many of the best hits are put in order by their text (phrase, whole words: `rankWindow`), which is loaded for them. */
const RANKED_WINDOW = PAGE;

interface Answer {
  ranked: SearchHit[];
  words: string[];
  status: string;
}

const url = (path: string) => withBase(import.meta.env.BASE_URL, path);

function appendHighlighted(parent: HTMLElement, text: string, words: readonly string[]): void {
  for (const run of highlight(text, words)) {
    if (run.mark) {
      const mark = document.createElement('mark');
      mark.textContent = run.text;
      parent.append(mark);
    } else {
      parent.append(document.createTextNode(run.text));
    }
  }
}

function resultItem(doc: SearchDoc, words: readonly string[], meta: SearchMeta, index: number): HTMLLIElement {
  const li = document.createElement('li');
  li.className = 'paper-card';
  const heading = document.createElement('h2');
  heading.className = 'paper-title';
  const link = document.createElement('a');
  link.href = url(paths.paper(doc.id));
  link.id = `result-${index}`;
  appendHighlighted(link, doc.title, words);
  heading.append(link);
  const text = document.createElement('p');
  appendHighlighted(text, snippet(doc.abstract, words), words);
  const info = document.createElement('div');
  info.className = 'meta';
  const time = document.createElement('time');
  time.dateTime = doc.date;
  time.textContent = formatDay(doc.date);
  const chips = document.createElement('ul');
  chips.className = 'chips';
  for (const slug of doc.topics) {
    const item = document.createElement('li');
    const chip = document.createElement('a');
    chip.className = 'chip';
    chip.href = url(paths.topic(slug));
    chip.textContent = meta.topics.find((t) => t.slug === slug)?.name ?? slug;
    chip.tabIndex = -1;
    item.append(chip);
    chips.append(item);
  }
  if (doc.topics.length === 0) {
    // As on its day's page: a paper no topic fits says so, and links nowhere.
    const item = document.createElement('li');
    const chip = document.createElement('span');
    chip.className = 'chip unsorted';
    chip.title = UNSORTED_MEANING;
    chip.textContent = UNSORTED;
    item.append(chip);
    chips.append(item);
  }
  info.append(time, chips);
  li.append(heading, text, info);
  return li;
}

/**
 * The search files over HTTP. A record is read with a Range request; a host that ignores the Range header sends the
 * whole file, and the record is cut from it (and later ones from the same copy). Compressed files are inflated with
 * the browser's DecompressionStream.
 */
function searchFiles(base: string): SearchFiles {
  const whole = new Map<string, Uint8Array>();
  const get = async (name: string, init?: RequestInit) => {
    const response = await fetch(`${base}${name}`, init);
    if (!response.ok) throw new Error(`search-index/${name}: ${response.status}`);
    return { partial: response.status === 206, bytes: new Uint8Array(await response.arrayBuffer()) };
  };
  return {
    file: async (name) => (await get(name)).bytes,
    range: async (name, start, end) => {
      const known = whole.get(name);
      if (known) return known.subarray(start, end);
      const { partial, bytes } = await get(name, { headers: { Range: `bytes=${start}-${end - 1}` } });
      if (partial) return bytes;
      whole.set(name, bytes);
      return bytes.subarray(start, end);
    },
    inflate: async (bytes, format) =>
      new Uint8Array(await new Response(new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream(format))).arrayBuffer()),
  };
}

export function startSearchPage(): void {
  const form = document.querySelector<HTMLFormElement>('#search-form');
  const input = document.querySelector<HTMLInputElement>('#search-query');
  const status = document.querySelector<HTMLElement>('#search-status');
  const list = document.querySelector<HTMLOListElement>('#search-results');
  const more = document.querySelector<HTMLButtonElement>('#search-more');
  if (!form || !input || !status || !list || !more) return;
  const boxes = [...form.querySelectorAll<HTMLInputElement>('input[name="topic"]')];

  let engine: SearchEngine | undefined;
  const getEngine = () =>
    (engine ??= new SearchEngine(searchFiles(form.dataset['index'] ?? url('search-index/')), Index as unknown as FlexIndexClass, Charset.Exact));

  let generation = 0;
  let ranked: SearchHit[] = [];
  let words: string[] = [];
  let shown = 0;

  const selectedTopics = () => boxes.filter((b) => b.checked).map((b) => b.value);

  // What a query showed, kept for the visit: a repeated query (typing back to it, Back) is shown again from memory,
  // its result items cloned rather than ranked, highlighted and built again.
  const answers = new BoundedCache<string, Promise<Answer>>(100);
  const items = new BoundedCache<string, HTMLLIElement>(2000);
  let key = '';

  async function showMore(): Promise<void> {
    const current = generation;
    const e = getEngine();
    const page = ranked.slice(shown, shown + PAGE);
    const [meta, docs] = await Promise.all([e.meta(), e.docs(page.map((h) => h.n))]);
    if (current !== generation) return;
    for (const hit of page) {
      const at = shown;
      list!.append(items.get(`${key}\u0000${at}`, () => resultItem(docs.get(hit.n)!, words, meta, at)).cloneNode(true));
      shown += 1;
    }
    more!.hidden = shown >= ranked.length;
  }

  async function answer(query: string, topics: string[]): Promise<Answer> {
    const e = getEngine();
    const result = await e.search(query, topics);
    // A "phrase" or a -"phrase" is settled by reading the papers' text (their records, which results show anyway).
    const { hits, complete } = await e.verify(result);
    const window = hits.slice(0, RANKED_WINDOW);
    const docs = await e.docs(window.map((h) => h.n));
    return {
      ranked: [...rankWindow(window, docs, query), ...hits.slice(RANKED_WINDOW)],
      words: result.words,
      status: searchStatus(query, { matches: hits.length, complete, topics: topics.length }),
    };
  }

  async function run(): Promise<void> {
    const current = ++generation;
    const query = input!.value.trim();
    const topics = selectedTopics();
    if (!query) {
      list!.replaceChildren();
      status!.textContent = '';
      more!.hidden = true;
      return;
    }
    try {
      const asked = `${query}\u0000${topics.join(',')}`;
      const pending = answers.get(asked, () => answer(query, topics));
      const shownAnswer = await pending.catch((error: unknown) => {
        // A failed answer (offline) is not kept: asked again, it loads again.
        answers.delete(asked);
        throw error;
      });
      if (current !== generation) return;
      ({ ranked, words } = shownAnswer);
      key = asked;
      shown = 0;
      list!.replaceChildren();
      status!.textContent = shownAnswer.status;
      await showMore();
    } catch (error) {
      status!.textContent = 'Search could not load. Check your connection and try again.';
      console.error(error);
    }
  }

  function writeUrl(push: boolean): void {
    const params = new URLSearchParams();
    if (input!.value.trim()) params.set('q', input!.value.trim());
    for (const t of selectedTopics()) params.append('topic', t);
    const next = `${location.pathname}${params.size ? `?${params}` : ''}`;
    if (next === `${location.pathname}${location.search}`) return;
    if (push) history.pushState(null, '', next);
    else history.replaceState(null, '', next);
  }

  function readUrl(): void {
    const params = new URLSearchParams(location.search);
    input!.value = params.get('q') ?? '';
    const topics = new Set(params.getAll('topic'));
    for (const box of boxes) box.checked = topics.has(box.value);
  }

  let timer: ReturnType<typeof setTimeout> | undefined;
  let typing = false;
  input.addEventListener(
    'focus',
    () =>
      void getEngine()
        .meta()
        .catch(() => undefined),
    { once: true },
  );
  input.addEventListener('input', () => {
    // The first keystroke of a new query gets its own history entry; the rest replace it, so Back leaves the search.
    writeUrl(!typing);
    typing = true;
    clearTimeout(timer);
    timer = setTimeout(() => void run(), 60);
  });
  for (const box of boxes) {
    box.addEventListener('change', () => {
      writeUrl(true);
      void run();
    });
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    writeUrl(false);
    typing = false;
    void run();
  });
  more.addEventListener('click', () => void showMore());
  window.addEventListener('popstate', () => {
    readUrl();
    typing = false;
    void run();
  });

  // Arrow keys move between the results' links; Enter follows the focused one (links do that natively).
  const links = () => [...list.querySelectorAll<HTMLAnchorElement>('.paper-title a')];
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown') {
      const first = links()[0];
      if (first) {
        event.preventDefault();
        first.focus();
      }
    } else if (event.key === 'Enter' && links()[0] && document.activeElement === input) {
      typing = false;
    }
  });
  list.addEventListener('keydown', (event) => {
    const all = links();
    const at = all.indexOf(document.activeElement as HTMLAnchorElement);
    if (at < 0) return;
    if (event.key === 'ArrowDown' && at + 1 < all.length) {
      event.preventDefault();
      all[at + 1]!.focus();
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      (at === 0 ? input : all[at - 1]!).focus();
    }
  });

  readUrl();
  const details = form.querySelector('details');
  if (details && selectedTopics().length > 0) details.open = true;
  if (input.value.trim()) void run();
}
