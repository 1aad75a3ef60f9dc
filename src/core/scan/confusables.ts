import unhomoglyph from 'unhomoglyph';
import type { Diagnostic } from '../common/diagnostics.ts';
import type { ContentPath } from '../common/types.ts';
import { visibleName } from './characters.ts';

/**
 * Names that read alike but are different files: `Viсtim.md` (a Cyrillic `с`) beside `Victim.md`,
 * or a name with an invisible character in it. A reader who follows a link that looks like the
 * right note lands on another one; a reviewer sees nothing wrong in the pull request. The check
 * reports them as warnings (`confusable-name`), naming both files:
 * - two names with the same skeleton (Unicode TR39, section 4): the name decomposed (NFD), its
 *   default-ignorable code points removed, each character mapped to its prototype in Unicode's
 *   confusables data (the `unhomoglyph` package), decomposed again. Compared as written and
 *   lower-cased, since links and addresses ignore case;
 * - a word that mixes scripts (Latin and Cyrillic in one word), with Script_Extensions and the
 *   scripts that are written together (Han with kana or Hangul) allowed, as in TR39's
 *   "restriction levels";
 * - an invisible (default-ignorable) character other than the joiners and variation selectors that
 *   some scripts and emoji need.
 */

const DEFAULT_IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;
/** Needed by Arabic and Indic scripts (ZWNJ, ZWJ) and by emoji (ZWJ, variation selectors). */
const NEEDED_IGNORABLES = new Set(['\u200C', '\u200D', '\uFE0E', '\uFE0F']);

export function skeleton(name: string): string {
  return unhomoglyph(name.normalize('NFD').replace(DEFAULT_IGNORABLE, '')).normalize('NFD');
}

/**
 * Scripts a letter may belong to (Script_Extensions), with the writing systems that combine several
 * (`Jpan`: Han, Hiragana, Katakana; `Kore`: Han, Hangul; `Hanb`: Han, Bopomofo) added, so that a
 * Japanese word is one script. Letters of a script missing from this list count as their own.
 */
const SCRIPTS: [name: string, pattern: RegExp, writingSystems?: string[]][] = [
  ...[
    'Latin',
    'Greek',
    'Cyrillic',
    'Armenian',
    'Hebrew',
    'Arabic',
    'Syriac',
    'Thaana',
    'Devanagari',
    'Bengali',
    'Gurmukhi',
    'Gujarati',
    'Oriya',
    'Tamil',
    'Telugu',
    'Kannada',
    'Malayalam',
    'Sinhala',
    'Thai',
    'Lao',
    'Tibetan',
    'Myanmar',
    'Georgian',
    'Ethiopic',
    'Cherokee',
    'Khmer',
    'Mongolian',
    'Canadian_Aboriginal',
    'Tifinagh',
    'Coptic',
    'Runic',
    'Ogham',
    'Vai',
    'Yi',
  ].map((name): [string, RegExp] => [name, new RegExp(`\\p{Script_Extensions=${name}}`, 'u')]),
  ['Han', /\p{Script_Extensions=Han}/u, ['Jpan', 'Kore', 'Hanb']],
  ['Hiragana', /\p{Script_Extensions=Hiragana}/u, ['Jpan']],
  ['Katakana', /\p{Script_Extensions=Katakana}/u, ['Jpan']],
  ['Hangul', /\p{Script_Extensions=Hangul}/u, ['Kore']],
  ['Bopomofo', /\p{Script_Extensions=Bopomofo}/u, ['Hanb']],
];

function scriptsOf(letter: string): Set<string> {
  const scripts = new Set<string>();
  for (const [name, pattern, systems] of SCRIPTS) {
    if (!pattern.test(letter)) continue;
    scripts.add(name);
    for (const system of systems ?? []) scripts.add(system);
  }
  if (scripts.size === 0) scripts.add(`U+${letter.codePointAt(0)!.toString(16).toUpperCase()}`);
  return scripts;
}

