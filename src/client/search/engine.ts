/**
 * The search engine side of the UI: loads Pagefind's browser bundle on first use (never before the
 * reader starts searching) and turns its results into plain objects for the views.
 */

import { SEARCH_PARTS_FILE, type SearchPartsJson } from '../../core/publish/search-parts.ts';

interface PagefindSubResult {
  title: string;
  url: string;
  excerpt: string;
  /** Where the query's words are in the section, each with its score. */
  weighted_locations?: { balanced_score: number }[];
}

interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
  sub_results: PagefindSubResult[];
}

interface PagefindModule {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  mergeIndex(path: string, options: Record<string, unknown>): Promise<void>;
  search(term: string | null, options?: SearchOptions): Promise<PagefindResponse | null>;
  debouncedSearch(term: string, options: SearchOptions, ms: number): Promise<PagefindResponse | null>;
  filters(): Promise<Record<string, Record<string, number>>>;
}

interface SearchOptions {
  filters?: Record<string, unknown>;
  sort?: Record<string, 'asc' | 'desc'>;
}

interface PagefindResult {
  id: string;
  score: number;
  data(): Promise<PagefindResultData>;
}

interface PagefindResponse {
  results: PagefindResult[];
}

export interface SearchHit {
  url: string;
  title: string;
  /** Pagefind's excerpt: text with the matched words wrapped in `<mark>` (Pagefind escapes the text). */
  excerpt: string;
  area?: string | undefined;
  tags: string[];
  sections: { title: string; url: string; excerpt: string }[];
}

export type Filters = { tag?: string[]; area?: string[] };

let loading: Promise<PagefindModule> | undefined;
/** Whether the garden's index is in parts (src/core/publish/search-parts.ts), once the engine is loaded. */
let inParts = false;

export class SearchUnavailableError extends Error {}

/** The site's base path, from the page (set by the layout), e.g. `/` or `/handbook/`. */
export function siteBase(): string {
  return document.documentElement.dataset.base ?? '/';
}

/**
 * Loads Pagefind once, with every part of the garden's index (src/core/publish/search-parts.ts):
 * the first part, at `pagefind/`, in the language Pagefind picks for the page, then its other
 * languages (a note in Chinese or Japanese is indexed with its own word segmentation) and every
 * language of the other parts, merged in, so that one search box finds every note.
 */
export function loadEngine(): Promise<PagefindModule> {
  loading ??= (async () => {
    const base = siteBase();
    const bundle = `${base}pagefind/`;
    let pagefind: PagefindModule;
    try {
      pagefind = (await import(/* @vite-ignore */ `${bundle}pagefind.js`)) as PagefindModule;
    } catch {
      throw new SearchUnavailableError(
        import.meta.env.DEV
          ? 'Search needs a build: run `npm run build` once; the dev server then searches the index of the last build.'
          : 'The search index is missing from this site. Rebuild it with `npm run build`.',
      );
    }
    await pagefind.options({ baseUrl: base, highlightParam: 'highlight', excerptLength: 24 });
    await pagefind.init();
    const [entry, list] = await Promise.all([
      fetch(`${bundle}pagefind-entry.json`).then((response) => response.json() as Promise<PagefindEntry>),
      // An index written before the garden could split it has no list: it is one part.
      fetch(`${bundle}${SEARCH_PARTS_FILE}`).then((response) =>
        response.ok ? (response.json() as Promise<SearchPartsJson>) : { parts: [] },
      ),
    ]);
    // Pagefind skips a merge whose path is a prefix of its own base path (it takes it for itself);
    // the absolute URL of the same bundle is not, so each other language's index is merged.
    const absoluteBundle = new URL(bundle, location.href).href;
    const primary = primaryLanguage(entry, document.documentElement.lang);
    for (const language of Object.keys(entry.languages)) {
      if (language !== primary) await pagefind.mergeIndex(absoluteBundle, { language, baseUrl: base });
    }
    inParts = list.parts.length > 0;
    for (const part of list.parts) {
      for (const language of part.languages)
        await pagefind.mergeIndex(new URL(part.path, absoluteBundle).href, { language, baseUrl: base });
    }
    return pagefind;
  })();
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}

interface PagefindEntry {
  languages: Record<string, { page_count: number }>;
}

/**
 * The language of the first part that Pagefind searches first, as Pagefind picks it: the page's
 * language, else its main subtag, else the language with the most pages. Its other languages are
 * merged in.
 */
export function primaryLanguage(entry: PagefindEntry, pageLanguage: string): string | undefined {
  const language = (pageLanguage || 'unknown').toLowerCase();
  if (language in entry.languages) return language;
  const main = language.split('-')[0]!;
  if (main in entry.languages) return main;
  return Object.entries(entry.languages).sort((a, b) => b[1].page_count - a[1].page_count)[0]?.[0];
}

function toFilterOptions(filters: Filters): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  if (filters.tag?.length) options.tag = { all: filters.tag };
  if (filters.area?.length) options.area = { any: filters.area };
  return options;
}

/** How much influence can raise a result's score: enough to order near-equal matches, never to lift a weak one over a good one. */
export const INFLUENCE_TIE_BREAK = 0.05;

/**
 * Influence (PageRank, see graph/influence.ts) as a tie-breaker: among results of (nearly) the same
 * score, the note the garden relies on more comes first. Each note page carries its place in the
 * garden's influence order, as a Pagefind sort key and as metadata; the results' places among one
 * another (`byInfluence`, most influential first) raise their scores by up to
 * `INFLUENCE_TIE_BREAK` (5 %), so the most influential gets the full 5 % and the least none.
 */
