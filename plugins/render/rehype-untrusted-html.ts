import { randomUUID } from 'node:crypto';
import type { Element, Root } from 'hast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { contextOf } from './context.ts';

/**
 * Raw HTML written in a note is untrusted; the elements our own plugins generated are not. Once
 * rehype-raw has parsed the raw HTML the two look alike, so every generated element is marked first
 * with a secret that content cannot guess (a per-process random value; the mark never reaches the
 * output because the sanitizer drops unknown attributes).
 */
const TRUST_MARK = randomUUID();
const MARK_PROPERTY = 'dataGardenTrust';
const CLOBBER_PREFIX = 'user-content-';

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
 * - `<a href>` and `<img src>` relative paths are resolved like Markdown links.
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
      for (const key of ['id', 'name'] as const) {
        const value = element.properties[key];
        if (typeof value === 'string' && value !== '' && !value.startsWith(CLOBBER_PREFIX)) {
          element.properties[key] = CLOBBER_PREFIX + value;
        }
      }
      const attribute = element.tagName === 'a' ? 'href' : ['img', 'video', 'audio', 'source'].includes(element.tagName) ? 'src' : undefined;
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
          element.properties[attribute] = context.urls.attachment(resolution.path);
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
