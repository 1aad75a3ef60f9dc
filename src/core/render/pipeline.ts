import type { Root as HastRoot } from 'hast';
import type { Root } from 'mdast';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { VFile } from 'vfile';
import type { RenderContext } from './context.ts';
import { rehypeCode } from './rehype/code.ts';
import { rehypeMath } from './rehype/math.ts';
import { listItemHandler } from './mdast-list-item.ts';
import { remarkCallouts } from './remark/callouts.ts';
import { remarkEmbeds } from './remark/embeds.ts';
import { remarkNoteTransforms } from './remark/note-transforms.ts';
import { rehypeScrollable } from './rehype/scrollable.ts';
import { remarkTasks } from './remark/tasks.ts';
import { rehypeRawHtml } from './rehype/untrusted-html.ts';
import { sanitizeSchema } from './rehype/sanitize-schema.ts';

export type { RenderContext } from './context.ts';

/**
 * The one ordered list of transforms from a note's Markdown tree to safe HTML, shared by the site,
 * the CLI and the tests. Order matters:
 * 1. remark, what depends on the note being rendered: embeds expanded (each embedded part goes
 *    through these three steps with its own note's context), links resolved, anchors placed;
 * 2. remark, the rest of the dialect: callouts, task statuses;
 * 3. mdast → hast, keeping raw HTML as raw nodes; formulas typeset, code highlighted;
 * 4. when the note has raw HTML: our elements marked, raw HTML parsed, untrusted ids namespaced,
 *    raw links resolved, elements only the garden may generate (frames, players, MathML, icons)
 *    dropped from raw HTML; then code blocks and tables that scroll sideways made reachable by
 *    keyboard;
 * 5. the sanitizer, last, so nothing after it can reintroduce unsafe markup.
 */
const processor = unified()
  .use(remarkEmbeds)
  .use(remarkNoteTransforms)
  .use(remarkCallouts)
  .use(remarkTasks)
  .use(remarkRehype, { allowDangerousHtml: true, handlers: { listItem: listItemHandler() } })
  .use(rehypeMath)
  .use(rehypeCode)
  .use(rehypeRawHtml)
  .use(rehypeScrollable)
  .use(rehypeSanitize, sanitizeSchema)
  .use(rehypeStringify)
  .freeze();

export interface RenderedNote {
  html: string;
  /** The id of the `# title` heading lifted out of the body (see RenderContext.title). */
  liftedTitleId?: string | undefined;
  /** Whether the page holds a Mermaid diagram (and so needs the diagram module). */
  hasDiagram: boolean;
}

/**
 * Renders a note's tree to sanitized HTML. The tree is left untouched (it is copied first), unless
 * the caller gives it away (`treeGivenAway`): the transforms then change it in place, which spares
 * a copy of every tree when a build renders each kept tree once.
 */
export function renderToHtml(tree: Root, context: RenderContext, options: { treeGivenAway?: boolean } = {}): RenderedNote {
  const file = new VFile();
  file.data.garden = context;
  const hast = processor.runSync(options.treeGivenAway ? tree : structuredClone(tree), file) as HastRoot;
  const html = processor.stringify(hast, file);
  return { html, liftedTitleId: file.data.liftedTitleId, hasDiagram: file.data.hasDiagram === true };
}
