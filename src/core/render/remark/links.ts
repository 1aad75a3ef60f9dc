import type { Definition, Link, Nodes, Parents, PhrasingContent, Root } from 'mdast';
import type { VFile } from 'vfile';
import { SKIP, visitParents } from 'unist-util-visit-parents';
import type { Resolution } from '../../links/resolver.ts';
import type { InlineTag, WikiLink } from '../../../../plugins/syntax/index.ts';
import { wikiLinkText } from '../../../../plugins/text.ts';
import { contextOf, type RenderContext } from '../context.ts';
import { isRendered, text, withProperties } from '../element.ts';

/** The href for a resolved link, or `undefined` when it must not be a link at all. */
function hrefFor(resolution: Resolution, context: RenderContext, wantedName: string): { href: string; className: string } | undefined {
  switch (resolution.kind) {
    case 'note': {
      const target = context.note(resolution.path);
      if (!target?.published) return undefined;
      const anchor = resolution.anchor;
      const fragment = anchor ? (anchor.found ? anchor.id : anchor.wanted) : undefined;
      return {
        href: context.urls.note(resolution.path, fragment),
        className: anchor && !anchor.found ? 'internal broken-anchor' : 'internal',
      };
    }
    case 'self':
      return {
        href: `#${encodeURIComponent(resolution.anchor.found ? resolution.anchor.id : resolution.anchor.wanted)}`,
        className: resolution.anchor.found ? 'internal' : 'internal broken-anchor',
      };
    case 'attachment':
      return resolution.refused ? undefined : { href: context.urls.attachment(resolution.path), className: 'attachment' };
    case 'missing':
      return { href: context.urls.wanted(wantedName), className: 'wanted' };
    case 'site':
      return { href: context.urls.special(resolution.url.replace(/^\/+/, '')), className: 'internal' };
    default:
      return undefined;
  }
}

/**
 * Turns the garden's links into the site's links: wikilinks and Markdown links to notes point at
 * page URLs (with the real heading id), attachments at their copied file, unresolved links become
 * visible "wanted" links, links to unpublished notes become plain text (nothing about the target
 * leaks), and inline tags link to their tag page. Embeds and images were handled before
 * (remark-embeds.ts); a note embed that is not shown in place is a link like any other. Rendered
 * subtrees (expanded embeds, resolved attachments) are left alone.
 */
export function remarkGardenLinks() {
  return (tree: Root, file: VFile) => {
    const context = contextOf(file);
    visitParents(tree, (node, ancestors) => {
      if (isRendered(node)) return SKIP;
      const parent = ancestors.at(-1) as Parents | undefined;
      if (!parent) return undefined;
      // Looked up only for the nodes that are replaced (their parent is a paragraph or a heading):
      // searching a list of 20,000 items for each item would make the walk quadratic.
      const indexOf = () => parent.children.indexOf(node as never);
      const replace = (replacement: Nodes[]) => {
        const index = indexOf();
        parent.children.splice(index, 1, ...(replacement as never[]));
        return [SKIP, index + replacement.length] as [typeof SKIP, number];
      };
      switch (node.type) {
        case 'wikiLink':
          return replace(renderWikiLink(node, context, ancestors));
        case 'inlineTag':
          return replace([renderTag(node, context, ancestors)]);
        case 'link': {
          const unwrapped = renderMarkdownLink(node, context);
          if (!unwrapped) return undefined;
          // The link is gone, its text stays: revisit that text (it may hold a #tag).
          const index = indexOf();
          parent.children.splice(index, 1, ...(unwrapped as never[]));
          return index;
        }
        case 'definition':
          rewriteDefinition(node, context);
          return undefined;
        default:
          return undefined;
      }
    });
  };
}

function insideLink(ancestors: Parents[]): boolean {
  return ancestors.some((ancestor) => ancestor.type === 'link' || ancestor.type === 'linkReference');
}

function renderWikiLink(node: WikiLink, context: RenderContext, ancestors: Parents[]): Nodes[] {
  const resolution = context.resolve({ form: 'name', name: node.target, anchor: node.anchor });
  const label = wikiLinkText(node);
  const target = hrefFor(resolution, context, node.target);
  if (!target || insideLink(ancestors)) return [text(label)];
  const link: Link = { type: 'link', url: target.href, children: [text(label)], position: node.position };
  const title = resolution.kind === 'missing' ? `“${node.target}” does not exist yet` : undefined;
  return [withProperties(link, { className: target.className.split(' '), ...(title ? { title } : {}) })];
}

function renderTag(node: InlineTag, context: RenderContext, ancestors: Parents[]): Nodes {
  if (insideLink(ancestors) || !context.isTag(node.value)) return text(`#${node.value}`);
  const link: Link = { type: 'link', url: context.urls.tag(node.value), children: [text(`#${node.value}`)], position: node.position };
  return withProperties(link, { className: ['tag'] });
}

/** Rewrites the link in place; returns its children when it must stop being a link. */
function renderMarkdownLink(node: Link, context: RenderContext): PhrasingContent[] | undefined {
  const resolution = context.resolve({ form: 'url', url: node.url });
  if (resolution.kind === 'external' || resolution.kind === 'none') return undefined;
  const wantedName =
    node.url
      .replace(/[#?].*$/, '')
      .split('/')
      .filter(Boolean)
      .at(-1)
      ?.replace(/\.md$/i, '') ?? node.url;
  const target = hrefFor(resolution, context, wantedName);
  if (!target) return node.children;
  node.url = target.href;
  withProperties(node, { className: target.className.split(' ') });
  return undefined;
}

function rewriteDefinition(node: Definition, context: RenderContext): void {
  const resolution = context.resolve({ form: 'url', url: node.url });
  if (resolution.kind === 'external' || resolution.kind === 'none') return;
  const target = hrefFor(resolution, context, node.url);
  node.url = target ? target.href : '';
}
