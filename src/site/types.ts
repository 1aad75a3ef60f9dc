/**
 * The garden's types that pages and components name in their props: re-exported here, because
 * pages and components import src/site only, never the core.
 */
export type { IndexedNote, TagEntry } from '../core/index/types.ts';
export type { PageUrl, Slug } from '../core/common/types.ts';
export type { Folder } from '../core/index/tree.ts';
export type { Redirect } from '../core/index/redirects.ts';
