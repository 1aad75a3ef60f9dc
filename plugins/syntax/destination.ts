import type { Definition, Image, Link } from 'mdast';
import type { CompileContext, Extension as FromMarkdownExtension, Token } from 'mdast-util-from-markdown';
import type { Processor } from 'unified';

/**
 * Where a link's destination is written: `path.md` in `[x](path.md "title")`, `<a b.md>` with its
 * brackets, or the destination of a `[ref]: path.md` definition. Offsets in the parsed text. Kept
 * so that a tool can rewrite the destination alone (src/core/rename/), never the rest of the link.
 */
export interface DestinationRange {
  start: number;
  end: number;
}

declare module 'mdast' {
  interface LinkData {
    destination?: DestinationRange;
  }
  interface ImageData {
    destination?: DestinationRange;
  }
  interface DefinitionData {
    destination?: DestinationRange;
  }
}

/** The destination token closes while its link, image or definition is the open node. */
function recordDestination(this: CompileContext, token: Token): undefined {
  const node = this.stack[this.stack.length - 1] as Link | Image | Definition | undefined;
  if (!node || !('url' in node)) return;
  node.data = { ...node.data, destination: { start: token.start.offset, end: token.end.offset } };
}

export const destinationFromMarkdown: FromMarkdownExtension = {
  exit: { resourceDestination: recordDestination, definitionDestination: recordDestination },
};

/** A parser-only remark plugin: adds `data.destination` to links, images and definitions. */
export function remarkLinkDestinations(this: Processor): void {
  (this.data().fromMarkdownExtensions ??= []).push(destinationFromMarkdown);
}
