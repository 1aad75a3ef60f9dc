import type { Root as HastRoot } from 'hast';
import type { Root } from 'mdast';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { VFile } from 'vfile';
import type { RenderContext } from './render/context.ts';
import { remarkAnchors } from './render/remark-anchors.ts';
import { remarkGardenLinks } from './render/remark-links.ts';
import { rehypeScrollable } from './render/rehype-scrollable.ts';
import { rehypeMarkGenerated, rehypeUntrustedHtml } from './render/rehype-untrusted-html.ts';
import { sanitizeSchema } from './render/sanitize-schema.ts';

export type { RenderContext } from './render/context.ts';

/**
 * The one ordered list of transforms from a note's Markdown tree to safe HTML, shared by the site,
 * the CLI and the tests. Order matters:
 * 1. remark: links resolved against the garden, anchors placed;
 * 2. mdast → hast, keeping raw HTML as raw nodes;
 * 3. our elements marked, raw HTML parsed, untrusted ids namespaced and raw links resolved, code
 *    blocks and tables made reachable by keyboard;
 * 4. the sanitizer, last, so nothing after it can reintroduce unsafe markup.
 */
const processor = unified()
  .use(remarkGardenLinks)
  .use(remarkAnchors)
  .use(remarkRehype, { allowDangerousHtml: true })
  .use(rehypeMarkGenerated)
  .use(rehypeRaw)
  .use(rehypeUntrustedHtml)
  .use(rehypeScrollable)
  .use(rehypeSanitize, sanitizeSchema)
  .use(rehypeStringify)
  .freeze();

export interface RenderedNote {
  html: string;
  /** The id of the `# title` heading lifted out of the body (see RenderContext.title). */
  liftedTitleId?: string | undefined;
}

/** Renders a note's tree (left untouched: it is copied first) to sanitized HTML. */
export function renderToHtml(tree: Root, context: RenderContext): RenderedNote {
  const file = new VFile();
  file.data.garden = context;
  const hast = processor.runSync(structuredClone(tree), file) as HastRoot;
  return { html: processor.stringify(hast, file), liftedTitleId: file.data.liftedTitleId };
}
