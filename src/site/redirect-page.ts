import type { Redirect } from '../core/index/redirects.ts';
import type { PageUrl } from '../core/common/types.ts';
import { contentSecurityPolicy } from './csp.ts';
import { pageKey } from './page-keys.ts';
import { siteData } from './site-data.ts';

/**
 * One page per old address of a renamed or moved note, and per alias (src/core/index/redirects.ts),
 * with its key (page-keys.ts; the site's own address, which the canonical link names, is part of
 * Astro's configuration, which its incremental build compares itself).
 */
export function redirectPaths(): { params: { redirect: string }; props: { redirect: Redirect }; cacheKey?: string }[] {
  return siteData().garden.redirects.map((redirect) => {
    const cacheKey = pageKey(redirectPage(redirect, undefined), { title: redirect.from, current: undefined });
    return { params: { redirect: redirect.from }, props: { redirect }, ...(cacheKey ? { cacheKey } : {}) };
  });
}

export interface RedirectPageView {
  /** The note's title (its address, should the note be gone). */
  title: string;
  href: PageUrl;
  /** The note's address, absolute when Astro's `site` is set. */
  canonical: string;
  policy: string;
}

export function redirectPage(redirect: Redirect, site: URL | undefined): RedirectPageView {
  const { garden, urls } = siteData();
  const href = urls.page(redirect.to);
  return {
    title: garden.index.bySlug.get(redirect.to)?.title ?? redirect.to,
    href,
    canonical: site ? new URL(href, site).href : href,
    policy: contentSecurityPolicy(garden.config),
  };
}
