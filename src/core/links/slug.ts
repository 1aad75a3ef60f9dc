import { slug as githubSlug } from 'github-slugger';
import { fitFilePath, fitPath } from './name-length.ts';
import { asSlug, type ContentPath, type Slug, asContentPath } from '../common/types.ts';

/** File names that stand for their folder, as a web server or GitHub would show them. */
const FOLDER_PAGE_NAMES = new Set(['index', 'readme']);

/** Characters that are never seen: variation selectors (the U+FE0F after many emoji), zero-width
 * joiners and non-joiners, soft hyphens, byte order marks (Unicode's default-ignorable characters). */
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu;

/** A segment's words: letters (with their combining marks) and digits, runs of anything else as `-`;
 * `''` when it has none. */
function segmentWords(segment: string): string {
  return (
    segment
      .normalize('NFC')
      .toLowerCase()
      .replace(INVISIBLE, '')
      .replace(/[^\p{L}\p{M}\p{N}]+/gu, '-')
      // A combining mark whose letter was dropped (after an emoji or a symbol) has nothing to combine with.
      .replace(/(^|-)\p{M}+/gu, '$1')
      .replace(/-{2,}/g, '-')
      .replace(/^-+|-+$/g, '')
  );
}

/**
 * One path segment as a URL segment: NFC, lower-case, Unicode letters, marks and digits kept,
 * everything else (spaces, punctuation, emoji) collapsed to a single `-`, never at either end, and
 * no invisible characters (`🗂️ Index` → `index`). A name without letters or digits keeps its visible
 * symbols (`🚀.md` → `🚀`), or else becomes `untitled`.
 */
export function slugifySegment(segment: string): string {
  const words = segmentWords(segment);
  if (words !== '') return words;
  const symbols = segment
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .match(/\p{S}+/gu);
  return symbols ? symbols.join('-') : 'untitled';
}

/** Whether a segment has letters or digits (an alias of only emoji or punctuation gives no address). */
export function hasSlugWords(segment: string): boolean {
  return segmentWords(segment) !== '';
}

/** `Guides/How to.md` → `guides/how-to`; `Guides/index.md` → `guides`; `index.md` → ``. */
export function slugForNotePath(path: ContentPath): Slug {
  return slugForSegments(noteSegments(path));
}

/** The segments a note's address is made of: its folders and its name (none for a folder page). */
function noteSegments(path: ContentPath): string[] {
  const segments = path.replace(/\.md$/i, '').split('/');
  const last = segments[segments.length - 1] ?? '';
  if (FOLDER_PAGE_NAMES.has(last.toLowerCase())) segments.pop();
  return segments;
}

/**
 * A note's slug (or with `path`, the slug of a `/`-separated name: a tag, an alias) before it is fitted to the file system's lengths:
 * compared with the real slug, it tells that a name was shortened.
 */
export function unfittedSlug(value: string, kind: 'note' | 'path' = 'note'): string {
  const segments = kind === 'note' ? noteSegments(asContentPath(value)) : value.split('/');
  return segments.map(slugifySegment).join('/');
}

/**
 * The slug of a path given as segments (a note's folders and name, a folder, an alias): each
 * segment slugified, then fitted to what a file system accepts (output/name-length.ts).
 */
export function slugForSegments(segments: readonly string[]): Slug {
  return asSlug(fitPath(segments.map(slugifySegment).join('/')));
}

/** Whether a note is its folder's page (`index.md` or `README.md`). */
export function isFolderPage(path: ContentPath): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1).replace(/\.md$/i, '');
  return FOLDER_PAGE_NAMES.has(name.toLowerCase());
}

/**
 * Attachments keep their extension: `Images/My Diagram.PNG` → `images/my-diagram.png`; fitted to
 * the file system's lengths unless `fit: false` (to tell that a name was shortened).
 */
export function slugForAttachmentPath(path: ContentPath, options: { fit?: boolean } = {}): string {
  const segments = path.split('/');
  const name = segments.pop() ?? '';
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const extension =
    dot > 0
      ? name
          .slice(dot + 1)
          .toLowerCase()
          .replace(/[^a-z0-9]/g, '')
      : '';
  const file = extension ? `${slugifySegment(stem)}.${extension}` : slugifySegment(stem);
  const slug = [...segments.map(slugifySegment), file].join('/');
  return options.fit === false ? slug : fitFilePath(slug);
}

/** A heading's anchor exactly as GitHub computes it (without the de-duplication counter). */
export function headingSlug(text: string): string {
  return githubSlug(text);
}

/** A tag's URL segment path: `#Project/Alpha` → `project/alpha`. */
export function slugForTag(tag: string): string {
  return slugForSegments(tag.split('/'));
}
