import GithubSlugger from 'github-slugger';
import { fromHtml } from 'hast-util-from-html';
import type { Element, Root as HastRoot, RootContent as HastContent } from 'hast';
import type { Definition, Heading as MdastHeading, Html, Nodes, Parents, Root } from 'mdast';
import { visitParents } from 'unist-util-visit-parents';
import { findBlockMarks } from '../../../plugins/blocks.ts';
import { expandsInPlace } from '../../../plugins/embed-position.ts';
import type { WikiLink } from '../../../plugins/syntax/index.ts';
import { plainText, wikiLinkText } from '../../../plugins/text.ts';
import type { SourcePoint } from '../common/diagnostics.ts';
import { contextsInBlock, type LinkContext } from './context.ts';

export interface Heading {
  depth: number;
  text: string;
  /** The element id the render stage gives it: github-slugger, de-duplicated within the note. */
  id: string;
  line: number;
}

/** Where a link points, as written: by name (wikilinks) or by URL (Markdown and HTML links). */
export type LinkTarget = { form: 'name'; name: string; anchor?: string | undefined } | { form: 'url'; url: string };

export interface LinkOccurrence {
  syntax: 'wikilink' | 'markdown' | 'html';
  /** `![[…]]`, `![](…)` or `<img src>`: the target is shown in place rather than linked to. */
  embed: boolean;
  /** For an embed: whether it stands where a note's content can be shown in place (a paragraph of
   * its own container, plugins/embed-position.ts); elsewhere a note embed is shown as a link. */
  inPlace?: boolean | undefined;
  target: LinkTarget;
  /** The target as the author wrote it, for messages and `graph.json`. */
  raw: string;
  at: SourcePoint;
  context: LinkContext;
}

/** Everything the index needs to know about one note, read from its tree in one walk. */
export interface NoteFacts {
  /** The text of the first level-1 heading, a fallback title. */
  firstHeading?: string | undefined;
  headings: Heading[];
  /** `^block-id` markers (without the caret). */
  blockIds: string[];
  /** The lines each block id covers (the block it names, plugins/blocks.ts), for embeds of it. */
  blocks: BlockRange[];
  /** The languages of fenced code blocks, as written (for loading their grammars). */
  codeLanguages: string[];
  /** `id` and `name` attributes in raw HTML, which links may point at. */
  htmlAnchors: string[];
  inlineTags: string[];
  links: LinkOccurrence[];
  /** Words of body text, for reading time and sizes. */
  words: number;
  /** `zh`, `ja` or `ko` when the text is mostly written in that script (see garden/language.ts). */
  detectedLanguage?: string | undefined;
}

export interface BlockRange {
  id: string;
  startLine: number;
  endLine: number;
}

const BLOCK_TYPES = new Set(['paragraph', 'heading', 'tableCell']);
const HTML_OF_INTEREST = /\b(href|src|id|name)\s*=/i;

function isLinkNode(node: Nodes): boolean {
  return (
    node.type === 'wikiLink' ||
    node.type === 'link' ||
    node.type === 'linkReference' ||
    node.type === 'image' ||
    node.type === 'imageReference' ||
    node.type === 'html'
  );
}

