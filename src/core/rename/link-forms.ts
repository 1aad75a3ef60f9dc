import path from 'node:path/posix';
import { safeDecode } from '../common/decode.ts';
import type { Resolver } from '../links/resolver.ts';
import { isFolderPage } from '../links/slug.ts';
import type { ContentPath } from '../common/types.ts';

/** A file a link must lead to. */
export interface LinkDestination {
  kind: 'note' | 'attachment';
  path: ContentPath;
}

const withoutMd = (value: string) => value.replace(/\.md$/i, '');
/** What a wikilink's name cannot hold: its own delimiters. */
const NOT_IN_WIKILINK = /[|#[\]\r\n]/;

/**
 * The name to write in `[[…]]` so that it leads to `destination` from the note at `from`, and
 * to nothing else: in the written style (`/root/path`, `./relative` or `../relative`, keeping a
 * `.md` the author wrote), else the shortest path suffix the resolver reads as that file alone
 * (`Name`, then `folder/Name`, …), with a root path as the last resort. `undefined` when the
 * file's path cannot be written inside a wikilink (it holds `|`, `#` or brackets).
 */
export function wikiLinkName(written: string, from: ContentPath, destination: LinkDestination, resolver: Resolver): string | undefined {
  const keepMd = destination.kind === 'note' && /\.md$/i.test(written.trim());
  const spelled = (filePath: string) => (destination.kind === 'note' && !keepMd ? withoutMd(filePath) : filePath);
  const leadsThere = (name: string) => {
    const resolution = resolver.resolveName(from, name, undefined);
    return (
      (resolution.kind === 'note' || resolution.kind === 'attachment') &&
      resolution.kind === destination.kind &&
      resolution.path === destination.path &&
      !resolution.ambiguous
    );
  };
  const usable = (name: string | undefined) =>
    name !== undefined && name !== '' && !NOT_IN_WIKILINK.test(name) && name.trim() === name && leadsThere(name) ? name : undefined;

  const style = written.trim().replaceAll('\\', '/');
  if (style.startsWith('/')) return usable(`/${spelled(destination.path)}`);
  if (/^\.{1,2}\//.test(style)) return usable(relativePath(from, spelled(destination.path), style.startsWith('./')));

  for (const candidate of nameCandidates(destination)) {
    const name = usable(keepMd ? `${candidate}.md` : candidate);
    if (name) return name;
  }
  return usable(`/${spelled(destination.path)}`);
}

/**
 * Path suffixes that can name the file, shortest first. A folder page is named by its folder
 * (`[[guides]]`) before its own name (`[[guides/index]]`): `index` alone names no note a reader knows.
 */
function nameCandidates(destination: LinkDestination): string[] {
  const segments = (destination.kind === 'note' ? withoutMd(destination.path) : destination.path).split('/');
  const depth = (name: string) => name.split('/').length;
  const shortestFirst = (names: string[]) => names.sort((a, b) => depth(a) - depth(b) || a.length - b.length);
  const folderNames =
    destination.kind === 'note' && isFolderPage(destination.path) && segments.length > 1
      ? shortestFirst(suffixes(segments.slice(0, -1)))
      : [];
  return [...folderNames, ...shortestFirst(suffixes(segments))];
}

function suffixes(segments: readonly string[]): string[] {
  return segments.map((_, start) => segments.slice(start).join('/'));
}

function relativePath(from: ContentPath, to: string, dotSlash: boolean): string {
  const relative = path.relative(path.dirname(from), to);
  return dotSlash && !relative.startsWith('../') ? `./${relative}` : relative;
}

/**
 * The destination to write in a Markdown link (`[x](…)`, `![x](…)`, `[ref]: …`) or an HTML
 * attribute so that it leads to `destination` from the note at `from`, in the style it was
 * written: root (`/…`) or relative (with `./` if it had one), with or without `.md`, a folder link
 * (`guides/`) for a folder page written so, `<…>` or percent-encoding for spaces. A `#fragment`
 * or `?query` is kept as it was.
 */
export function urlDestination(written: string, from: ContentPath, destination: LinkDestination, syntax: 'markdown' | 'html'): string {
  const angle = syntax === 'markdown' && written.startsWith('<') && written.endsWith('>');
  const inner = angle ? written.slice(1, -1) : written;
  const cut = inner.search(/[#?]/);
  const pathPart = cut === -1 ? inner : inner.slice(0, cut);
  const rest = cut === -1 ? '' : inner.slice(cut);
  const decoded = safeDecode(pathPart);

  const folderLink = pathPart.endsWith('/') && destination.kind === 'note' && isFolderPage(destination.path);
  // The file (or, for a folder link, the folder) from the content root, '' being the root itself.
  let target: string;
  if (folderLink) target = path.dirname(destination.path) === '.' ? '' : path.dirname(destination.path);
  else if (destination.kind === 'note' && !/\.md$/i.test(decoded)) target = withoutMd(destination.path);
  else target = destination.path;
  const trailing = folderLink && target !== '' ? '/' : '';

  let newPath: string;
  if (pathPart.startsWith('/')) newPath = `/${target}${trailing}`;
  else {
    const relative = path.relative(path.dirname(from), target);
    if (relative === '') newPath = './';
    else newPath = `${pathPart.startsWith('./') && !relative.startsWith('../') ? './' : ''}${relative}${folderLink ? '/' : ''}`;
  }

  if (angle) return `<${newPath.replace(/[<>\\]/g, (char) => `\\${char}`)}${rest}>`;
  const encoded = encodePath(newPath, /%[89a-f][0-9a-f]/i.test(pathPart));
  return syntax === 'html'
    ? `${encoded.replaceAll('&', '&amp;').replaceAll('"', '%22').replaceAll("'", '%27')}${rest}`
    : `${encoded}${rest}`;
}

/**
 * Percent-encodes what a link destination cannot hold as it is (spaces, `%`, parentheses, `<>`,
 * `#`, `?`, backslashes, controls); letters of any script stay readable unless the author encoded
 * them too. Every garden resolver and GitHub decode it.
 */
function encodePath(value: string, encodeNonAscii: boolean): string {
  return value.replace(/[\s%()<>#?\\"`{}|^[\]]|[^\x00-\x7f]/gu, (char) => {
    if (/[^\x00-\x7f]/u.test(char) && !encodeNonAscii) return char;
    return encodeURIComponent(char).replace(/[()]/g, (paren) => `%${paren.charCodeAt(0).toString(16).toUpperCase()}`);
  });
}

/**
 * Whether a URL's path names the file itself (relative to the note, or from the root), rather than
 * reaching it through the resolver's fallbacks (an attachment or a note found by its name anywhere,
 * as Obsidian does). GitHub and most editors follow only such paths, so a rename keeps them so.
 */
export function namesFileDirectly(from: ContentPath, url: string, file: ContentPath): boolean {
  const pathPart = safeDecode(
    url
      .trim()
      .replace(/^<|>$/g, '')
      .replace(/[#?].*$/, ''),
  ).normalize('NFC');
  if (pathPart === '') return false;
  const joined = path.normalize(pathPart.startsWith('/') ? pathPart.slice(1) : path.join(path.dirname(from), pathPart)).replace(/\/+$/, '');
  const wanted = file.toLowerCase();
  return [joined, `${joined}.md`, `${joined}/index.md`, `${joined}/README.md`].some((candidate) => candidate.toLowerCase() === wanted);
}
