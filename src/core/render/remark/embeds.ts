import type { Image, Link, Nodes, Paragraph, Parents, PhrasingContent, Root, RootContent } from 'mdast';
import { VFile } from 'vfile';
import { SKIP, visit } from 'unist-util-visit';
import { visitParents } from 'unist-util-visit-parents';
import type { AnchorResolution, Resolution } from '../../links/resolver.ts';
import { LIMITS } from '../../common/limits.ts';
import { findBlockMarks } from '../../../../plugins/blocks.ts';
import { expandsInPlace } from '../../../../plugins/embed-position.ts';
import type { WikiLink } from '../../../../plugins/syntax/index.ts';
import { parseEmbedLabel, renderAttachment, renderMissingAttachment } from '../attachments.ts';
import { namesAFile } from '../../links/note-or-file.ts';
import { contextOf, type EmbeddableNote, type RenderContext } from '../context.ts';
import { element, isRendered, markRendered, text, trimPhrasing, withProperties, type GardenElement } from '../element.ts';
import { remarkNoteTransforms } from './note-transforms.ts';
import { safeDecode } from '../../common/decode.ts';

/**
 * Embeds (transclusion): `![[Note]]`, `![[Note#Heading]]` (that section: the heading and what
 * follows it up to the next heading of the same or a higher level), `![[Note#^block]]` (that
 * block), `![](Note.md)`, and attachments (`![[image.png|300]]`, PDFs, audio, video: attachments.ts).
 *
 * An embedded note is rendered in place, inside a frame with a link to its source:
 *
 * ```html
 * <div class="kg-embed"><div class="kg-embed-title"><a class="internal" href="/b/#intro">B › Intro</a></div>
 *   <div class="kg-embed-content">…B's section, its links resolved relative to B…</div></div>
 * ```
 *
 * Its content is a copy of the embedded note's tree, put through the same note-level transforms
 * (embeds, links, anchors) with the embedded note's RenderContext, then marked as rendered so the
 * host's transforms leave it alone. The expansion path is carried along: an embed of something
 * already on the path (A → B → A, a note embedding itself) is a cycle and shows a short notice
 * instead; a diamond (A embeds B and C, both embed D) is not a cycle and shows D twice. Depth is
 * capped at LIMITS.maxEmbedDepth and the number of expansions on one page at
 * LIMITS.maxEmbedsPerPage. The index reports the same cycles and depths as diagnostics
 * (src/core/index/embeds.ts).
 *
 * Only an embed that stands directly in a paragraph of a block container expands (the paragraph is
 * split around it, as Obsidian shows a note embed as a block); elsewhere (a heading, a table cell,
 * a link's text) it is a link. Drafts are never embedded: their embeds render as plain text like
 * links to them.
 */

interface Frame {
  key: string;
  title: string;
}

interface EmbedState {
  /** The expansion path from the page's note down to the content being expanded. */
  path: Frame[];
  /** Expansions so far on this page, shared by every level. */
  budget: { used: number; bytes: number };
}

declare module 'vfile' {
  interface DataMap {
    embedState?: EmbedState;
  }
}

/** The note transforms, run on each embedded part as on the page. */
const noteTransforms = remarkNoteTransforms();

export function remarkEmbeds() {
  return (tree: Root, file: VFile) => expandEmbeds(tree, file);
}

interface Expansion {
  paragraph: Paragraph;
  container: Parents;
  node: Nodes;
  replacement: RootContent;
}

