/**
 * A note's page address from its slug. Dependency-free, so that browser code (the graph pages build
 * links from the slugs in their data files) makes exactly the addresses `SiteUrls` makes.
 */
export function pagePath(base: string, slug: string): string {
  return slug === '' ? base : `${base}${encodePath(slug)}/`;
}

export function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}
