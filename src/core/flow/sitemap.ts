import { xmlText } from './xml.ts';

/** What one sitemap file may hold (sitemaps.org): more URLs go into several files and an index. */
export const SITEMAP_LIMIT = 50_000;

export interface SitemapEntry {
  /** Absolute address. */
  url: string;
  /** `YYYY-MM-DD` or an ISO date-time, when known. */
  lastModified?: string | undefined;
}

export function sitemapXml(entries: readonly SitemapEntry[]): string {
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...entries.map(
      (entry) =>
        `  <url><loc>${xmlText(entry.url)}</loc>${entry.lastModified ? `<lastmod>${xmlText(w3cDate(entry.lastModified))}</lastmod>` : ''}</url>`,
    ),
    '</urlset>',
    '',
  ].join('\n');
}

export function sitemapIndexXml(files: readonly string[]): string {
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...files.map((file) => `  <sitemap><loc>${xmlText(file)}</loc></sitemap>`),
    '</sitemapindex>',
    '',
  ].join('\n');
}

/** The date part is enough for search engines, and is what every source of dates here agrees on. */
function w3cDate(value: string): string {
  return value.slice(0, 10);
}
