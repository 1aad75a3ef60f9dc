import type { Element, Nodes } from 'hast';
import { fromHtml } from 'hast-util-from-html';

/** Elements that must never come out of the render pipeline, whatever the note says. */
const FORBIDDEN_ELEMENTS = new Set([
  'script',
  'style',
  'object',
  'embed',
  'applet',
  'base',
  'meta',
  'link',
  'form',
  'textarea',
  'select',
  'button',
  'noscript',
  'template',
  'frame',
  'frameset',
  'portal',
]);
const URL_ATTRIBUTES = ['href', 'src', 'action', 'formAction', 'xLinkHref', 'data', 'poster', 'srcSet', 'cite', 'background', 'ping'];

/**
 * What is unsafe in rendered HTML (the body of a page): script and other active elements, event
 * handlers, inline styles, `srcdoc`, addresses with a scheme that runs code (read as a browser reads
 * them: case, tabs and line breaks ignored), frames of anything but the garden's own files, and
 * form controls other than a task list's checkbox. Returns one line per problem; `[]` is safe.
 * The HTML is parsed as a browser parses it, so markup hidden in text or attributes does not count.
 */
export function unsafeMarkup(html: string): string[] {
  const problems: string[] = [];
  const visit = (node: Nodes) => {
    if (node.type === 'element') checkElement(node, problems);
    if ('children' in node) for (const child of node.children) visit(child as Nodes);
  };
  visit(fromHtml(html, { fragment: true }));
  return problems;
}

function checkElement(element: Element, problems: string[]): void {
  const tag = element.tagName;
  if (FORBIDDEN_ELEMENTS.has(tag)) problems.push(`<${tag}> element`);
  if (tag === 'input' && !(element.properties.type === 'checkbox' && element.properties.disabled))
    problems.push('<input> that is not a disabled checkbox');
  for (const [name, value] of Object.entries(element.properties)) {
    if (/^on/i.test(name)) problems.push(`<${tag} ${name}> event handler`);
    if (name === 'style') problems.push(`<${tag} style> inline style`);
    if (name === 'srcDoc') problems.push(`<${tag} srcdoc>`);
    if (URL_ATTRIBUTES.includes(name)) {
      for (const url of Array.isArray(value) ? value : [value]) {
        if (typeof url === 'string' && /^(javascript|vbscript|data):/i.test(url.replace(/[\u0000-\u0020]/g, '')))
          problems.push(`<${tag} ${name}="${url.slice(0, 40)}">`);
      }
    }
  }
  if (tag === 'iframe') {
    const src = String(element.properties.src ?? '');
    if (!src.startsWith('/') || src.startsWith('//')) problems.push(`<iframe src="${src}"> that is not one of the garden's files`);
  }
}

/**
 * Code a page carries inline, which a Content-Security-Policy without `'unsafe-inline'` refuses:
 * `<script>` without `src`, `<style>` elements, `style` attributes and event handler attributes.
 * The page is parsed as a browser parses it (text that looks like markup inside an attribute is
 * not markup).
 */
export function inlineCode(html: string): string[] {
  const found: string[] = [];
  const visit = (node: Nodes) => {
    if (node.type === 'element') {
      if (node.tagName === 'script' && node.properties.src === undefined) found.push('inline <script>');
      if (node.tagName === 'style') found.push('<style> element');
      for (const name of Object.keys(node.properties)) {
        if (name === 'style') found.push(`<${node.tagName} style>`);
        if (/^on/i.test(name)) found.push(`<${node.tagName} ${name}>`);
      }
    }
    if ('children' in node) for (const child of node.children) visit(child as Nodes);
    if (node.type === 'element' && node.content) visit(node.content);
  };
  visit(fromHtml(html));
  return found;
}