function expandEmbeds(tree: Root, file: VFile): void {
  const context = contextOf(file);
  const state = (file.data.embedState ??= {
    path: [{ key: `${context.path}#`, title: context.note(context.path)?.title ?? context.path }],
    budget: { used: 0, bytes: 0 },
  });
  const expansions: Expansion[] = [];
  visitParents(tree, (node, ancestors) => {
    if (isRendered(node)) return SKIP;
    if (node.type !== 'wikiLink' && node.type !== 'image') return undefined;
    if (node.type === 'wikiLink' && !node.embed) return SKIP;
    const parent = ancestors.at(-1);
    if (!parent) return undefined;
    const resolution =
      node.type === 'wikiLink'
        ? context.resolve({ form: 'name', name: node.target, anchor: node.anchor })
        : context.resolve({ form: 'url', url: node.url });
    const notePath = resolution.kind === 'note' ? resolution.path : resolution.kind === 'self' ? context.path : undefined;
    const target = notePath ? context.embeddable(notePath) : undefined;
    if (target && (resolution.kind === 'note' || resolution.kind === 'self')) {
      if (expandsInPlace(ancestors) && parent.type === 'paragraph') {
        const container = ancestors.at(-2)!;
        expansions.push({ paragraph: parent, container, node, replacement: expandNote(node, target, resolution.anchor, context, state) });
        return SKIP;
      }
      // Not at a block position: a Markdown image of a note becomes a link to it (a wikilink
      // embed is left to remark-links, which does the same).
      if (node.type === 'image') return replaceNode(parent, node, noteLink(node, target, resolution.anchor, context));
      return SKIP;
    }
    const inline = renderFileEmbed(node, resolution, context);
    return inline ? replaceNode(parent, node, inline) : SKIP;
  });
  splitParagraphs(expansions);
}

function replaceNode(parent: Parents, node: Nodes, replacement: PhrasingContent): [typeof SKIP, number] {
  const index = parent.children.indexOf(node as never);
  parent.children[index] = replacement as never;
  return [SKIP, index + 1];
}

