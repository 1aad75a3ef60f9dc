import type { Element, RootContent as HastContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import type { Html, Parents } from 'mdast';
import { visitParents } from 'unist-util-visit-parents';
import { parseMarkdownWithDestinations } from '../../../plugins/parse.ts';
import type { WikiLink } from '../../../plugins/syntax/index.ts';
import type { SourcePoint } from '../common/diagnostics.ts';
import type { LinkTarget } from '../markdown/facts.ts';
import { replaceControlCharacters } from '../scan/characters.ts';
import { splitFrontmatter } from '../scan/frontmatter.ts';

/** A stretch of a note's file text, as UTF-16 offsets (what `String.slice` takes). */
export interface TextRange {
  start: number;
  end: number;
}

/**
 * One place in a note where a link names its target, with exactly the characters a rewrite may
 * replace: the name inside `[[name#anchor|label]]`, or the destination of a Markdown link,
 * image or `[ref]: …` definition, or the value of an HTML `href`/`src`. Found in the parsed tree, so
 * code, comments and text that only looks like a link are never sites.
 */
export type LinkSite = WikiLinkSite | UrlSite;

export interface WikiLinkSite {
  syntax: 'wikilink';
  embed: boolean;
  target: LinkTarget & { form: 'name' };
  at: SourcePoint;
  /** The target name, without the spaces around it. */
  range: TextRange;
  /** Where `|label` goes when there is no label yet (before `]]`); `undefined` when there is one. */
  labelAt: number | undefined;
  /** Inside a GFM table the label separator is written `\|`. */
  inTable: boolean;
}

export interface UrlSite {
  syntax: 'markdown' | 'html';
  embed: boolean;
  target: LinkTarget & { form: 'url' };
  at: SourcePoint;
  /** The destination as written: `<a b.md>` with its brackets, `a%20b.md#x`, an attribute's value. */
  range: TextRange;
  /** For HTML: the quote around the attribute's value (`''` when unquoted). */
  quote?: string;
}

/**
 * Every link site of a note, in document order. `text` is the whole file as decoded (frontmatter
 * and all); ranges are offsets in it. The note is parsed as the index parses it (same frontmatter
 * split, same parser), plus the positions of link destinations.
 */
export function linkSitesOf(text: string): LinkSite[] {
  const bom = text.startsWith('\uFEFF') ? 1 : 0;
  const source = replaceControlCharacters(text.slice(bom));
  const { body } = splitFrontmatter(source);
  // The body is the file with its frontmatter blanked to line breaks: the rest is the same text,
  // so a body offset is a file offset minus what the blanking removed.
  const shift = bom + source.length - body.length;
  const tree = parseMarkdownWithDestinations(body);
  const sites: LinkSite[] = [];

  visitParents(tree, (node, ancestors) => {
    const start = node.position?.start;
    if (!start || start.offset === undefined) return undefined;
    const at = { line: start.line, column: start.column };
    switch (node.type) {
      case 'wikiLink': {
        const site = wikiLinkSite(node, start.offset + shift, at, ancestors);
        if (site) sites.push(site);
        return 'skip';
      }
      case 'link':
      case 'image':
      case 'definition': {
        const destination = node.data?.destination;
        if (!destination) return undefined;
        sites.push({
          syntax: 'markdown',
          embed: node.type === 'image',
          target: { form: 'url', url: node.url },
          at,
          range: { start: destination.start + shift, end: destination.end + shift },
        });
        return undefined;
      }
      case 'html':
        if (/\b(href|src)\s*=/i.test(node.value)) sites.push(...htmlSites(node, text, start.offset + shift, at));
        return undefined;
      default:
        return undefined;
    }
  });
  return sites;
}

function wikiLinkSite(node: WikiLink, offset: number, at: SourcePoint, ancestors: Parents[]): WikiLinkSite | undefined {
  if (node.target === '') return undefined;
  const valueStart = offset + (node.embed ? 3 : 2);
  const bar = node.value.indexOf('|');
  let targetPart = bar === -1 ? node.value : node.value.slice(0, bar);
  if (bar !== -1 && targetPart.endsWith('\\')) targetPart = targetPart.slice(0, -1);
  const hash = targetPart.indexOf('#');
  const namePart = hash === -1 ? targetPart : targetPart.slice(0, hash);
  const lead = namePart.length - namePart.trimStart().length;
  const name = namePart.trim();
  return {
    syntax: 'wikilink',
    embed: node.embed,
    target: { form: 'name', name: node.target, anchor: node.anchor },
    at,
    range: { start: valueStart + lead, end: valueStart + lead + name.length },
    labelAt: bar === -1 ? valueStart + node.value.length : undefined,
    inTable: ancestors.some((ancestor) => ancestor.type === 'tableCell'),
  };
}

const LINK_ATTRIBUTES: Record<string, readonly string[]> = { a: ['href'], img: ['src'], video: ['src'], audio: ['src'], source: ['src'] };

/**
 * `<a href>` and media `src` in raw HTML, as the index reads them. Attribute positions come from the
 * HTML parser relative to the node's value; a value line is the end of its file line (containers
 * such as `> ` only add a prefix), which maps them back to the file. A site whose mapped text is
 * not the attribute is left out, and the rewrite's check then reports the link it could not update.
 */
function htmlSites(node: Html, text: string, offset: number, at: SourcePoint): UrlSite[] {
  const valueLines = node.value.split(/\r\n|\r|\n/);
  const lineStarts = fileLineStarts(text, offset, valueLines.length);
  const sites: UrlSite[] = [];
  const visit = (child: HastContent) => {
    if (child.type !== 'element') return;
    const element = child as Element;
    const positions = (
      element.data as
        | {
            position?: {
              properties?: Record<string, { start: { line: number; column: number }; end: { line: number; column: number } } | undefined>;
            };
          }
        | undefined
    )?.position?.properties;
    for (const attribute of LINK_ATTRIBUTES[element.tagName] ?? []) {
      const value = element.properties[attribute];
      const position = positions?.[attribute];
      if (typeof value !== 'string' || !position || position.start.line !== position.end.line) continue;
      const line = position.start.line - 1;
      const valueLine = valueLines[line] ?? '';
      const lineStart = lineStarts[line];
      if (lineStart === undefined) continue;
      // The value's first line starts at the node; a later one is the end of its file line.
      const base = line === 0 ? offset : lineEndOf(text, lineStart) - valueLine.length;
      const attributeStart = base + position.start.column - 1;
      const attributeText = text.slice(attributeStart, base + position.end.column - 1);
      const match = /^([^\s=]+)\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+)$/.exec(attributeText);
      if (!match || match[1]!.toLowerCase() !== attribute) continue;
      const written = match[2]!;
      const quote = written.startsWith('"') || written.startsWith("'") ? written[0]! : '';
      const valueStart = attributeStart + attributeText.length - written.length + quote.length;
      sites.push({
        syntax: 'html',
        embed: attribute === 'src',
        target: { form: 'url', url: value },
        at,
        range: { start: valueStart, end: valueStart + written.length - 2 * quote.length },
        quote,
      });
    }
    for (const grandchild of element.children) visit(grandchild);
  };
  for (const child of fromHtml(node.value, { fragment: true, verbose: true }).children) visit(child);
  return sites;
}

/** The offsets where the file lines holding a node start: its first line starts at the node. */
function fileLineStarts(text: string, offset: number, count: number): number[] {
  const starts = [lineStartBefore(text, offset)];
  let cursor = offset;
  while (starts.length < count) {
    const next = /\r\n|\r|\n/g;
    next.lastIndex = cursor;
    const found = next.exec(text);
    if (!found) break;
    cursor = found.index + found[0].length;
    starts.push(cursor);
  }
  return starts;
}

function lineStartBefore(text: string, offset: number): number {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  return start;
}

function lineEndOf(text: string, lineStart: number): number {
  const end = /\r|\n/g;
  end.lastIndex = lineStart;
  return end.exec(text)?.index ?? text.length;
}
