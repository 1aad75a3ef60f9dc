import { noteUrl, type NoteGraph } from './data.ts';

/** Neighbours listed at most; a popular note's backlinks can be thousands. */
const SHOWN = 50;

/**
 * A list of notes as links (to read them) each with a button that shows it in the graph: the way to
 * walk the graph from the keyboard, with a screen reader, or where the graph cannot be drawn.
 */
export function renderNeighbourList(list: HTMLElement, slugs: string[], graph: NoteGraph, show?: (slug: string) => void): void {
  const items = slugs.slice(0, SHOWN).map((slug) => {
    const item = document.createElement('li');
    const title = graph.getNodeAttribute(slug, 'label');
    const anchor = document.createElement('a');
    anchor.href = noteUrl(slug);
    anchor.textContent = title;
    item.append(anchor);
    if (show) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'kg-graph-show';
      button.textContent = 'Show';
      button.setAttribute('aria-label', `Show ${title} in the graph`);
      button.addEventListener('click', () => show(slug));
      item.append(' ', button);
    }
    return item;
  });
  if (slugs.length > SHOWN) {
    const more = document.createElement('li');
    more.className = 'kg-graph-more';
    more.textContent = `and ${slugs.length - SHOWN} more`;
    items.push(more);
  }
  if (items.length === 0) {
    const none = document.createElement('li');
    none.className = 'kg-graph-more';
    none.textContent = 'none';
    items.push(none);
  }
  list.replaceChildren(...items);
}
