import type { Severity } from '../common/diagnostics.ts';
import { isTagName } from '../../../plugins/syntax/tag.ts';

/**
 * The frontmatter fields the garden understands, read the way Obsidian reads its properties
 * (docs/writing-notes.md lists each rule beside Obsidian's behaviour). Each field is read on its
 * own, so one odd value never costs the note its other fields, and a value is only an error when it
 * would make the page wrong or public by mistake:
 *
 * - empty values (`aliases:`, `tags:` with one empty item `- `, `title: ""`) are "not set", as in
 *   Obsidian, without a word;
 * - a single value where a list is expected is a one-item list (`aliases: LifeOS`), and text with
 *   commas is split (`tags: Daily, bujo`), as Obsidian splits it: a notice (`info`);
 * - a value the garden cannot use for a key a vault may use for itself (`type: feature`, an `owner`
 *   that is a list of people) is the vault's own property: kept for other tools, a notice;
 * - a value the garden uses and cannot read (a `title` that is a list, `created: 2024-02-30`) is a
 *   warning: the page falls back (file name, git date) and the author should know;
 * - an error only where a wrong guess matters: `draft`/`publish` that cannot be read (the note stays
 *   unpublished), an `id` that cannot be used (comment threads and redirects hang on it).
 */

export const NOTE_TYPES = ['faq', 'idea', 'insight', 'howto', 'decision'] as const;

export interface Frontmatter {
  title?: string;
  id?: string;
  aliases?: string[];
  tags?: string[];
  description?: string;
  owner?: string;
  created?: string;
  updated?: string;
  draft?: boolean;
  publish?: boolean;
  type?: (typeof NOTE_TYPES)[number];
  comments?: boolean;
  lang?: string;
}

export type FrontmatterField = keyof Frontmatter;

/** What reading one property found: the value to use (if any) and what to tell the author. */
export interface PropertyReading<T> {
  value?: T | undefined;
  findings?: PropertyFinding[];
  /** The value is not the garden's but the vault's own (kept for other tools, not used). */
  vaultOwn?: boolean;
}

export interface PropertyFinding {
  /** `frontmatter-read-as` (read the way Obsidian reads it), `frontmatter-vault-value` (the vault's
   * own value, kept), `frontmatter-invalid` (the garden uses it and cannot read it). */
  rule: 'frontmatter-read-as' | 'frontmatter-vault-value' | 'frontmatter-invalid';
  severity: Severity;
  message: string;
  hint?: string;
  /** The same for every note with this finding, for grouping repeated findings ("`aliases` is a single value"). */
  summary: string;
}

type Reader<T> = (value: unknown, key: string) => PropertyReading<T>;

const isEmpty = (value: unknown) => value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
const isScalar = (value: unknown): value is string | number | boolean =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
const shown = (value: unknown) => {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
};

const notice = (summary: string, message: string, hint?: string): PropertyFinding => ({
  rule: 'frontmatter-read-as',
  severity: 'info',
  summary,
  message,
  ...(hint ? { hint } : {}),
});
const warning = (summary: string, message: string, hint: string): PropertyFinding => ({
  rule: 'frontmatter-invalid',
  severity: 'warning',
  summary,
  message,
  hint,
});
const error = (summary: string, message: string, hint: string): PropertyFinding => ({
  rule: 'frontmatter-invalid',
  severity: 'error',
  summary,
  message,
  hint,
});

/**
 * A list property (`aliases`, `tags`), as Obsidian reads one: no value, an empty list or a list of
 * empty items is an empty list; one value is a one-item list; text is split at commas.
 */
function listReader(split: (text: string) => string[]): Reader<string[]> {
  return (value, key) => {
    if (isEmpty(value)) return { value: [] };
    if (isScalar(value)) {
      const items = split(String(value));
      return {
        value: items,
        findings: [
          notice(
            `\`${key}\` is written as one value, read as a list`,
            items.length > 1
              ? `\`${key}: ${shown(value)}\` is read as the list ${items.map((item) => `\`${item}\``).join(', ')}.`
              : `\`${key}: ${shown(value)}\` is one value; it is read as a list of one.`,
            `Obsidian reads it the same way; write it as a list (\`${key}:\` then \`  - …\` lines) to be explicit.`,
          ),
        ],
      };
    }
    if (!Array.isArray(value)) {
      return {
        value: [],
        findings: [
          warning(
            `\`${key}\` is not a list`,
            `\`${key}\` must be a list or a single value, not a set of fields.`,
            `Write it as \`${key}:\` followed by \`  - …\` lines; until then it is ignored.`,
          ),
        ],
      };
    }
    const items: string[] = [];
    const unreadable: unknown[] = [];
    for (const item of value) {
      if (isEmpty(item)) continue;
      if (isScalar(item)) items.push(...split(String(item)));
      else unreadable.push(item);
    }
    if (unreadable.length === 0) return { value: items };
    return {
      value: items,
      findings: [
        warning(
          `\`${key}\` has items that are not text`,
          `${unreadable.length === 1 ? 'An item' : `${unreadable.length} items`} of \`${key}\` (${shown(unreadable[0])}) ${unreadable.length === 1 ? 'is' : 'are'} not text and ignored.`,
          `Write each item as plain text on its own \`  - \` line.`,
        ),
      ],
    };
  };
}

