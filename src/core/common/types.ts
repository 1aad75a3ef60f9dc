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

export const asContentPath = (value: string) => value as ContentPath;
export const asSlug = (value: string) => value as Slug;
export const asPageUrl = (value: string) => value as PageUrl;
