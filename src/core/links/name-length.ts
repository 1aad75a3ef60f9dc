import { createHash } from 'node:crypto';
import type { Diagnostic } from '../common/diagnostics.ts';
import type { ContentPath } from '../common/types.ts';

/**
 * Every name the build writes must fit the file system: 255 bytes a path segment on Linux (ext4)
 * and macOS (APFS), 255 UTF-16 units on Windows (never more than the UTF-8 bytes), and a whole
 * path within macOS's 1,024 bytes once the output folder's own path is in front. A slug is made
 * from a file name, a title, a tag or an alias, and lower-casing can make it longer than what it
 * came from (`İ`, 2 bytes, becomes `i̇`, 3 bytes), so a note could otherwise stop the build with
 * ENAMETOOLONG.
 *
 * This step runs after the slug's character rules (slug.ts), on its segments: a segment longer than
 * `MAX_SEGMENT_BYTES` keeps its beginning and gets a short hash of the whole segment, so that the
 * shortened name is stable, still readable, and different for different long names; a path longer
 * than `MAX_PATH_BYTES` keeps its first segments and replaces the rest by a hash. Shortened names
 * are reported as warnings (`name-shortened`), so that an author can choose a shorter one.
 */

/**
 * The longest slug segment, in UTF-8 bytes. The build adds at most a few bytes to a segment
 * (`.json` for a note's local graph file), so every segment it writes stays well under 255.
 */
export const MAX_SEGMENT_BYTES = 200;

/**
 * The longest slug path, in UTF-8 bytes. The build puts at most 32 bytes around it
 * (`_garden/graph/local/<slug>.json`), so every path it writes stays within 800 bytes of the site's
 * folder: room for that folder's own path under macOS's 1,024.
 */
export const MAX_PATH_BYTES = 768;

const HASH_LENGTH = 10;
const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

/** A short, stable hash of a name: 10 hex digits of its SHA-256. */
export function nameHash(name: string): string {
  return createHash('sha256').update(name.normalize('NFC')).digest('hex').slice(0, HASH_LENGTH);
}

/** The longest beginning of `text` within `max` bytes, cut between characters (never inside one). */
function headWithin(text: string, max: number): string {
  let head = '';
  let size = 0;
  for (const character of text) {
    const width = bytes(character);
    if (size + width > max) break;
    head += character;
    size += width;
  }
  // A combining mark left without its letter, or a dash, would end the name oddly.
  return head.replace(/[\p{M}-]+$/u, '');
}

/** One segment within `max` bytes: itself when it fits, else its beginning, `-` and its hash. */
export function fitSegment(segment: string, max = MAX_SEGMENT_BYTES): string {
  if (bytes(segment) <= max) return segment;
  const head = headWithin(segment, max - HASH_LENGTH - 1);
  return head === '' ? nameHash(segment) : `${head}-${nameHash(segment)}`;
}

/** A `/`-separated slug path with every segment fitted, and the whole within `MAX_PATH_BYTES`. */
export function fitPath(path: string): string {
  const segments = path.split('/').map((segment) => fitSegment(segment));
  return withinPathLength(segments, path);
}

/**
 * An attachment's output path (`folder/name.ext`): the extension is kept, so the file is served
 * with its type; the name before it is shortened.
 */
export function fitFilePath(path: string): string {
  const segments = path.split('/');
  const file = segments.pop()!;
  const dot = file.lastIndexOf('.');
  const extension = dot > 0 && bytes(file) - dot <= 16 ? file.slice(dot) : '';
  const stem = extension ? file.slice(0, dot) : file;
  const fitted = [
    ...segments.map((segment) => fitSegment(segment)),
    `${fitSegment(stem, MAX_SEGMENT_BYTES - bytes(extension))}${extension}`,
  ];
  if (bytes(fitted.join('/')) <= MAX_PATH_BYTES) return fitted.join('/');
  return `${withinPathLength(fitted.slice(0, -1), path, bytes(extension))}${extension}`;
}

/**
 * Keeps the first segments while the path fits, then one segment that is the hash of the whole
 * original path (`reserve`: bytes to leave after it). Deterministic: the same path, the same result.
 */
function withinPathLength(segments: string[], original: string, reserve = 0): string {
  const joined = segments.join('/');
  if (reserve === 0 && bytes(joined) <= MAX_PATH_BYTES) return joined;
  const kept: string[] = [];
  let size = 0;
  const room = MAX_PATH_BYTES - reserve - HASH_LENGTH - 1;
  for (const segment of segments) {
    if (size + bytes(segment) + 1 > room) break;
    kept.push(segment);
    size += bytes(segment) + 1;
  }
  return [...kept, nameHash(original)].join('/');
}

/**
 * The warning for a name that had to be shortened (`name-shortened`), or `undefined` when `fitted`
 * is `unfitted`. `what` names it: "address", "tag #…", "alias …", "published file".
 */
export function shortenedNameWarning(file: ContentPath, what: string, unfitted: string, fitted: string): Diagnostic | undefined {
  if (unfitted === fitted) return undefined;
  const shown = what.length > 80 ? `${what.slice(0, 79)}…` : what;
  return {
    file,
    severity: 'warning',
    rule: 'name-shortened',
    message: `The ${shown} would be ${bytes(unfitted).toLocaleString('en')} bytes long as a path in the site, more than file systems accept; it is published shortened, as /${fitted}.`,
    hint: `Choose a shorter name (at most ${MAX_SEGMENT_BYTES} bytes a part, ${MAX_PATH_BYTES} in all; letters outside ASCII take 2 to 4 bytes each).`,
  };
}
