/** Copy buttons beside feed addresses: shown only where the clipboard can be written; the address stays selectable text. */
export function enhanceCopyButtons(): void {
  if (!navigator.clipboard) return;
  for (const button of document.querySelectorAll<HTMLButtonElement>('button.copy-url[data-url]')) {
    button.hidden = false;
    button.addEventListener('click', () => {
      navigator.clipboard.writeText(button.dataset['url'] ?? '').then(
        () => {
          button.textContent = 'Copied';
          setTimeout(() => (button.textContent = 'Copy'), 2000);
        },
        () => {
          button.textContent = 'Select and copy';
        },
      );
    });
  }
}
