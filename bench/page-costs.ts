/**
 * What each kind of page costs in page generation, from the lines Astro prints for every page it
 * writes (`├─ /path/index.html (+12ms)`, or `(restored)` for a page carried over from the previous
 * build). Astro renders several pages at once (`build.concurrency`), so a page's own time includes
 * waiting for the others; the kinds' shares of the summed times are what compare, and `wallMs`
 * spreads the wall time of page generation (Astro's "Completed in" after "generating static routes")
 * over the kinds by those shares.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const PAGE_KINDS = ['notes', 'redirects', 'tags', 'folders', 'others'] as const;
export type PageKind = (typeof PAGE_KINDS)[number];

export interface KindCost {
  /** Pages Astro rendered. */
  rendered: number;
  /** Pages Astro carried over from the previous build without rendering them. */
  carried: number;
  /** The rendered pages' times as Astro printed them, summed. */
  summedMs: number;
  /** This kind's share of the page-generation stage's wall time. */
  wallMs: number;
}

export interface PageCosts {
  /** Astro's page generation, from its first page to its last, wall time. */
  wallMs: number;
  kinds: Record<PageKind, KindCost>;
}

/** One page as Astro printed it: carried over from the previous build, or rendered, in how long. */
export interface AstroPage {
  page: string;
  carried: boolean;
  /** For a rendered page. */
  ms?: number;
}

const PAGE_EVENT = /[├└]─ (\/\S*?\.(?:html|xml|json|txt))( \((?:cached|restored)\))?|\(\+([\d.]+)(ms|s)\)/g;

/**
 * The pages of Astro's output. Rendering several pages at once, Astro prints a page's address when
 * it starts and its time when it ends, so that lines interleave: times are matched to the rendered
 * pages in order (first finished, first started), exact for one page at a time and close otherwise.
 */
export function astroPages(astroOutput: string): AstroPage[] {
  const start = astroOutput.indexOf('generating static routes');
  const pages: AstroPage[] = [];
  const waiting: AstroPage[] = [];
  for (const [, page, carried, amount, unit] of astroOutput.slice(Math.max(0, start)).matchAll(PAGE_EVENT)) {
    if (page) {
      const entry: AstroPage = { page, carried: carried !== undefined };
      pages.push(entry);
      if (!entry.carried) waiting.push(entry);
    } else {
      const entry = waiting.shift();
      if (entry) entry.ms = Number(amount) * (unit === 's' ? 1000 : 1);
    }
  }
  return pages;
}

/** Astro's durations: `12ms`, `3.45s` or `2m 5s`. */
const DURATION = /(\d+)m (\d+)s|([\d.]+)(ms|s)/;
const COMPLETED = new RegExp(`Completed in (?:${DURATION.source})\\.`);

function milliseconds([, minutes, seconds, amount, unit]: RegExpExecArray): number {
  if (minutes !== undefined) return (Number(minutes) * 60 + Number(seconds)) * 1000;
  return Number(amount) * (unit === 's' ? 1000 : 1);
}

export function pageCosts(astroOutput: string, dist: string): PageCosts {
  const costs = Object.fromEntries(PAGE_KINDS.map((kind) => [kind, { rendered: 0, carried: 0, summedMs: 0, wallMs: 0 }])) as Record<
    PageKind,
    KindCost
  >;
  const generating = astroOutput.slice(Math.max(0, astroOutput.indexOf('generating static routes')));
  const completed = COMPLETED.exec(generating);
  const pagesWallMs = completed ? milliseconds(completed) : 0;
  for (const { page, carried, ms } of astroPages(astroOutput)) {
    const cost = costs[kindOf(dist, page)];
    if (carried) cost.carried++;
    else {
      cost.rendered++;
      cost.summedMs += ms ?? 0;
    }
  }
  const summed = PAGE_KINDS.reduce((sum, kind) => sum + costs[kind].summedMs, 0);
  for (const kind of PAGE_KINDS) costs[kind].wallMs = summed > 0 ? (costs[kind].summedMs / summed) * pagesWallMs : 0;
  return { wallMs: pagesWallMs, kinds: costs };
}

/** A written page's kind, from its address and what it holds. */
function kindOf(dist: string, page: string): PageKind {
  if (page.startsWith('/tags/') && page !== '/tags/index.html') return 'tags';
  if (!page.endsWith('.html')) return 'others';
  let html: string;
  try {
    html = readFileSync(path.join(dist, decodeURI(page)), 'utf8');
  } catch {
    return 'others';
  }
  if (html.includes('http-equiv="refresh"')) return 'redirects';
  if (html.includes('class="kg-folder"')) return 'folders';
  if (html.includes('class="kg-note"') && page !== '/index.html' && page !== '/404.html') return 'notes';
  return 'others';
}

export function formatPageCosts({ wallMs: total, kinds }: PageCosts): string[] {
  const lines = PAGE_KINDS.filter((kind) => kinds[kind].rendered + kinds[kind].carried > 0).map((kind) => {
    const { rendered, carried, summedMs, wallMs } = kinds[kind];
    const perPage = rendered > 0 ? (wallMs / rendered).toFixed(2) : '–';
    return (
      `${kind.padEnd(9)} ${String(rendered).padStart(6)} rendered, ${String(carried).padStart(6)} carried over; ` +
      `${(wallMs / 1000).toFixed(1)} s of page generation (${perPage} ms a page; Astro's summed per-page times ${(summedMs / 1000).toFixed(1)} s)`
    );
  });
  return [`page generation ${(total / 1000).toFixed(1)} s:`, ...lines.map((line) => `  ${line}`)];
}