const splitCommas = (text: string) =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

const readAliases = listReader(splitCommas);

/**
 * Tags: a list, or text split at commas and spaces (Obsidian's `tags: recipe, cooking`), each
 * without its `#`. A tag must follow Obsidian's tag rule (letters, digits, `_`, `-`, `/`, not only
 * digits); others are left out with a warning, as Obsidian leaves them out of its tag pane.
 */
const readTags: Reader<string[]> = (value, key) => {
  const reading = listReader((text) =>
    text
      .split(/[,\s]+/)
      .map((tag) => tag.replace(/^#/, ''))
      .filter((tag) => tag !== ''),
  )(value, key);
  const tags = reading.value ?? [];
  const invalid = tags.filter((tag) => !isTagName(tag));
  if (invalid.length === 0) return reading;
  return {
    value: tags.filter(isTagName),
    findings: [
      ...(reading.findings ?? []),
      warning(
        '`tags` has values that are not tags',
        `${invalid.map((tag) => `\`${tag}\``).join(', ')} ${invalid.length === 1 ? 'is not a tag' : 'are not tags'}: a tag is letters, digits, \`_\`, \`-\` and \`/\`, and not only digits.`,
        'Rename the tag (for example `y1984` instead of `1984`), or remove it; Obsidian leaves it out too.',
      ),
    ],
  };
};

/** Text shown on the page (`title`, `description`): numbers are text; a list or a set of fields cannot be read. */
function textReader(example: string): Reader<string> {
  return (value, key) => {
    if (isEmpty(value)) return {};
    if (isScalar(value)) return { value: String(value).trim() };
    if (Array.isArray(value) && value.length === 1 && isScalar(value[0])) {
      return {
        value: String(value[0]).trim(),
        findings: [
          notice(
            `\`${key}\` is a list of one, read as text`,
            `\`${key}\` is a list of one item; its item is used.`,
            `Write it as \`${key}: ${example}\`.`,
          ),
        ],
      };
    }
    return {
      findings: [
        warning(
          `\`${key}\` is not text`,
          `\`${key}\` must be text, for example \`${key}: ${example}\`; it is not shown until then.`,
          `Write it as \`${key}: ${example}\`.`,
        ),
      ],
    };
  };
}

/** `owner`: who keeps the note; several people are listed together, anything else is the vault's own. */
const readOwner: Reader<string> = (value, key) => {
  if (isEmpty(value)) return {};
  if (isScalar(value)) return { value: String(value).trim() };
  if (Array.isArray(value) && value.every(isScalar) && value.some((item) => !isEmpty(item))) {
    return {
      value: value
        .filter((item) => !isEmpty(item))
        .map((item) => String(item).trim())
        .join(', '),
    };
  }
  return { vaultOwn: true, findings: [vaultOwn(key, value, 'text (a name, or a list of names)')] };
};

function vaultOwn(key: string, value: unknown, expected: string): PropertyFinding {
  return {
    rule: 'frontmatter-vault-value',
    severity: 'info',
    summary: `\`${key}\` holds the vault's own value`,
    message: `\`${key}: ${shown(value)}\` is not ${expected}, so the garden does not use it; it is kept as the vault's own property.`,
  };
}

const BOOLEAN_TEXT: Record<string, boolean> = { true: true, false: false, yes: true, no: false, on: true, off: false };

/**
 * A checkbox (`draft`, `publish`, `comments`): `true`/`false`, or those words (and yes/no, on/off)
 * written as text. An empty checkbox is "not set".
 */
function flagReader(unreadable: (key: string, value: unknown) => PropertyFinding): Reader<boolean> {
  return (value, key) => {
    if (isEmpty(value)) return {};
    if (typeof value === 'boolean') return { value };
    const word = typeof value === 'string' ? BOOLEAN_TEXT[value.trim().toLowerCase()] : undefined;
    if (word !== undefined) {
      return {
        value: word,
        findings: [
          notice(
            `\`${key}\` is a checkbox written as text`,
            `\`${key}: ${shown(value)}\` is read as \`${word}\`.`,
            `Write \`${key}: ${word}\` without quotes.`,
          ),
        ],
      };
    }
    return { findings: [unreadable(key, value)] };
  };
}

