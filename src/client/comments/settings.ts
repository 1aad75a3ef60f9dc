/**
 * The hand-over between the page and its comments script: the server writes one note's giscus
 * settings as `data-*` attributes on the thread's container (no inline script, for the planned
 * Content-Security-Policy), and the browser reads them back. Both sides use this module, so the
 * attribute names cannot drift apart.
 */

export interface GiscusSettings {
  host: string;
  repo: string;
  repoId: string;
  category: string;
  categoryId: string;
  /** The note's thread: its `id`, or its address (mapping `specific`, strict matching). */
  term: string;
  lang: string;
  reactionsEnabled: boolean;
  inputPosition: 'top' | 'bottom';
  loading: 'lazy' | 'eager';
  /** The giscus theme for each of the page's themes. */
  themes: { light: string; dark: string };
}

/** The container's attributes; `data-kg-giscus` marks it for the script. */
export function giscusDataAttributes(settings: GiscusSettings): Record<string, string> {
  return {
    'data-kg-giscus': '',
    'data-host': settings.host,
    'data-repo': settings.repo,
    'data-repo-id': settings.repoId,
    'data-category': settings.category,
    'data-category-id': settings.categoryId,
    'data-term': settings.term,
    'data-lang': settings.lang,
    'data-reactions-enabled': settings.reactionsEnabled ? '1' : '0',
    'data-input-position': settings.inputPosition,
    'data-loading': settings.loading,
    'data-theme-light': settings.themes.light,
    'data-theme-dark': settings.themes.dark,
  };
}

/** The settings back from the container's `dataset`; `undefined` if one is missing. */
export function readGiscusSettings(dataset: DOMStringMap): GiscusSettings | undefined {
  const { host, repo, repoId, category, categoryId, term, lang, reactionsEnabled, inputPosition, loading, themeLight, themeDark } = dataset;
  if (!host || !repo || !repoId || !category || !categoryId || !term || !lang || !themeLight || !themeDark) return undefined;
  return {
    host,
    repo,
    repoId,
    category,
    categoryId,
    term,
    lang,
    reactionsEnabled: reactionsEnabled !== '0',
    inputPosition: inputPosition === 'top' ? 'top' : 'bottom',
    loading: loading === 'eager' ? 'eager' : 'lazy',
    themes: { light: themeLight, dark: themeDark },
  };
}
