import { z } from 'zod';

/**
 * The frontmatter fields the garden understands. Each field is validated on its own, so one bad
 * value is reported and dropped while the note keeps its other fields (DESIGN.md section 6).
 * Messages say how to write the value correctly.
 */

const text = (field: string, example: string) =>
  z.string({ error: `\`${field}\` must be text, for example \`${field}: ${example}\`.` }).trim().min(1, {
    error: `\`${field}\` is empty: give it a value or remove the line.`,
  });

/** Obsidian accepts a single string or a list for aliases and tags; so do we. */
const textList = (field: string, example: string) =>
  z
    .union([z.string(), z.array(z.union([z.string(), z.number()]))], {
      error: `\`${field}\` must be a list, for example \`${field}: [${example}]\`.`,
    })
    .transform((value) => (typeof value === 'string' ? value.split(',') : value.map(String)))
    .transform((items) => items.map((item) => item.trim()).filter((item) => item !== ''));

const tagList = textList('tags', 'onboarding, how-to').transform((tags) =>
  tags.flatMap((tag) => tag.split(/\s+/)).map((tag) => tag.replace(/^#/, '')).filter((tag) => tag !== ''),
);

const isoDate = (field: string) =>
  z
    .string({ error: `\`${field}\` must be a date like \`${field}: 2024-05-31\`.` })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/, {
      error: `\`${field}\` must be a date like \`${field}: 2024-05-31\` (year-month-day).`,
    })
    .refine(isCalendarDate, {
      error: `\`${field}\` is not a real calendar date.`,
    });

/** `2024-02-30` matches the pattern, and `Date.parse` rolls it over to March 1st: compare the parts. */
function isCalendarDate(value: string): boolean {
  const day = value.slice(0, 10);
  const parsed = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === day;
}

const flag = (field: string) =>
  z.boolean({ error: `\`${field}\` must be \`true\` or \`false\` (without quotes).` });

export const NOTE_TYPES = ['faq', 'idea', 'insight', 'howto', 'decision'] as const;

export const frontmatterFields = {
  title: text('title', 'How we run retros'),
  id: z
    .string({ error: '`id` must be text, such as the one `garden new` writes.' })
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, {
      error: '`id` may only use letters, digits, `.`, `_`, `:` and `-` (at most 128), and must not change once set.',
    }),
  aliases: textList('aliases', 'Other name, Abbreviation'),
  tags: tagList,
  description: text('description', 'One sentence that says what this note is for.'),
  owner: text('owner', 'Ada Lovelace'),
  created: isoDate('created'),
  updated: isoDate('updated'),
  draft: flag('draft'),
  publish: flag('publish'),
  type: z.enum(NOTE_TYPES, { error: `\`type\` must be one of ${NOTE_TYPES.join(', ')}.` }),
  comments: flag('comments'),
  lang: z
    .string({ error: '`lang` must be a language code such as `en`, `de`, `ja` or `zh`.' })
    .trim()
    .regex(/^[a-zA-Z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { error: '`lang` must be a language code such as `en`, `de`, `ja` or `zh`.' }),
} as const;

/** Obsidian's own property names that are not typos even though the garden does not use them. */
export const KNOWN_FOREIGN_KEYS = new Set(['alias', 'tag', 'cssclass', 'cssclasses', 'permalink', 'layout', 'date', 'author', 'publishdate']);

export type FrontmatterField = keyof typeof frontmatterFields;

export type Frontmatter = {
  [K in FrontmatterField]?: z.output<(typeof frontmatterFields)[K]>;
};
