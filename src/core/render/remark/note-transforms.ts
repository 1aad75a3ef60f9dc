import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { remarkAnchors } from './anchors.ts';
import { remarkGardenLinks } from './links.ts';

/**
 * The transforms that depend on which note the Markdown belongs to (its links resolve from its own
 * folder, its headings get its own ids), run once embeds are expanded. The pipeline runs them on the
 * page; the embed step runs the same list on each embedded part, with that part's own note as the
 * context. One list, so that a new transform of this kind cannot be forgotten in embeds.
 */
const NOTE_TRANSFORMS = [remarkGardenLinks, remarkAnchors] as const;

/** The note transforms as one remark plugin, in their order. */
export function remarkNoteTransforms() {
  const transforms = NOTE_TRANSFORMS.map((plugin) => plugin());
  return (tree: Root, file: VFile) => {
    for (const transform of transforms) transform(tree, file);
  };
}