const readPublishFlag = flagReader((key, value) =>
  error(
    `\`${key}\` cannot be read`,
    `\`${key}: ${shown(value)}\` must be \`true\` or \`false\`.`,
    'Until this is fixed the note is treated as a draft and not published.',
  ),
);
const readCommentsFlag = flagReader((key, value) =>
  warning(
    `\`${key}\` cannot be read`,
    `\`${key}: ${shown(value)}\` must be \`true\` or \`false\`; the note keeps its discussion until then.`,
    `Write \`${key}: false\` to turn the discussion off.`,
  ),
);

const DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
/** A date written as a link to a daily note, as Obsidian's Daily notes plugin does: `"[[2024-05-31]]"`. */
const DAILY_NOTE_LINK = /^\[\[(\d{4}-\d{2}-\d{2})(?:\|[^\]]*)?\]\]$/;

/** `2024-02-30` matches the pattern, and `Date.parse` rolls it over to March 1st: compare the parts. */
function isCalendarDate(value: string): boolean {
  const day = value.slice(0, 10);
  const parsed = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === day;
}

/**
 * A date (`created`, `updated`): `2024-05-31`, with a time or not, or a link to a daily note. A date
 * that does not exist is a warning; a value that is no date at all is the vault's own (git's dates
 * are used).
 */
const readDate: Reader<string> = (value, key) => {
  if (isEmpty(value)) return {};
  const text = typeof value === 'string' ? value.trim() : undefined;
  const linked = text === undefined ? undefined : DAILY_NOTE_LINK.exec(text)?.[1];
  const date = linked ?? text;
  if (date !== undefined && DATE.test(date)) {
    if (!isCalendarDate(date)) {
      return {
        findings: [
          warning(
            `\`${key}\` is not a real date`,
            `\`${key}: ${shown(value)}\` is not a real calendar date.`,
            `Write a date that exists, like \`${key}: 2024-05-31\`; until then the date from git is shown.`,
          ),
        ],
      };
    }
    return { value: date };
  }
  return { vaultOwn: true, findings: [vaultOwn(key, value, 'a date like `2024-05-31`')] };
};

/** `type`: one of the garden's note types (any case); another value is the vault's own type. */
const readType: Reader<(typeof NOTE_TYPES)[number]> = (value, key) => {
  if (isEmpty(value)) return {};
  const lower = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
  const known = NOTE_TYPES.find((type) => type === lower);
  if (known) return { value: known };
  return { vaultOwn: true, findings: [vaultOwn(key, value, `one of the garden's note types (${NOTE_TYPES.join(', ')})`)] };
};

const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** `id`: comment threads and redirects hang on it, so a value that cannot be used is an error. */
const readId: Reader<string> = (value, key) => {
  if (isEmpty(value)) return {};
  const text = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : undefined;
  if (text !== undefined && ID.test(text)) return { value: text };
  return {
    findings: [
      error(
        '`id` cannot be used',
        `\`${key}: ${shown(value)}\`: an id may only use letters, digits, \`.\`, \`_\`, \`:\` and \`-\` (at most 128), and must not change once set.`,
        'Fix the id (run `npx garden new` for a fresh one) or remove the line; comments and redirects need a usable id.',
      ),
    ],
  };
};

const LANGUAGE = /^[a-zA-Z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

const readLanguage: Reader<string> = (value, key) => {
  if (isEmpty(value)) return {};
  if (typeof value === 'string' && LANGUAGE.test(value.trim())) return { value: value.trim() };
  return {
    findings: [
      warning(
        '`lang` is not a language code',
        `\`${key}: ${shown(value)}\` is not a language code such as \`en\`, \`de\`, \`ja\` or \`zh\`.`,
        'Write a language code; until then the language is detected from the text.',
      ),
    ],
  };
};

/** How each field is read. */
export const frontmatterFields: { [K in FrontmatterField]-?: Reader<NonNullable<Frontmatter[K]>> } = {
  title: textReader('How we run retros'),
  id: readId,
  aliases: readAliases,
  tags: readTags,
  description: textReader('One sentence that says what this note is for.'),
  owner: readOwner,
  created: readDate,
  updated: readDate,
  draft: readPublishFlag,
  publish: readPublishFlag,
  type: readType,
  comments: readCommentsFlag,
  lang: readLanguage,
};

/** Obsidian's own property names (and common ones of its plugins and publishers) that are not typos. */
export const KNOWN_FOREIGN_KEYS = new Set([
  'alias',
  'tag',
  'cssclass',
  'cssclasses',
  'permalink',
  'layout',
  'date',
  'time',
  'author',
  'publishdate',
  'image',
  'cover',
  'banner',
  'status',
  'source',
  'url',
]);
