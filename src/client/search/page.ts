import { SearchController } from './controller.ts';
import { search, SearchUnavailableError, type SearchHit } from './engine.ts';
import { ResultsList } from './results.ts';

/** The `/search/?q=…` page: a shareable search whose address follows what the reader types. */
export function startSearchPage(root: HTMLElement): void {
  const input = root.querySelector<HTMLInputElement>('input')!;
  input.value = new URLSearchParams(location.search).get('q') ?? '';
  const controller = new SearchController(
    {
      input,
      results: root.querySelector<HTMLElement>('[data-search-results]')!,
      status: root.querySelector<HTMLElement>('[data-search-status]')!,
      filters: root.querySelector<HTMLElement>('[data-search-filters]')!,
      filterToggle: root.querySelector<HTMLButtonElement>('[data-search-filter-toggle]')!,
    },
    (term) => {
      const url = new URL(location.href);
      if (term) url.searchParams.set('q', term);
      else url.searchParams.delete('q');
      history.replaceState(null, '', url);
    },
  );
  void controller.start();
  input.focus();
}

/** Words of an address part: `gcp-marketplace_guidance` → `gcp marketplace guidance`. */
function wordsOf(part: string): string {
  return part
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 1)
    .join(' ');
}

const SUGGESTIONS = 5;

/**
 * On the 404 page: notes whose words resemble the address that was not found. A renamed or moved
 * note usually keeps the words of its own name (the address's last part) while its folders change,
 * and folder names are not in the notes' text: so the last part is searched first, then the whole
 * address, and what both find is shown, the first search's results first.
 */
export async function suggestForMissingPage(root: HTMLElement): Promise<void> {
  const base = document.documentElement.dataset.base ?? '/';
  const parts = decodeURIComponent(location.pathname.slice(base.length)).split('/').filter(Boolean);
  const words = wordsOf(parts.join(' '));
  const list = root.querySelector<HTMLElement>('[data-search-results]')!;
  const status = root.querySelector<HTMLElement>('[data-search-status]')!;
  const link = root.querySelector<HTMLAnchorElement>('[data-search-link]');
  if (link) link.href = `${base}search/?q=${encodeURIComponent(words)}`;
  if (!words) return;
  try {
    const queries = [...new Set([wordsOf(parts.at(-1) ?? ''), words].filter(Boolean))];
    const hits = new Map<string, SearchHit>();
    for (const query of queries) {
      for (const hit of await search(query, {}, SUGGESTIONS)) if (!hits.has(hit.url)) hits.set(hit.url, hit);
    }
    const suggestions = [...hits.values()].slice(0, SUGGESTIONS);
    new ResultsList(list, document.createElement('input')).show(suggestions);
    status.textContent =
      suggestions.length > 0 ? 'Perhaps one of these notes is what you were looking for:' : 'No note resembles this address.';
  } catch (error) {
    status.textContent = error instanceof SearchUnavailableError ? error.message : '';
  }
}
