import { SearchController } from './controller.ts';
import { search, SearchUnavailableError } from './engine.ts';
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

/** On the 404 page: notes whose words resemble the address that was not found. */
export async function suggestForMissingPage(root: HTMLElement): Promise<void> {
  const base = document.documentElement.dataset.base ?? '/';
  const words = decodeURIComponent(location.pathname.slice(base.length))
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 1)
    .join(' ');
  const list = root.querySelector<HTMLElement>('[data-search-results]')!;
  const status = root.querySelector<HTMLElement>('[data-search-status]')!;
  const link = root.querySelector<HTMLAnchorElement>('[data-search-link]');
  if (link) link.href = `${base}search/?q=${encodeURIComponent(words)}`;
  if (!words) return;
  try {
    const hits = await search(words, {}, 5);
    new ResultsList(list, document.createElement('input')).show(hits);
    status.textContent = hits.length > 0 ? 'Perhaps one of these notes is what you were looking for:' : '';
  } catch (error) {
    status.textContent = error instanceof SearchUnavailableError ? error.message : '';
  }
}
