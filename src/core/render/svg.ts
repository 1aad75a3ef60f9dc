import createDOMPurify from 'dompurify';
import { JSDOM } from 'jsdom';

/**
 * SVG attachments are published only sanitized: an SVG opened at the site's own origin is a
 * document, and its `<script>`, event handlers or `<foreignObject>` HTML would run there.
 *
 * The file is parsed as XML (jsdom: a non-well-formed file is refused, never guessed at), its
 * `<svg>` element is cleaned by DOMPurify with its SVG profile, which jsdom is the DOM its authors
 * test and recommend for Node, and only that element is written back: whatever sits outside it
 * (a DOCTYPE with its entities, an `<?xml-stylesheet?>` that would make the browser run XSLT,
 * comments) is dropped. On top of DOMPurify's allow-list:
 * - no `<foreignObject>` (HTML inside the drawing), no animation elements (`<set>` and
 *   `<animate>` can rewrite an `href` after sanitizing), no `<style>` `@import`;
 * - no external references: an `href` must point inside the file (`#id`), and a `url(…)` in a
 *   style must too, so that opening the picture fetches nothing from anywhere. Pictures and fonts
 *   carried inside the file (`data:image/…` in an `<image>`, `data:` fonts and pictures in a style),
 *   which diagram tools such as D2 write, stay: they fetch nothing, and a picture runs no script.
 */

export interface SanitizedSvg {
  /** The cleaned SVG, as UTF-8 text. */
  text: string;
  /** What was removed (`<script>`, `onload`, `href="https://…"`…), each once, in order of appearance. */
  removed: string[];
}

export interface RefusedSvg {
  /** Why the file cannot be published as an SVG picture. */
  refused: string;
}

const SVG_NAMESPACE = 'http://www.w3.org/2000/svg';
const FORBIDDEN_ELEMENTS = [
  'foreignObject',
  'script',
  'animate',
  'animateColor',
  'animateMotion',
  'animateTransform',
  'set',
  'handler',
  'listener',
  'discard',
  'iframe',
  'embed',
  'object',
];
const FORBIDDEN = new Set(FORBIDDEN_ELEMENTS.map((name) => name.toLowerCase()));
const REFERENCE_ATTRIBUTES = new Set(['href', 'xlink:href', 'src']);
/** A CSS `url(…)` whose target is neither `#fragment` nor a `data:` font or picture, or an `@import`. */
const EXTERNAL_CSS = /url\(\s*(?!['"]?\s*(?:#|data:(?:image\/|font\/|application\/(?:x-)?font)))[^)]*\)|@import\b[^;]*;?/i;
/** A picture carried in the file, which an `<image>` may show. */
const DATA_PICTURE = /^data:image\/(?:png|jpeg|gif|webp|avif|svg\+xml)[;,]/i;
const withoutExternalCss = (css: string) => css.replace(new RegExp(EXTERNAL_CSS.source, 'gi'), 'none');

export function sanitizeSvg(text: string): SanitizedSvg | RefusedSvg {
  let dom: JSDOM;
  try {
    dom = new JSDOM(text, { contentType: 'image/svg+xml' });
  } catch (error) {
    return { refused: `it is not a well-formed SVG file (${firstLine(error)})` };
  }
  const { window } = dom;
  try {
    const root = window.document.documentElement;
    if (!root || root.namespaceURI !== SVG_NAMESPACE || root.localName !== 'svg') {
      return { refused: 'its root element is not an `<svg>` in the SVG namespace (xmlns="http://www.w3.org/2000/svg")' };
    }
    const purify = createDOMPurify(window as unknown as Parameters<typeof createDOMPurify>[0]);
    const removed = new Set<string>();
    // CDATA sections become plain text (written back escaped): DOMPurify drops them, and with them
    // the stylesheets that diagram tools wrap in CDATA.
    const walker = window.document.createTreeWalker(root, window.NodeFilter.SHOW_CDATA_SECTION);
    const sections: Node[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) sections.push(node);
    for (const node of sections) node.parentNode!.replaceChild(window.document.createTextNode(node.nodeValue ?? ''), node);
    // Processing instructions outside the drawing, such as `<?xml-stylesheet?>`, are not written back.
    for (const node of window.document.childNodes) {
      if (node.nodeType === window.Node.PROCESSING_INSTRUCTION_NODE) removed.add(`<?${node.nodeName}?>`);
    }
    purify.addHook('uponSanitizeAttribute', (node, event) => {
      const name = event.attrName.toLowerCase();
      const value = event.attrValue.trim();
      const inFile = value.startsWith('#') || (node.nodeName.toLowerCase() === 'image' && DATA_PICTURE.test(value));
      if (REFERENCE_ATTRIBUTES.has(name) && !inFile) {
        removed.add(`${event.attrName}="${shorten(event.attrValue)}"`);
        event.keepAttr = false;
      } else if (EXTERNAL_CSS.test(event.attrValue)) {
        removed.add(`${event.attrName} with an external url()`);
        event.attrValue = withoutExternalCss(event.attrValue);
      }
    });
    purify.addHook('uponSanitizeElement', (node) => {
      if (node.nodeName.toLowerCase() !== 'style' || !node.textContent || !EXTERNAL_CSS.test(node.textContent)) return;
      removed.add('<style> with @import or an external url()');
      node.textContent = withoutExternalCss(node.textContent);
    });
    purify.sanitize(root, {
      IN_PLACE: true,
      USE_PROFILES: { svg: true, svgFilters: true },
      FORBID_TAGS: FORBIDDEN_ELEMENTS,
      // Icon sheets reuse shapes with `<use href="#id">`; references out of the file are removed above.
      ADD_TAGS: ['use'],
      // Accessible drawings name their role (`role="img"`); it runs nothing.
      ADD_ATTR: ['role'],
      // Never keep an attribute for being "data-" or "aria-" only to have it read by a script later.
      ALLOW_DATA_ATTR: false,
    });
    // Named in the warning: what could run or load something. Editors' own vocabulary
    // (`inkscape:label`, `<sodipodi:namedview>`, `d2Version`) is dropped without a word.
    for (const entry of purify.removed) {
      if ('element' in entry && entry.element) {
        const element = entry.element as Element;
        if (FORBIDDEN.has(element.nodeName.toLowerCase()) || element.namespaceURI === 'http://www.w3.org/1999/xhtml')
          removed.add(`<${element.nodeName}>`);
      } else if ('attribute' in entry && entry.attribute && /^on/i.test(entry.attribute.name)) removed.add(entry.attribute.name);
    }
    const serializer = new window.XMLSerializer();
    return { text: `${serializer.serializeToString(root)}\n`, removed: [...removed] };
  } finally {
    window.close();
  }
}

function shorten(value: string): string {
  const trimmed = value.trim();
  return trimmed.length > 40 ? `${trimmed.slice(0, 39)}…` : trimmed;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.replace(/^about:blank:/, 'line:column ');
}
