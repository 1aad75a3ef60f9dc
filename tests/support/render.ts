import type { IndexedNote } from '../../src/core/index/types.ts';
import { SiteUrls } from '../../src/core/links/urls.ts';
import { isRenderFailure, renderNote, type RenderOptions, type RenderSource } from '../../src/core/render/render-note.ts';

/** A note's HTML through the one render pipeline; fails the test when the note could not be rendered. */
export function htmlOf(garden: RenderSource, note: IndexedNote, options: RenderOptions = {}, urls = new SiteUrls('/')): string {
  const result = renderNote(garden, note, urls, options);
  if (isRenderFailure(result)) throw new Error(`${note.path} could not be rendered: ${result.failure}`);
  return result.html;
}
