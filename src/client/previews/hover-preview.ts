/**
 * Hover previews, part 1: the part every note page loads (a few hundred bytes). It only waits for
 * the pointer or the keyboard focus to reach an internal link for the first time, then loads the
 * preview card (preview-card.ts) and hands it that first link. Nothing is loaded on a page where
 * nobody goes near a link, and nothing at all on touch screens, which have no hover.
 */
const LINK = 'a.internal[href]';

export function installHoverPreviews(): void {
  if (!window.matchMedia('(hover: hover)').matches) return;
  let started = false;
  const start = (event: Event, link: HTMLAnchorElement) => {
    if (started) return;
    started = true;
    document.removeEventListener('pointerover', onPointer);
    document.removeEventListener('focusin', onFocus);
    void import('./preview-card.ts').then(({ PreviewCards }) => new PreviewCards(document).begin(event, link));
  };
  const onPointer = (event: PointerEvent) => {
    if (event.pointerType === 'touch') return;
    const link = (event.target as Element | null)?.closest?.<HTMLAnchorElement>(LINK);
    if (link) start(event, link);
  };
  const onFocus = (event: FocusEvent) => {
    const link = (event.target as Element | null)?.closest?.<HTMLAnchorElement>(LINK);
    if (link) start(event, link);
  };
  document.addEventListener('pointerover', onPointer);
  document.addEventListener('focusin', onFocus);
}
