import { randomUUID } from 'node:crypto';
import type { Element, Root, RootContent } from 'hast';
import rehypeRaw from 'rehype-raw';
import type { Processor } from 'unified';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { contextOf } from '../context.ts';
import { GARDEN_ONLY_ELEMENTS, GARDEN_ONLY_PROPERTIES, GENERATED_LINK_CLASSES } from './sanitize-schema.ts';

/**
 * Raw HTML written in a note is untrusted; the elements our own plugins generated are not. Once
 * rehype-raw has parsed the raw HTML the two look alike, so every generated element is marked first
 * with a secret that content cannot guess (a per-process random value; the mark never reaches the
 * output because the sanitizer drops unknown attributes).
 */
const TRUST_MARK = randomUUID();
const MARK_PROPERTY = 'dataGardenTrust';
const CLOBBER_PREFIX = 'user-content-';

/**
 * Raw HTML written in the note, parsed and made safe: our elements marked, the raw HTML parsed
 * (rehype-raw), then the elements that came from it handled (rehypeUntrustedHtml). A note without
 * raw HTML skips all three: then every element is ours and there is nothing to parse, and parsing
 * a whole page again through an HTML parser is the costliest step of rendering a long note.
 */
export function rehypeRawHtml(this: Processor) {
  const mark = rehypeMarkGenerated();
  const parse = rehypeRaw.call(this);
  const handle = rehypeUntrustedHtml();
  return (tree: Root, file: VFile): Root => {
    if (!containsRaw(tree)) return tree;
    mark(tree);
    const parsed = parse(tree, file);
    handle(parsed, file);
    return parsed;
  };
}

function containsRaw(node: Root | RootContent): boolean {
  if (node.type === 'raw') return true;
  return 'children' in node && node.children.some(containsRaw);
}

/** Runs before rehype-raw: marks every element that exists at that point as ours. */
export function rehypeMarkGenerated() {
  return (tree: Root) => {
    visit(tree, 'element', (element: Element) => {
      element.properties[MARK_PROPERTY] = TRUST_MARK;
    });
  };
}

/**
 * Runs after rehype-raw, before the sanitizer. For elements that came from raw HTML:
 * - `id` and `name` get the `user-content-` prefix (as on GitHub), so a note cannot clobber the
 *   page's own ids or DOM globals, e.g. `<h2 id="giscus">`;
 * - `<a href>` and `<img src>` relative paths are resolved like Markdown links;
 * - elements only the garden may generate (`<iframe>`, `<video>`, `<audio>`, `<svg>`, MathML) are
 *   unwrapped (their text stays, as the sanitizer does with any element it does not allow), and the
 *   garden's `kg-` classes and data attributes are removed, so raw HTML can neither frame another
 *   site nor pass for a callout or an embed.
 */
export function rehypeUntrustedHtml() {
  return (tree: Root, file: VFile) => {
    const context = contextOf(file);
    visit(tree, 'element', (element: Element, index, parent) => {
      const trusted = element.properties[MARK_PROPERTY] === TRUST_MARK;
      delete element.properties[MARK_PROPERTY];
      if (trusted) return undefined;
      // The sanitizer keeps `<input>` only as a task-list checkbox; a raw one is never wanted.
      if (element.tagName === 'input' && parent && index !== undefined) {
        parent.children.splice(index, 1);
        return index;
      }
      if (GARDEN_ONLY_ELEMENTS.has(element.tagName) && parent && index !== undefined) {
        parent.children.splice(index, 1, ...element.children);
        return index;
      }
      removeGardenMarkup(element);
      for (const key of ['id', 'name'] as const) {
        const value = element.properties[key];
        if (typeof value === 'string' && value !== '' && !value.startsWith(CLOBBER_PREFIX)) {
          element.properties[key] = CLOBBER_PREFIX + value;
        }
      }
      const attribute =
        element.tagName === 'a' ? 'href' : ['img', 'video', 'audio', 'source'].includes(element.tagName) ? 'src' : undefined;
      const url = attribute ? element.properties[attribute] : undefined;
      if (!attribute || typeof url !== 'string') return undefined;
      const resolution = context.resolve({ form: 'url', url });
      switch (resolution.kind) {
        case 'note': {
          const target = context.note(resolution.path);
          const anchor = resolution.anchor;
          element.properties[attribute] = target?.published
            ? context.urls.note(resolution.path, anchor ? (anchor.found ? anchor.id : anchor.wanted) : undefined)
            : undefined;
          break;
        }
        case 'self':
          element.properties[attribute] = `#${resolution.anchor.found ? resolution.anchor.id : resolution.anchor.wanted}`;
          break;
        case 'attachment':
          element.properties[attribute] = resolution.refused ? undefined : context.urls.attachment(resolution.path);
          break;
        case 'outside':
          element.properties[attribute] = undefined;
          break;
        default:
          break;
      }
      return undefined;
    });
  };
}

const GARDEN_LINK_CLASSES = new Set(GENERATED_LINK_CLASSES);
/** Where GitHub's allow-list keeps some class of raw HTML (`language-*`, `task-list-item` …). */
const RAW_CLASS_ELEMENTS = new Set(['a', 'code', 'h2', 'li', 'ol', 'ul', 'section']);

function removeGardenMarkup(element: Element): void {
  const classes = element.properties.className;
  if (Array.isArray(classes)) {
    const kept = classes.filter((name) => typeof name !== 'string' || !(name.startsWith('kg-') || GARDEN_LINK_CLASSES.has(name)));
    // Elsewhere only `kg-` classes are allowed: none would be left but an empty `class=""`.
    element.properties.className = kept.length > 0 && RAW_CLASS_ELEMENTS.has(element.tagName) ? kept : undefined;
  }
  for (const property of GARDEN_ONLY_PROPERTIES) delete element.properties[property];
}
