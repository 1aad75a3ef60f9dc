/**
 * Text for XML documents (the feed, the sitemap). Titles and names come from notes and git, so they
 * are escaped, and characters XML 1.0 forbids (most control characters) are dropped: one such
 * character in a note's title would otherwise make the whole feed unreadable.
 */
const FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function xmlText(value: string): string {
  return value.replace(FORBIDDEN, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function xmlAttribute(value: string): string {
  return xmlText(value).replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}
