/**
 * The only search code on every page: it waits for the reader to ask for search (the header button,
 * Ctrl/⌘ K or `/`) and only then loads the search UI and Pagefind.
 */
function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

async function open(): Promise<void> {
  const { openSearchDialog } = await import('./dialog.ts');
  openSearchDialog();
}

document.addEventListener('keydown', (event) => {
  const shortcut = (event.key === 'k' || event.key === 'K') && (event.metaKey || event.ctrlKey);
  if (shortcut || (event.key === '/' && !event.metaKey && !event.ctrlKey && !isTyping(event.target))) {
    event.preventDefault();
    void open();
  }
});
for (const button of document.querySelectorAll('[data-search-open]')) button.addEventListener('click', () => void open());

const highlight = new URLSearchParams(location.search).get('highlight');
const content = document.querySelector('[data-pagefind-body]');
if (highlight && content) {
  void import('./highlight.ts').then(({ highlightSearchTerms }) => highlightSearchTerms(content, highlight.split(/\s+/)));
}
