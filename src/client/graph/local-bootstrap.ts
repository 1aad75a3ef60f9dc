/**
 * The only graph code on a note page until the reader scrolls to the local graph: it watches the
 * section and loads the drawing code and the note's data when the section comes near the screen.
 */
export function watchLocalGraphs(): void {
  const sections = document.querySelectorAll<HTMLElement>('[data-local-graph]');
  if (sections.length === 0) return;
  const start = (section: HTMLElement) => {
    void import('./local-graph.ts').then(({ startLocalGraph }) => startLocalGraph(section));
  };
  if (!('IntersectionObserver' in window)) {
    sections.forEach(start);
    return;
  }
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        observer.unobserve(entry.target);
        start(entry.target as HTMLElement);
      }
    },
    { rootMargin: '200px 0px' },
  );
  for (const section of sections) observer.observe(section);
}
