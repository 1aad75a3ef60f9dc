import { defaultSchema, type Schema } from 'hast-util-sanitize';

type AttributeList = NonNullable<Schema['attributes']>[string];

/** hast-util-sanitize takes the first `className` rule it finds, so ours must replace GitHub's. */
function withoutClassName(list: AttributeList | undefined): AttributeList {
  return (list ?? []).filter((entry) => !(Array.isArray(entry) && entry[0] === 'className'));
}

const generatedLinkClasses = ['internal', 'wanted', 'broken-anchor', 'attachment', 'tag', 'missing-attachment'];

/**
 * GitHub's allow-list (hast-util-sanitize's default) plus what the garden itself generates: link
 * classes, lazy images, `tel:` links. `id`s are not prefixed here: rehype-untrusted-html already
 * prefixed the ones that came from raw HTML, and the garden's own heading ids stay readable.
 */
export const sanitizeSchema: Schema = {
  ...defaultSchema,
  clobberPrefix: '',
  attributes: {
    ...defaultSchema.attributes,
    a: [...withoutClassName(defaultSchema.attributes?.a), ['className', ...generatedLinkClasses, 'data-footnote-backref'], 'title'],
    img: [...(defaultSchema.attributes?.img ?? []), 'loading', 'width', 'height'],
    // Set by rehype-scrollable on everything that may scroll sideways; no other value gets through.
    pre: [...(defaultSchema.attributes?.pre ?? []), ['tabIndex', 0]],
    table: [...(defaultSchema.attributes?.table ?? []), ['tabIndex', 0]],
  },
  protocols: {
    ...defaultSchema.protocols,
    href: [...(defaultSchema.protocols?.href ?? []), 'tel'],
  },
};
