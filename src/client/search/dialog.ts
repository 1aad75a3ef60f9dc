import { SearchController } from './controller.ts';

let controller: SearchController | undefined;

/**
 * Starts the search UI in the dialog that bootstrap.ts has opened (a modal `<dialog>`: the page
 * behind is inert, focus stays inside). Once per page; the search runs on what is already typed.
 */
export function startSearchDialog(dialog: HTMLDialogElement, input: HTMLInputElement): void {
  if (controller) return;
  controller = new SearchController({
    input,
    results: dialog.querySelector<HTMLElement>('[data-search-results]')!,
    status: dialog.querySelector<HTMLElement>('[data-search-status]')!,
    filters: dialog.querySelector<HTMLElement>('[data-search-filters]')!,
    filterToggle: dialog.querySelector<HTMLButtonElement>('[data-search-filter-toggle]')!,
  });
  dialog.querySelector('[data-search-close]')?.addEventListener('click', () => dialog.close());
  dialog.addEventListener('click', (event) => {
    if (event.target === dialog) dialog.close();
  });
  void controller.start();
}
