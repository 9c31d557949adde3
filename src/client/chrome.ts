/** Small enhancements every page gets when JavaScript runs; reading never depends on them. */

/** Shows the theme toggle and remembers the reader's choice; without a choice the system setting applies. */
export function enhanceTheme(): void {
  const button = document.querySelector<HTMLButtonElement>('.theme-toggle');
  if (!button) return;
  const root = document.documentElement;
  const isDark = () => root.dataset['theme'] === 'dark' || (root.dataset['theme'] !== 'light' && matchMedia('(prefers-color-scheme: dark)').matches);
  const render = () => button.setAttribute('aria-pressed', String(isDark()));
  button.hidden = false;
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
