import type { SourcePoint } from '../common/diagnostics.ts';

/**
 * Invisible characters that have no place in a note or a file name:
 * - control characters (NUL, escape, …; tab, line feed, carriage return and form feed are text):
 *   a sign of a binary or corrupted file, and invalid in the site's XML and JSON outputs;
 * - bidirectional embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069), which
 *   make text display in another order than it is stored ("Trojan Source"): a link or a file name
 *   that reads `report.pdf` but is something else. Right-to-left writing needs none of them (the
 *   marks U+200E and U+200F stay allowed).
 */
const CONTROL = /[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F]/g;
const BIDI = /[\u202A-\u202E\u2066-\u2069]/g;

export interface FoundCharacter {
  at: SourcePoint;
  /** `U+202E`. */
  codePoint: string;
  /** How many there are in the text. */
  count: number;
}

function find(text: string, pattern: RegExp): FoundCharacter | undefined {
  pattern.lastIndex = 0;
  const first = pattern.exec(text);
  if (!first) return undefined;
  const before = text.slice(0, first.index);
  const line = before.split('\n').length;
  const column = first.index - (before.lastIndexOf('\n') + 1) + 1;
  const count = text.match(pattern)?.length ?? 1;
  return { at: { line, column }, codePoint: `U+${first[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`, count };
}

export const findControlCharacter = (text: string): FoundCharacter | undefined => find(text, CONTROL);
export const findBidiControl = (text: string): FoundCharacter | undefined => find(text, BIDI);

/** Control characters replaced by U+FFFD, as CommonMark does with NUL: same length, same positions. */
export function replaceControlCharacters(text: string): string {
  return text.replace(CONTROL, '\uFFFD');
}

/** A name as it can be shown safely: invisible characters written as `\u{202e}`. */
export function visibleName(name: string): string {
  return name.replace(/[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g, (char) => `\\u{${char.codePointAt(0)!.toString(16)}}`);
}

/** In a name, tabs and line breaks are control characters too. */
const NAME_CONTROL = /[\u0000-\u001F\u007F-\u009F]/g;

/** Why a file or folder name is refused, or `undefined` when it is fine. */
export function unsafeNameReason(name: string): string | undefined {
  const control = find(name, NAME_CONTROL);
  if (control) return `contains the invisible control character ${control.codePoint}`;
  const bidi = findBidiControl(name);
  if (bidi)
    return `contains the invisible bidirectional control character ${bidi.codePoint}, which makes it display differently from what it is`;
  return undefined;
}