/**
 * The first word of `name` whose letters share no script: the scripts it mixes, and the first
 * letter of the script it uses least (the one that is probably out of place), as `с (U+0441)`.
 */
export function mixedScriptWord(name: string): { word: string; scripts: string[]; odd: string } | undefined {
  for (const word of name.normalize('NFC').split(/[^\p{L}\p{M}]+/u)) {
    let common: Set<string> | undefined;
    const letters = new Map<string, string[]>();
    for (const letter of word) {
      if (!/\p{L}/u.test(letter)) continue;
      const scripts = scriptsOf(letter);
      const main = [...scripts][0]!;
      letters.set(main, [...(letters.get(main) ?? []), letter]);
      common = common ? new Set([...common].filter((script) => scripts.has(script))) : scripts;
    }
    if (!common || common.size > 0) continue;
    const rarest = [...letters.values()].sort((a, b) => a.length - b.length)[0]![0]!;
    return {
      word,
      scripts: [...letters.keys()].map((script) => script.replace('_', ' ')),
      odd: `${rarest} (U+${rarest.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`,
    };
  }
  return undefined;
}

/** The invisible characters in a name that no script needs, as `U+034F`. */
export function invisibleCharacters(name: string): string[] {
  return [...new Set(name.match(DEFAULT_IGNORABLE) ?? [])]
    .filter((character) => !NEEDED_IGNORABLES.has(character))
    .map((character) => `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
}

/** A name in a message: control, bidirectional and invisible characters written as `\u{…}`. */
function shown(name: string): string {
  return visibleName(name).replace(DEFAULT_IGNORABLE, (character) => `\\u{${character.codePointAt(0)!.toString(16)}}`);
}

/** A file's name as links use it: notes without `.md`, attachments with their extension. */
function linkName(path: ContentPath): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return /\.md$/i.test(name) ? name.slice(0, -3) : name;
}

/**
 * The `confusable-name` warnings of a garden's files (notes and attachments), in one pass: linear
 * in the files, each name compared by its skeletons, never with every other name.
 */
export function confusableNames(paths: readonly ContentPath[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const bySkeleton = new Map<string, ContentPath>();
  const warn = (file: ContentPath, message: string, hint: string) =>
    diagnostics.push({ file, severity: 'warning', rule: 'confusable-name', message, hint });
  for (const path of [...paths].sort()) {
    const name = linkName(path);
    const invisible = invisibleCharacters(name);
    if (invisible.length > 0) {
      warn(
        path,
        `The name "${shown(name)}" holds invisible characters (${invisible.join(', ')}): it reads like a name it is not.`,
        'Rename the file, typing its name again.',
      );
    }
    const mixed = mixedScriptWord(name);
    if (mixed) {
      warn(
        path,
        `The word "${shown(mixed.word)}" in this name mixes scripts (${mixed.scripts.join(', ')}; ${mixed.odd} is the odd one): it looks like a word it is not.`,
        'Type the name again in one script (a Cyrillic "с" looks like a Latin "c").',
      );
    }
    const kind = /\.md$/i.test(path) ? 'note' : 'file';
    for (const key of new Set([skeleton(name), skeleton(name.toLowerCase())])) {
      const twin = bySkeleton.get(`${kind}\0${key}`);
      if (twin === undefined) {
        bySkeleton.set(`${kind}\0${key}`, path);
        continue;
      }
      // The same name in two folders, or in another case, is not a lookalike (links to it are
      // reported as ambiguous, addresses that collide as `slug-collision`).
      if (linkName(twin).normalize('NFC').toLowerCase() === name.normalize('NFC').toLowerCase()) continue;
      warn(
        path,
        `The name "${shown(name)}" looks like "${shown(linkName(twin))}" (${twin}), but is written with other characters: a link to one can be taken for a link to the other.`,
        `Rename one of the two files, or merge them; check that links to ${twin} still point where they should.`,
      );
      break;
    }
  }
  return diagnostics;
}
