/**
 * Marks the section being read in the table of contents (`aria-current="true"`): the last heading
 * that has scrolled above the top fifth of the window (the last one once the page is scrolled to
 * its end). On narrow screens, where the table is a
 * popover, following one of its links closes it.
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
