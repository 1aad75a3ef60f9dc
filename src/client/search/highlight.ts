/**
 * After following a search result (`?highlight=word`), marks the searched words in the note so the
 * reader sees at once why it matched, and scrolls to the first one.
 */
export function highlightSearchTerms(root: Element, terms: string[]): void {
  const words = terms.map((term) => term.trim()).filter((term) => term.length > 1);
  if (words.length === 0) return;
  const escaped = words.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(`(${escaped.join('|')})`, 'giu');
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (node.parentElement?.closest('script, style, mark, code, pre') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
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
  first?.scrollIntoView({ block: 'center' });
}
