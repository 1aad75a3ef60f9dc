/**
 * The only search code on every page: it waits for the reader to ask for search (the header button,
 * Ctrl/⌘ K or `/`) and only then loads the search UI and Pagefind. The dialog opens and takes the
 * focus at once, before that code arrives, so that no keystroke typed right after the shortcut is
 * lost; the search runs on whatever is in the box when it is ready.
 */
function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

function open(): void {
  const dialog = document.querySelector<HTMLDialogElement>('[data-search-dialog]');
  const input = dialog?.querySelector<HTMLInputElement>('input[type="search"]');
  if (!dialog || !input) return;
  if (!dialog.open) dialog.showModal();
  input.focus();
  input.select();
  void import('./dialog.ts').then(({ startSearchDialog }) => startSearchDialog(dialog, input));
}

document.addEventListener('keydown', (event) => {
  const shortcut = (event.key === 'k' || event.key === 'K') && (event.metaKey || event.ctrlKey);
  if (shortcut || (event.key === '/' && !event.metaKey && !event.ctrlKey && !isTyping(event.target))) {
    event.preventDefault();
    open();
  }
});
for (const button of document.querySelectorAll('[data-search-open]')) button.addEventListener('click', open);

// The shortcut as this reader's keyboard writes it.
if (/Mac|iPhone|iPad/.test(navigator.platform)) {
  for (const key of document.querySelectorAll('[data-search-shortcut]')) key.textContent = '⌘ K';
}

const highlight = new URLSearchParams(location.search).getAll('highlight');
const content = document.querySelector('[data-pagefind-body]');
if (highlight.length > 0 && content) {
  void import('./highlight.ts').then(({ highlightSearchTerms, landOnSection }) => {
    highlightSearchTerms(
      content,
      highlight.flatMap((terms) => terms.split(/\s+/)),
    );
    landOnSection(content);
  });
}
