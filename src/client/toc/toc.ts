/**
 * Marks the section being read in the table of contents (`aria-current="true"`): the last heading
 * that has scrolled above the top fifth of the window (the last one once the page is scrolled to
 * its end), and scrolls a long table so that the mark stays in sight. On narrow screens, where the
 * table is a popover, following one of its links closes it.
 */
export function trackSections(toc: HTMLElement): void {
  const links = [...toc.querySelectorAll<HTMLAnchorElement>('a[href^="#"]')];
  const sections = links
    .map((link) => ({ link, heading: document.getElementById(decodeURIComponent(link.hash.slice(1))) }))
    .filter((section): section is { link: HTMLAnchorElement; heading: HTMLElement } => section.heading !== null);
  if (sections.length === 0) return;

  let current: HTMLAnchorElement | undefined;
  let scheduled = false;
  const update = () => {
    scheduled = false;
    const line = window.innerHeight / 5;
    let reading = sections[0]!.link;
    for (const { link, heading } of sections) {
      if (heading.getBoundingClientRect().top > line) break;
      reading = link;
    }
    // At the very bottom the last sections may never reach the line: the last one is being read.
    if (window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 2) reading = sections.at(-1)!.link;
    if (reading === current) return;
    current?.removeAttribute('aria-current');
    reading.setAttribute('aria-current', 'true');
    current = reading;
    keepInView(reading);
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(update);
  };
  addEventListener('scroll', schedule, { passive: true });
  addEventListener('resize', schedule, { passive: true });
  update();

  toc.addEventListener('click', (event) => {
    if (event.target instanceof Element && event.target.closest('a') && toc.matches(':popover-open')) toc.hidePopover();
  });
}

/**
 * Scrolls the table's own box (never the page) so that the marked entry is in it, with an entry of
 * context around it. The box is the nearest ancestor that scrolls: the sticky column on wide
 * screens, the popover on narrow ones.
 */
function keepInView(link: HTMLElement): void {
  const box = scrollingAncestor(link);
  if (!box) return;
  const margin = link.offsetHeight * 1.5;
  const top = link.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
  if (top - margin < box.scrollTop) box.scrollTo({ top: Math.max(0, top - margin) });
  else if (top + link.offsetHeight + margin > box.scrollTop + box.clientHeight)
    box.scrollTo({ top: top + link.offsetHeight + margin - box.clientHeight });
}

function scrollingAncestor(element: HTMLElement): HTMLElement | undefined {
  for (let at = element.parentElement; at && at !== document.body; at = at.parentElement) {
    const { overflowY } = getComputedStyle(at);
    if ((overflowY === 'auto' || overflowY === 'scroll') && at.scrollHeight > at.clientHeight) return at;
  }
  return undefined;
}