/** Attachments, missing files and external images; `undefined` leaves the node to remark-links. */
function renderFileEmbed(node: WikiLink | Image, resolution: Resolution, context: RenderContext): PhrasingContent | undefined {
  const wikiLink = node.type === 'wikiLink';
  const options = wikiLink
    ? { ...parseEmbedLabel(node.label), fragment: node.anchor }
    : { ...parseEmbedLabel(node.alt ?? undefined), fragment: fragmentOf(node.url) };
  const written = wikiLink ? node.target : node.url;
  switch (resolution.kind) {
    case 'attachment':
      // A file that is not published (an unsafe type, a reserved address): its name, as text.
      if (resolution.refused) return markRendered(text(options.alt ?? resolution.path.slice(resolution.path.lastIndexOf('/') + 1)));
      return renderAttachment(resolution.path, options, context);
    case 'missing': {
      // A missing file is a missing attachment; a missing note a wanted link (remark-links makes
      // those for wikilinks).
      const notePath = /\.md$/i.test(written.replace(/[#?].*$/, ''));
      if (namesAFile(written) || (!wikiLink && !notePath)) return renderMissingAttachment(written, options.alt ?? written, context);
      if (wikiLink) return undefined;
      const name = safeDecode(written.replace(/[#?].*$/, ''))
        .split('/')
        .at(-1)!
        .replace(/\.md$/i, '');
      const wanted: Link = { type: 'link', url: context.urls.wanted(name), children: [text(options.alt ?? name)] };
      return markRendered(withProperties(wanted, { className: ['wanted'], title: `“${name}” does not exist yet` }));
    }
    case 'external':
    case 'site':
    case 'none':
      if (wikiLink) return undefined;
      // An image from elsewhere: only its `|300x200` size is read.
      node.alt = options.alt ?? '';
      return markRendered(
        withProperties(node, {
          ...(options.width ? { width: options.width } : {}),
          ...(options.height ? { height: options.height } : {}),
          loading: 'lazy',
        }),
      );
    case 'note':
    case 'self':
    case 'outside':
      // A draft, a note that may not be embedded here, or a file outside the garden: its text.
      return wikiLink ? undefined : text(options.alt ?? '');
    default:
      return undefined;
  }
}

function fragmentOf(url: string): string | undefined {
  const hash = url.indexOf('#');
  return hash === -1 ? undefined : safeDecode(url.slice(hash + 1));
}

function noteLink(node: Image, target: EmbeddableNote, anchor: AnchorResolution | undefined, context: RenderContext): Link {
  const link: Link = { type: 'link', url: context.urls.note(target.path, anchorId(anchor)), children: [text(node.alt || target.title)] };
  return markRendered(withProperties(link, { className: ['internal'] }));
}

function anchorId(anchor: AnchorResolution | undefined): string | undefined {
  return anchor ? (anchor.found ? anchor.id : anchor.wanted) : undefined;
}

function expandNote(
  node: Nodes,
  target: EmbeddableNote,
  anchor: AnchorResolution | undefined,
  context: RenderContext,
  state: EmbedState,
): GardenElement {
  const heading = anchor?.found && !anchor.id.startsWith('^') ? target.headings.find((candidate) => candidate.id === anchor.id) : undefined;
  const written = node.type === 'wikiLink' ? node.label : undefined;
  const label = written ?? (heading ? `${target.title} › ${heading.text}` : target.title);
  const linkClasses = anchor && !anchor.found ? ['internal', 'broken-anchor'] : ['internal'];
  const source = markRendered(
    withProperties({ type: 'link', url: context.urls.note(target.path, anchorId(anchor)), children: [text(label)] } satisfies Link, {
      className: linkClasses,
    }),
  );
  const title = element('div', { className: ['kg-embed-title'] }, [source]);
  const frame = (content: RootContent[], modifier?: string) =>
    markRendered(
      element('div', { className: ['kg-embed', ...(modifier ? [`kg-embed-${modifier}`] : [])] }, [
        title,
        element('div', { className: ['kg-embed-content'] }, content),
      ]),
    );
  const notice = (message: string, modifier: string) =>
    frame(
      [withProperties({ type: 'paragraph', children: [text(message)] } satisfies Paragraph, { className: ['kg-embed-notice'] })],
      modifier,
    );

  if (anchor && !anchor.found) return notice(`“${anchor.wanted}” is not a heading or block of ${target.title}.`, 'missing');
  const key = `${target.path}#${anchor?.found ? anchor.id : ''}`;
  const seenAt = state.path.findIndex((frame) => frame.key === key);
  if (seenAt !== -1) {
    const cycle = [...state.path.slice(seenAt).map((frame) => frame.title), target.title].join(' → ');
    return notice(`Not embedded again: this would repeat forever (${cycle}).`, 'cycle');
  }
  if (state.path.length > LIMITS.maxEmbedDepth)
    return notice(`Not embedded: embeds nest at most ${LIMITS.maxEmbedDepth} levels deep.`, 'too-deep');
  if (state.budget.used >= LIMITS.maxEmbedsPerPage)
    return notice(`Not embedded: a page shows at most ${LIMITS.maxEmbedsPerPage} embeds.`, 'too-many');

  const shown = fragment(target, anchor);
  if (!shown) return notice(`“${anchorId(anchor)}” is not a heading or block of ${target.title}.`, 'missing');
  // Checked before the part is copied: 250 copies of a big note would exhaust the memory.
  if (state.budget.bytes + shown.bytes > LIMITS.maxEmbeddedBytesPerPage) {
    return notice(`Not embedded: a page shows at most ${mebibytes(LIMITS.maxEmbeddedBytesPerPage)} MiB of embedded notes.`, 'too-many');
  }
  state.budget.used++;
  state.budget.bytes += shown.bytes;
  const content = structuredClone(shown.nodes);
  prefixIdentifiers(content, `embed${state.budget.used}-`);
  const subtree: Root = { type: 'root', children: content };
  const file = new VFile();
  file.data.garden = target.context;
  file.data.embedState = { path: [...state.path, { key, title: target.title }], budget: state.budget };
  expandEmbeds(subtree, file);
  noteTransforms(subtree, file);
  return frame(subtree.children);
}

/**
 * What an embed shows (the embedded note's own nodes: copy them before changing them): the whole
 * note, a heading's section, or a block, plus the note's link definitions and footnotes, which the
 * shown part may refer to; and the size of the shown part's Markdown. `undefined` when the anchor
 * names nothing that is there.
 */
function fragment(target: EmbeddableNote, anchor: AnchorResolution | undefined): { nodes: RootContent[]; bytes: number } | undefined {
  const { tree } = target;
  if (!anchor?.found) return { nodes: tree.children, bytes: sourceLength(tree.children) };
  const part = anchor.id.startsWith('^') ? blockNodes(tree, anchor.id.slice(1)) : sectionNodes(target, anchor.id);
  if (!part) return undefined;
  const references = tree.children.filter(
    (child) => (child.type === 'definition' || child.type === 'footnoteDefinition') && !part.includes(child),
  );
  return { nodes: [...part, ...references], bytes: sourceLength(part) };
}

/** The characters of Markdown that nodes were parsed from (what LIMITS.maxEmbeddedBytesPerPage counts). */
function sourceLength(nodes: readonly RootContent[]): number {
  let total = 0;
  for (const node of nodes) total += (node.position?.end.offset ?? 0) - (node.position?.start.offset ?? 0);
  return total;
}

const mebibytes = (bytes: number) => (bytes / 1024 / 1024).toLocaleString('en', { maximumFractionDigits: 1 });

function sectionNodes(target: EmbeddableNote, id: string): RootContent[] | undefined {
  const wanted = target.headings.findIndex((heading) => heading.id === id);
  // An anchor that is a raw HTML id rather than a heading: the whole note.
  if (wanted === -1) return target.tree.children;
  let seen = -1;
  let found: RootContent[] | undefined;
  visit(target.tree, 'heading', (heading, index, parent) => {
    if (++seen !== wanted || !parent || index === undefined) return undefined;
    const section: RootContent[] = [heading];
    for (const sibling of parent.children.slice(index + 1)) {
      if (sibling.type === 'heading' && sibling.depth <= heading.depth) break;
      section.push(sibling as RootContent);
    }
    found = section;
    return false;
  });
  return found;
}

function blockNodes(tree: Root, id: string): RootContent[] | undefined {
  const mark = findBlockMarks(tree).find((candidate) => candidate.id === id);
  if (!mark) return undefined;
  const { target, targetParent } = mark;
  if (target.type === 'listItem' && targetParent.type === 'list') {
    // A list item is shown as a one-item list of the same kind (numbered from its own number).
    const start = targetParent.ordered ? (targetParent.start ?? 1) + targetParent.children.indexOf(target) : undefined;
    return [{ type: 'list', ordered: targetParent.ordered ?? false, start, spread: false, children: [target], position: target.position }];
  }
  return [target as RootContent];
}

/**
 * Footnote and link-reference identifiers are page-wide; an embed's are made its own, so that the
 * embedded `[^1]` is not the host's `[^1]`.
 */
function prefixIdentifiers(nodes: RootContent[], prefix: string): void {
  for (const node of nodes) {
    visit(node, (child) => {
      if ('identifier' in child && typeof child.identifier === 'string') child.identifier = prefix + child.identifier;
    });
  }
}

/** Replaces each paragraph that holds expanded embeds by the text before, the embeds, the text after. */
function splitParagraphs(expansions: Expansion[]): void {
  const byParagraph = new Map<Paragraph, Expansion[]>();
  for (const expansion of expansions) {
    const list = byParagraph.get(expansion.paragraph);
    if (list) list.push(expansion);
    else byParagraph.set(expansion.paragraph, [expansion]);
  }
  for (const [paragraph, list] of byParagraph) {
    const container = list[0]!.container;
    const replacements = new Map(list.map((expansion) => [expansion.node, expansion.replacement]));
    const pieces: RootContent[] = [];
    let run: PhrasingContent[] = [];
    const flush = () => {
      const children = trimPhrasing(run);
      if (children.length > 0) pieces.push({ ...paragraph, children });
      run = [];
    };
    for (const child of paragraph.children) {
      const replacement = replacements.get(child);
      if (replacement) {
        flush();
        pieces.push(replacement);
      } else run.push(child);
    }
    flush();
    container.children.splice(container.children.indexOf(paragraph as never), 1, ...(pieces as never[]));
  }
}
