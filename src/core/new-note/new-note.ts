import { randomBytes } from 'node:crypto';
import { isMap, isNode, parseDocument, type Document } from 'yaml';
import type { NOTE_TYPES } from '../scan/schema.ts';

/**
 * What `garden new` needs that is not about the command line: a fresh id, a file name for a title,
 * and a template filled in. Pure functions, so that they are tested without touching the disk.
 */

export type NoteType = (typeof NOTE_TYPES)[number];

const ID_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';
const ID_LENGTH = 12;

/**
 * A fresh stable id: 12 random base-36 characters (about 62 bits), like those in the example
 * garden. Random rather than derived from the title or path, because the id must survive renames;
 * two notes drawing the same id is reported by the check as `duplicate-id`.
 */
export function newNoteId(random: (size: number) => Buffer = randomBytes): string {
  let id = '';
  // Rejection sampling keeps every character equally likely (256 is not a multiple of 36).
  while (id.length < ID_LENGTH) {
    for (const byte of random(16)) {
      if (byte < 252 && id.length < ID_LENGTH) id += ID_ALPHABET[byte % 36];
    }
  }
  return id;
}

/** Characters that are not allowed in file names on some system, or that break a `[[wikilink]]`. */
const UNSAFE_IN_NAME = /[\\/:*?"<>|#^[\]\u0000-\u001f\u007f]/g;
const MAX_NAME_LENGTH = 120;

/**
 * The file name of a note titled `title`: the title itself, as the example garden names its notes
 * (`Adding your first note.md`), so that `[[Adding your first note]]` finds it; characters a file
 * name or a wikilink cannot hold become spaces. `undefined` when nothing usable is left.
 */
export function fileNameForTitle(title: string): string | undefined {
  const name = title
    .normalize('NFC')
    .replace(UNSAFE_IN_NAME, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .slice(0, MAX_NAME_LENGTH)
    .trim();
  return name === '' ? undefined : `${name}.md`;
}

export interface NoteFields {
  title: string;
  id: string;
  type?: NoteType;
  owner?: string;
  /** `YYYY-MM-DD`. */
  created: string;
  /** Added to the template's own tags. */
  tags: string[];
}

/**
 * Fills a template: the frontmatter fields are set with a YAML editor (keeping the template's
 * order and comments), and `{{title}}` and `{{date}}` in the body are replaced, the placeholders
 * Obsidian's Templates plugin uses, so the same templates work there.
 */
export function fillTemplate(template: string, fields: NoteFields): string {
  const normalised = template.replace(/\r\n/g, '\n');
  const match = /^---[ \t]*\n([\s\S]*?\n)?---[ \t]*(\n|$)/.exec(normalised);
  const yamlText = match ? (match[1] ?? '') : '';
  const body = match ? normalised.slice(match[0].length) : normalised;

  const document = parseDocument(yamlText);
  if (document.errors.length > 0 || !(isMap(document.contents) || document.contents === null)) {
    throw new Error(`The template's frontmatter is not a YAML mapping: ${document.errors[0]?.message ?? 'fix it or remove it'}`);
  }
  dropTemplateDescription(document);
  setField(document, 'title', fields.title);
  setField(document, 'id', fields.id);
  if (fields.type) setField(document, 'type', fields.type);
  if (fields.owner) setField(document, 'owner', fields.owner);
  setField(document, 'created', fields.created);
  const templateTags: unknown = (document.toJS() as Record<string, unknown> | null)?.tags;
  const listed = Array.isArray(templateTags) ? templateTags.map(String) : typeof templateTags === 'string' ? templateTags.split(',') : [];
  const tags = uniqueTags([...listed, ...fields.tags]);
  if (tags.length > 0) {
    const node = document.createNode(tags);
    node.flow = true;
    document.set('tags', node);
  }
  const filledBody = body.replaceAll('{{title}}', fields.title).replaceAll('{{date}}', fields.created);
  return `---\n${document.toString({ lineWidth: 0, flowCollectionPadding: false })}---\n${filledBody}`;
}

/** The comment above the first field describes the template, not the note made from it. */
function dropTemplateDescription(document: Document): void {
  document.commentBefore = null;
  const contents = document.contents;
  if (isMap(contents)) {
    contents.commentBefore = null;
    const first = contents.items[0]?.key;
    if (isNode(first)) first.commentBefore = null;
  }
}

function setField(document: Document, key: string, value: string): void {
  document.set(key, value);
}

function uniqueTags(tags: string[]): string[] {
  const seen = new Set<string>();
  return tags
    .map((tag) => tag.trim().replace(/^#/, ''))
    .filter((tag) => {
      const key = tag.toLowerCase();
      if (tag === '' || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/** Used when the templates folder has no template for the type: a note is still created. */
export function builtInTemplate(type: NoteType | undefined): string {
  return [
    '---',
    'title:',
    'id:',
    ...(type ? [`type: ${type}`] : []),
    'owner:',
    'created:',
    'tags: []',
    'description:',
    '---',
    '',
    '# {{title}}',
    '',
    '',
  ].join('\n');
}

/** Today in the local calendar, as `YYYY-MM-DD`. */
export function localDate(now: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
