/**
 * The three kinds of "where" in the garden, kept apart by the type system so that a file path is
 * never used as a URL or a slug as a path by accident (the Quartz lesson).
 */

declare const brand: unique symbol;
type Brand<T, Name extends string> = T & { readonly [brand]: Name };

/** A file's path relative to the content folder: POSIX separators, NFC, e.g. `Guides/How to.md`. */
export type ContentPath = Brand<string, 'ContentPath'>;

/** A published page's identity in the site: lower-case, `/`-separated, no leading or trailing slash.
 * The home page (`index.md` at the content root) has the empty slug. */
export type Slug = Brand<string, 'Slug'>;

/** A URL as the browser sees it, including the site's base path, e.g. `/handbook/guides/how-to/`. */
export type PageUrl = Brand<string, 'PageUrl'>;

/**
 * A leading or trailing `/`, an empty part (`//`), or a `.` or `..` part: what neither a content path
 * nor a slug may have. One test, without splitting the string: slugs are made millions of times in a
 * large garden's build (the local graphs alone), where splitting each one cost seconds.
 */
const NOT_RELATIVE_SEGMENTS = /^\/|\/$|\/\/|(?:^|\/)\.\.?(?:\/|$)/;

/**
 * The only ways to make the three kinds from a string. Each checks the shape its kind promises, so a
 * slug passed where a path belongs, or a path built with a stray separator, fails where it is made
 * rather than as a broken link pages later. The checks are structural and cheap (no file system):
 * a failure is a bug in the garden's code, never a content problem (content is checked, with
 * file:line:col, by the scan and the resolver before any of these are made).
 */
export function asContentPath(value: string): ContentPath {
  if (value === '' || NOT_RELATIVE_SEGMENTS.test(value))
    throw new TypeError(`Not a content path (relative, "/"-separated, no empty, "." or ".." parts): ${JSON.stringify(value)}`);
  return value as ContentPath;
}

export function asSlug(value: string): Slug {
  if (value !== '' && NOT_RELATIVE_SEGMENTS.test(value))
    throw new TypeError(`Not a slug (no leading or trailing "/", no empty, "." or ".." parts): ${JSON.stringify(value)}`);
  return value as Slug;
}

export function asPageUrl(value: string): PageUrl {
  if (!value.startsWith('/') || value.startsWith('//'))
    throw new TypeError(`Not a page URL (a path from the site's root, starting with one "/"): ${JSON.stringify(value)}`);
  return value as PageUrl;
}

/** The home page's slug (`index.md` at the content root). */
export const HOME_SLUG = asSlug('');
