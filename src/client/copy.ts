/**
 * Copy buttons: beside a feed address (`data-url`) or under a block of text (`data-copy-from`, the id of the element
 * whose text is copied). Shown only where the clipboard can be written; the text itself is selectable without them.
 */
export function enhanceCopyButtons(): void {
  if (!navigator.clipboard) return;
  for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-url], button[data-copy-from]')) {
    const label = button.textContent ?? 'Copy';
    button.hidden = false;
    button.addEventListener('click', () => {
      const from = button.dataset['copyFrom'];
      const text = from ? (document.getElementById(from)?.textContent ?? '') : (button.dataset['url'] ?? '');
      navigator.clipboard.writeText(text).then(
        () => {
          button.textContent = 'Copied';
          setTimeout(() => (button.textContent = label), 2000);
        },
        () => {
          button.textContent = 'Select the text and copy it';
        },
      );
    });
  }
}
