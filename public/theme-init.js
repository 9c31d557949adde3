// Applies the reader's chosen theme before the page paints (a file, not inline, so the Content-Security-Policy needs no exception).
try {
  const t = localStorage.getItem('theme');
  if (t === 'dark' || t === 'light') document.documentElement.dataset.theme = t;
} catch {
  // Storage is off: the system theme applies.
}