export function preferInfluential<T extends { id: string; score: number }>(results: T[], byInfluence: readonly { id: string }[]): T[] {
  if (results.length < 2) return results;
  const place = new Map(byInfluence.map((result, i) => [result.id, i]));
  const last = Math.max(byInfluence.length - 1, 1);
  const boosted = (result: T) => result.score * (1 + INFLUENCE_TIE_BREAK * (1 - (place.get(result.id) ?? last) / last));
  return results
    .map((result, order) => ({ result, order, score: boosted(result) }))
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .map(({ result }) => result);
}

/**
 * The first `limit` results, influence breaking near-ties. In one index, a second search of the
 * same words sorted by the influence key gives every result's place (on the index chunks the
 * first search loaded), and only the results shown are loaded. Merged parts lose that order (their
 * results are sorted by score again), so the places then come from each result's metadata, loaded
 * for the results a 5 % rise could bring among the first `limit`.
 */
async function ranked(
  pagefind: PagefindModule,
  term: string,
  response: PagefindResponse,
  options: SearchOptions,
  limit: number,
): Promise<PagefindResultData[]> {
  if (!inParts) {
    const byInfluence =
      response.results.length < 2 ? [] : ((await pagefind.search(term, { ...options, sort: { influence: 'asc' } }))?.results ?? []);
    return Promise.all(
      preferInfluential(response.results, byInfluence)
        .slice(0, limit)
        .map((result) => result.data()),
    );
  }
  const loaded = await Promise.all(
    tieBreakCandidates(response.results, limit).map(async (result) => ({ id: result.id, score: result.score, data: await result.data() })),
  );
  return preferInfluentialByMetadata(loaded, limit).map(({ data }) => data);
}

/** The first `limit` of loaded results, ordered by `preferInfluential` with their places from their metadata. */
export function preferInfluentialByMetadata<T extends { id: string; score: number; data: { meta: Record<string, string> } }>(
  loaded: T[],
  limit: number,
): T[] {
  const byInfluence = [...loaded].sort((a, b) => influencePlace(a.data) - influencePlace(b.data));
  return preferInfluential(loaded, byInfluence).slice(0, limit);
}

/**
 * The results the tie-breaker may place among the first `limit`: those a 5 % rise could lift
 * there, at most twice `limit` (so that a search of a word every note has loads a few more
 * results, not hundreds). Pagefind gives results best first, whichever part they come from.
 */
export function tieBreakCandidates<T extends { score: number }>(results: readonly T[], limit: number): T[] {
  if (results.length <= limit) return [...results];
  const last = results[limit - 1]!.score;
  return results.filter((result, i) => i < limit || result.score * (1 + INFLUENCE_TIE_BREAK) >= last).slice(0, 2 * limit);
}

/** A result's place in the garden's influence order, from its metadata (the least influential when it has none). */
function influencePlace(data: { meta: Record<string, string> }): number {
  const place = Number(data.meta.influence);
  return Number.isFinite(place) && data.meta.influence !== '' ? place : Number.POSITIVE_INFINITY;
}

/** The first `limit` results, with what the views show of each. */
async function toHits(
  pagefind: PagefindModule,
  term: string,
  response: PagefindResponse | null,
  options: SearchOptions,
  limit: number,
): Promise<SearchHit[]> {
  if (!response) return [];
  return (await ranked(pagefind, term, response, options, limit)).map((result) => ({
    url: result.url,
    title: result.meta.title ?? result.url,
    excerpt: result.excerpt,
    area: result.filters.area?.[0],
    tags: result.filters.tag ?? [],
    sections: bestSections(result),
  }));
}

/** Sections shown under a result: the ones that match best, so that a search finds the place in a long note. */
export const SECTIONS_PER_RESULT = 2;

function bestSections(result: PagefindResultData): SearchHit['sections'] {
  const score = (section: PagefindSubResult) =>
    (section.weighted_locations ?? []).reduce((sum, location) => sum + location.balanced_score, 0);
  return result.sub_results
    .filter((section) => section.url !== result.url && section.title !== result.meta.title)
    .map((section, order) => ({ section, order, score: score(section) }))
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .slice(0, SECTIONS_PER_RESULT)
    .map(({ section }) => ({ title: section.title, url: section.url, excerpt: section.excerpt }));
}

/** Searches as the reader types: debounced, so that only the last keystroke's search runs. */
export async function searchAsYouType(term: string, filters: Filters, limit = 10): Promise<SearchHit[] | null> {
  const pagefind = await loadEngine();
  const options = { filters: toFilterOptions(filters) };
  const response = await pagefind.debouncedSearch(term, options, 150);
  if (response === null) return null;
  return toHits(pagefind, term, response, options, limit);
}

export async function search(term: string, filters: Filters = {}, limit = 20): Promise<SearchHit[]> {
  const pagefind = await loadEngine();
  const options = { filters: toFilterOptions(filters) };
  return toHits(pagefind, term, await pagefind.search(term, options), options, limit);
}

/** Tag and area values with their note counts, most used first. */
export async function availableFilters(): Promise<{ tag: [string, number][]; area: [string, number][] }> {
  const pagefind = await loadEngine();
  const filters = await pagefind.filters();
  const sorted = (values: Record<string, number> | undefined) =>
    Object.entries(values ?? {}).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return { tag: sorted(filters.tag), area: sorted(filters.area) };
}
