/** Small enhancements every page gets when JavaScript runs; reading never depends on them. */

/**
 * Adds the theme toggle to the header (it works only with JavaScript, so the pages do not carry it) and remembers the
 * reader's choice; without a choice the system setting applies.
 */
export function enhanceTheme(): void {
  const header = document.querySelector('.site-header .wrap');
  if (!header || header.querySelector('.theme-toggle')) return;
  const button = document.createElement('button');
  button.className = 'theme-toggle';
  button.type = 'button';
  button.title = 'Dark theme';
  const icon = document.createElement('span');
  icon.setAttribute('aria-hidden', 'true');
  icon.textContent = '◐';
  const label = document.createElement('span');
  label.className = 'visually-hidden';
  label.textContent = 'Dark theme';
  button.append(icon, label);
  header.append(button);
  const root = document.documentElement;
  const isDark = () => root.dataset['theme'] === 'dark' || (root.dataset['theme'] !== 'light' && matchMedia('(prefers-color-scheme: dark)').matches);
  const render = () => button.setAttribute('aria-pressed', String(isDark()));
  render();
  button.addEventListener('click', () => {
    const next = isDark() ? 'light' : 'dark';
    root.dataset['theme'] = next;
    try {
      localStorage.setItem('theme', next);
    } catch {
      // Storage can be blocked; the choice then lasts for this page only.
    }
    render();
  });
}

/** `/` focuses the search box from anywhere, unless the reader is typing in a field. */
export function enhanceSearchShortcut(): void {
  document.addEventListener('keydown', (event) => {
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target as HTMLElement | null;
    if (target && (target.isContentEditable || /^(input|textarea|select)$/i.test(target.tagName))) return;
    const input = document.querySelector<HTMLInputElement>('#search-query') ?? document.querySelector<HTMLInputElement>('#site-search');
    if (!input) return;
    event.preventDefault();
    input.focus();
    input.select();
  });
}

const LAST_VISIT = 'papers-digest:latest-day-seen';
const THIS_VISIT = 'papers-digest:new-since';

/**
 * Marks papers first seen after the reader's last visit with a quiet "New". The last visit is the newest day of the
 * papers the reader was shown in a list when last here (localStorage), so no page needs to carry the site's latest
 * day, which would change every page each day; it is read once per browsing session (sessionStorage), so the marks
 * stay while the reader moves between pages. A first visit marks nothing; without storage, nothing happens.
 */
export function markNewSinceLastVisit(): void {
  const rows = [...document.querySelectorAll<HTMLElement>('[data-first-seen]')];
  const newest = rows.reduce((max, row) => ((row.dataset['firstSeen'] ?? '') > max ? row.dataset['firstSeen']! : max), '');
  let since: string;
  try {
    const last = localStorage.getItem(LAST_VISIT) ?? '';
    since = sessionStorage.getItem(THIS_VISIT) ?? last;
    sessionStorage.setItem(THIS_VISIT, since);
    if (newest > last) localStorage.setItem(LAST_VISIT, newest);
  } catch {
    return;
  }
  if (!since) return;
  for (const row of rows) {
    const title = row.querySelector('.paper-title');
    if (!title || (row.dataset['firstSeen'] ?? '') <= since || title.querySelector('.new-mark')) continue;
    const mark = document.createElement('span');
    mark.className = 'new-mark';
    mark.textContent = 'New';
    const hidden = document.createElement('span');
    hidden.className = 'visually-hidden';
    hidden.textContent = ' since your last visit: ';
    mark.append(hidden);
    title.prepend(mark);
  }
}
