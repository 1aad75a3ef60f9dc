import { defaultSchema, type Schema } from 'hast-util-sanitize';
import { SAFE_PROTOCOLS } from '../../links/url-safety.ts';

type AttributeList = NonNullable<Schema['attributes']>[string];

/** hast-util-sanitize takes the first `className` rule it finds, so ours must replace GitHub's. */
function withoutClassName(list: AttributeList | undefined): AttributeList {
  return (list ?? []).filter((entry) => !(Array.isArray(entry) && entry[0] === 'className'));
}

/** The classes of the links the garden generates (remark-links.ts, attachments.ts). */
export const GENERATED_LINK_CLASSES = ['internal', 'wanted', 'broken-anchor', 'attachment', 'tag', 'missing-attachment'];

/** Every class the garden generates on other elements starts with `kg-` (raw HTML loses them). */
const GARDEN_CLASS = /^kg-/;

/** What KaTeX's MathML output uses (src/core/render/rehype/math.ts); `mglyph` (an image) is left out. */
const MATHML_ELEMENTS = [
  'math',
  'semantics',
  'annotation',
  'mrow',
  'mi',
  'mn',
  'mo',
  'ms',
  'mtext',
  'mspace',
  'msup',
  'msub',
  'msubsup',
  'mfrac',
  'msqrt',
  'mroot',
  'mover',
  'munder',
  'munderover',
  'mtable',
  'mtr',
  'mtd',
  'mstyle',
  'mpadded',
  'mphantom',
  'menclose',
];
const MATHML_ATTRIBUTES = [
  'display',
  'encoding',
  'mathvariant',
  'mathcolor',
  'mathbackground',
  'mathsize',
  'stretchy',
  'fence',
  'separator',
  'lspace',
  'rspace',
  'minsize',
  'maxsize',
  'largeop',
  'movablelimits',
  'accent',
  'accentunder',
  'linethickness',
  'columnalign',
  'columnlines',
  'columnspacing',
  'rowspacing',
  'rowlines',
  'width',
  'height',
  'depth',
  'voffset',
  'scriptlevel',
  'displaystyle',
  'notation',
  'linebreak',
];

/**
 * Elements that only the garden's own plugins may produce: embedded PDFs, players, icons and
 * formulas. rehype-untrusted-html.ts unwraps them when they come from raw HTML in a note, before
 * this schema is applied, so allowing them here opens nothing to content.
 */
export const GARDEN_ONLY_ELEMENTS = new Set(['iframe', 'video', 'audio', 'svg', 'path', ...MATHML_ELEMENTS]);

/** Attributes only the garden sets; removed from raw HTML elements for the same reason. */
export const GARDEN_ONLY_PROPERTIES = ['dataCallout', 'dataLanguage', 'dataTask'];

/**
 * GitHub's allow-list (hast-util-sanitize's default) plus what the garden itself generates: link
 * classes, lazy images, `tel:` links, `<mark>`, callouts (`<div>`/`<details>` with `kg-` classes),
 * embed frames, highlighted code (classes, never `style`), MathML, icons, media players. `id`s are
 * not prefixed here: rehype-untrusted-html already prefixed the ones that came from raw HTML, and
 * the garden's own heading ids stay readable.
 */
export const sanitizeSchema: Schema = {
  ...defaultSchema,
  clobberPrefix: '',
  tagNames: [...(defaultSchema.tagNames ?? []), 'mark', ...GARDEN_ONLY_ELEMENTS],
  attributes: {
    ...defaultSchema.attributes,
    a: [...withoutClassName(defaultSchema.attributes?.a), ['className', ...GENERATED_LINK_CLASSES, 'data-footnote-backref'], 'title'],
    img: [...(defaultSchema.attributes?.img ?? []), 'loading', 'decoding', 'width', 'height'],
    div: [...(defaultSchema.attributes?.div ?? []), ['className', GARDEN_CLASS], 'dataCallout'],
    details: [['className', GARDEN_CLASS], 'dataCallout'],
    summary: [...(defaultSchema.attributes?.summary ?? []), ['className', GARDEN_CLASS]],
    span: [['className', GARDEN_CLASS]],
    p: [['className', GARDEN_CLASS]],
    // tabIndex 0 is set by rehype-scrollable on what may scroll sideways; no other value gets through.
    pre: [['className', GARDEN_CLASS], 'dataLanguage', ['tabIndex', 0]],
    table: [...(defaultSchema.attributes?.table ?? []), ['tabIndex', 0]],
    code: [['className', /^language-./, GARDEN_CLASS]],
    li: [['className', 'task-list-item'], 'dataTask'],
    iframe: ['src', 'title', 'loading'],
    video: [['className', GARDEN_CLASS], 'src', 'controls', 'preload', 'title'],
    audio: [['className', GARDEN_CLASS], 'src', 'controls', 'preload', 'title'],
    svg: [['className', GARDEN_CLASS], 'viewBox', 'ariaHidden'],
    path: ['d'],
    ...Object.fromEntries(MATHML_ELEMENTS.map((name) => [name, MATHML_ATTRIBUTES])),
  },
  protocols: SAFE_PROTOCOLS,
};
