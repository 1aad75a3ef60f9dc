/**
 * After following a search result (`?highlight=word&highlight=other`, one parameter per word, as
 * Pagefind writes them), marks every searched word in the note so the reader sees at once why it
 * matched, then brings the reader to the place the result pointed at: the section of a section
 * result (`#heading`), else the first marked word.
 */
export function highlightSearchTerms(root: Element, terms: string[]): HTMLElement | undefined {
  const words = [...new Set(terms.map((term) => term.trim()).filter((term) => term.length > 1))];
  if (words.length === 0) return undefined;
  // Longest first, so that "note" inside "notes" does not cut the longer match short.
  const escaped = words.sort((a, b) => b.length - a.length).map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(`(${escaped.join('|')})`, 'giu');
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) =>
      node.parentElement?.closest('script, style, mark, code, pre') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
  });
  const textNodes: Text[] = [];
  while (walker.nextNode()) textNodes.push(walker.currentNode as Text);
  let first: HTMLElement | undefined;
  for (const node of textNodes) {
    const parts = (node.textContent ?? '').split(pattern);
    if (parts.length === 1) continue;
    const fragment = document.createDocumentFragment();
    parts.forEach((part, index) => {
      if (index % 2 === 0) {
        if (part) fragment.append(part);
        return;
      }
      const mark = document.createElement('mark');
      mark.className = 'kg-search-highlight';
      mark.textContent = part;
      first ??= mark;
      fragment.append(mark);
    });
    node.replaceWith(fragment);
  }
  return first;
}

/** How long after landing the page may still move under the reader (images, fonts, widgets settling). */
const SETTLE_MS = 2_000;

/**
 * The browser scrolled to the address's `#section` before the marks were added (and before late
 * content such as images settled); scroll there again, at once. Without a section, the first mark
 * is shown in the middle of the window. While the page is still settling, a change of its height
 * lands there again, until the reader scrolls, types or touches the page themselves.
 */
export function landOnSection(root: Element): void {
  const id = decodeURIComponent(location.hash.slice(1));
  const land = () => {
    const target = id ? document.getElementById(id) : null;
    if (target) target.scrollIntoView({ block: 'start', behavior: 'instant' });
    else root.querySelector('mark.kg-search-highlight')?.scrollIntoView({ block: 'center', behavior: 'instant' });
  };
  land();
  const observer = new ResizeObserver(land);
  observer.observe(document.body);
  const stop = () => {
    observer.disconnect();
    for (const type of READER_ACTIONS) removeEventListener(type, stop, true);
  };
  for (const type of READER_ACTIONS) addEventListener(type, stop, { capture: true, passive: true });
  setTimeout(stop, SETTLE_MS);
}

const READER_ACTIONS = ['wheel', 'touchstart', 'keydown', 'mousedown'] as const;
