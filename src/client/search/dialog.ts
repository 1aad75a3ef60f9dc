import { SearchController } from './controller.ts';

let controller: SearchController | undefined;

/** Opens the search dialog (a modal `<dialog>`: the page behind is inert, focus stays inside). */
export function openSearchDialog(): void {
  const dialog = document.querySelector<HTMLDialogElement>('[data-search-dialog]');
  const input = dialog?.querySelector<HTMLInputElement>('input');
  if (!dialog || !input) return;
  if (!controller) {
    controller = new SearchController({
      input,
      results: dialog.querySelector<HTMLElement>('[data-search-results]')!,
      status: dialog.querySelector<HTMLElement>('[data-search-status]')!,
      filters: dialog.querySelector<HTMLElement>('[data-search-filters]')!,
    });
    dialog.querySelector('[data-search-close]')?.addEventListener('click', () => dialog.close());
    dialog.addEventListener('click', (event) => {
      if (event.target === dialog) dialog.close();
    });
    void controller.start();
  }
  if (!dialog.open) dialog.showModal();
  input.focus();
  input.select();
}