export function extractFacts(tree: Root): NoteFacts {
  const facts: NoteFacts = {
    headings: [],
    blockIds: [],
    blocks: [],
    codeLanguages: [],
    htmlAnchors: [],
    inlineTags: [],
    links: [],
    words: 0,
  };
  const slugger = new GithubSlugger();
  const definitions = new Map<string, Definition>();
  for (const child of tree.children) collectDefinitions(child, definitions);
  const contextCache = new Map<Parents, Map<Nodes, LinkContext>>();

  const contextOf = (node: Nodes, ancestors: Parents[]): LinkContext => {
    const block = [...ancestors].reverse().find((ancestor) => BLOCK_TYPES.has(ancestor.type));
    const alone = { before: '', text: node.type === 'wikiLink' ? wikiLinkText(node) : plainText(node), after: '' };
    if (!block) return alone;
    let contexts = contextCache.get(block);
    if (!contexts) contextCache.set(block, (contexts = contextsInBlock(block, isLinkNode)));
    return contexts.get(node) ?? alone;
  };

  visitParents(tree, (node, ancestors) => {
    const at = pointOf(node);
    switch (node.type) {
      case 'heading': {
        const text = plainText(node).trim();
        facts.headings.push({ depth: node.depth, text, id: headingId(slugger.slug(text)), line: at.line });
        if (node.depth === 1 && facts.firstHeading === undefined && text !== '') facts.firstHeading = text;
        break;
      }
      case 'code':
        if (node.lang) facts.codeLanguages.push(node.lang);
        break;
      case 'text':
        facts.words += countWords(node.value);
        break;
      case 'inlineTag':
        facts.inlineTags.push(node.value);
        break;
      case 'wikiLink':
        facts.links.push({
          ...wikiLinkOccurrence(node, at, contextOf(node, ancestors)),
          ...(node.embed ? { inPlace: expandsInPlace(ancestors) } : {}),
        });
        return 'skip';
      case 'link':
        facts.links.push(urlOccurrence(node.url, false, at, contextOf(node, ancestors)));
        break;
      case 'image':
        facts.links.push({ ...urlOccurrence(node.url, true, at, contextOf(node, ancestors)), inPlace: expandsInPlace(ancestors) });
        break;
      case 'linkReference':
      case 'imageReference': {
        const definition = definitions.get(node.identifier.toLowerCase());
        if (definition) facts.links.push(urlOccurrence(definition.url, node.type === 'imageReference', at, contextOf(node, ancestors)));
        break;
      }
      case 'html':
        if (HTML_OF_INTEREST.test(node.value)) readHtml(node, at, contextOf(node, ancestors), facts);
        break;
    }
    return undefined;
  });
  for (const { id, target } of findBlockMarks(tree)) {
    facts.blockIds.push(id);
    const at = pointOf(target);
    facts.blocks.push({ id, startLine: at.line, endLine: target.position?.end.line ?? at.line });
  }
  return facts;
}

/**
 * The page's own elements have ids that start with `kg-` (and Mermaid's `dkg-`): a heading written
 * `# kg toc` must not take the table of contents' id and clobber it (DOM clobbering). Such headings
 * get GitHub's prefix for user content instead; links to them still resolve by their text.
 */
const RESERVED_ID = /^d?kg-/;
function headingId(slug: string): string {
  return RESERVED_ID.test(slug) ? `user-content-${slug}` : slug;
}

function wikiLinkOccurrence(node: WikiLink, at: SourcePoint, context: LinkContext): LinkOccurrence {
  const raw = node.anchor === undefined ? node.target : `${node.target}#${node.anchor}`;
  return { syntax: 'wikilink', embed: node.embed, target: { form: 'name', name: node.target, anchor: node.anchor }, raw, at, context };
}

function urlOccurrence(
  url: string,
  embed: boolean,
  at: SourcePoint,
  context: LinkContext,
  syntax: 'markdown' | 'html' = 'markdown',
): LinkOccurrence {
  return { syntax, embed, target: { form: 'url', url }, raw: url, at, context };
}

/** Links and anchors in raw HTML: `<a href>`, `<img src>`, media sources, `id` and `name`. */
function readHtml(node: Html, at: SourcePoint, context: LinkContext, facts: NoteFacts): void {
  const fragment: HastRoot = fromHtml(node.value, { fragment: true });
  const visit = (child: HastContent) => {
    if (child.type !== 'element') return;
    const element = child as Element;
    const { id, name, href, src } = element.properties;
    if (typeof id === 'string' && id) facts.htmlAnchors.push(id);
    if (typeof name === 'string' && name && element.tagName === 'a') facts.htmlAnchors.push(name);
    if (typeof href === 'string' && element.tagName === 'a') facts.links.push(urlOccurrence(href, false, at, context, 'html'));
    if (typeof src === 'string' && ['img', 'video', 'audio', 'source'].includes(element.tagName)) {
      facts.links.push(urlOccurrence(src, true, at, context, 'html'));
    }
    for (const grandchild of element.children) visit(grandchild);
  };
  for (const child of fragment.children) visit(child);
}

function collectDefinitions(node: Nodes, definitions: Map<string, Definition>): void {
  if (node.type === 'definition') {
    const key = node.identifier.toLowerCase();
    if (!definitions.has(key)) definitions.set(key, node);
  } else if ('children' in node) {
    for (const child of node.children) collectDefinitions(child as Nodes, definitions);
  }
}

function pointOf(node: Nodes): SourcePoint {
  return { line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 };
}

function countWords(text: string): number {
  const matches = text.match(/[\p{L}\p{N}]+/gu);
  return matches ? matches.length : 0;
}

export type { MdastHeading };
