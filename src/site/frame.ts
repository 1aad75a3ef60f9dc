import type { IndexedNote } from '../core/index/types.ts';
import { type PageUrl, type Slug, HOME_SLUG } from '../core/common/types.ts';
import { EXPLORER_DATA_DIR } from '../core/publish/explorer-json.ts';
import { contentSecurityPolicy, pageFeatures } from './csp.ts';
import { explorerFor, type ExplorerList } from './navigation.ts';
import { siteData } from './site-data.ts';
import { gardenTree } from './view.ts';

/** What every page has around its content: the layout's head and footer, the header, the menu and the explorer. */

export interface PageFrame {
  siteTitle: string;
  /** The page's title with the garden's name appended (the garden's name alone on its home page). */
  fullTitle: string;
  /** The page's Content-Security-Policy; none in dev, whose server injects inline styles and scripts (hot reloading). */
  policy?: string | undefined;
  /** The site's base path, for browser code that builds addresses. */
  base: string;
  /** `conversations`: the open questions, when comments are configured. */
  links: { favicon: PageUrl; feed: PageUrl; recent: PageUrl; health: PageUrl; conversations?: PageUrl | undefined };
}

/**
 * `current` is the page's place in the garden (a note's or folder's slug); `note` a note the page
 * shows that is not at `current` (the page not found's `404.md`): its features count for the policy.
 */
export function pageFrame(title: string, current: Slug | undefined, note: IndexedNote | undefined): PageFrame {
  const { garden, urls, publishing } = siteData();
  const siteTitle = garden.config.title;
  // A note's page may need more than every page's policy (its diagrams: src/site/csp.ts).
  const policy = publishing
    ? contentSecurityPolicy(
        garden.config,
        pageFeatures(garden.index, note ?? (current === undefined ? undefined : garden.index.bySlug.get(current))),
      )
    : undefined;
  return {
    siteTitle,
    fullTitle: title === siteTitle ? siteTitle : `${title} · ${siteTitle}`,
    policy,
    base: urls.base,
    links: {
      favicon: urls.special('favicon.svg'),
      feed: urls.special('feed.xml'),
      recent: urls.special('recent/'),
      health: urls.special('health/'),
      conversations: garden.config.comments ? urls.special('conversations/') : undefined,
    },
  };
}

export interface SiteHeaderView {
  title: string;
  home: PageUrl;
  /** The brand's logo: a path in `public/` (under the site's base) or an address. */
  logo?: string | undefined;
}

export function siteHeader(): SiteHeaderView {
  const { garden, urls } = siteData();
  const { title, brand } = garden.config;
  const logo = brand.logo && (brand.logo.startsWith('/') ? `${urls.base}${brand.logo.slice(1)}` : brand.logo);
  return { title, home: urls.page(HOME_SLUG), logo };
}

/** The garden's own pages, in the header on wide screens and in the menu on phones. */
export function siteNav(): { tags: PageUrl; graph: PageUrl; recent: PageUrl } {
  const { urls } = siteData();
  return { tags: urls.tags(), graph: urls.special('graph/'), recent: urls.special('recent/') };
}

export interface ExplorerView {
  /** Where the per-folder JSON files of the folders not rendered into the page are. */
  data: PageUrl;
  list: ExplorerList;
}

export function explorerView(current: Slug | undefined): ExplorerView {
  const { urls } = siteData();
  return { data: urls.special(`${EXPLORER_DATA_DIR}/`), list: explorerFor(gardenTree(), urls, current) };
}
