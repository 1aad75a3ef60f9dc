import type { NoteFacts } from '../../markdown/facts.ts';
import type { ResolvableNote } from '../../links/resolver.ts';
import type { ContentPath } from '../../common/types.ts';

/** The messages between the build and its parallel workers (src/core/build/workers/worker.ts). */

export interface ParseRequest {
  type: 'parse';
  path: ContentPath;
  body: string;
}

export interface ParseResponse {
  facts: NoteFacts;
}

/** What a worker needs to know of the whole garden to render any of its notes. */
export interface WorldData {
  base: string;
  notes: (ResolvableNote & {
    title: string;
    published: boolean;
    /** The note's inline `#tags` that count as tags. */
    inlineTags: readonly string[];
  })[];
  attachments: ContentPath[];
  /** The attachments that are published (copied into the site); links to the others are plain text. */
  publishedAttachments: ContentPath[];
  codeLanguages: string[];
}

export interface WorldMessage {
  type: 'world';
  world: WorldData;
}

export interface RenderRequest {
  type: 'render';
  path: ContentPath;
  liftTitle: boolean;
  /** The Markdown of the note and of every note it embeds (directly or not), for a worker that
   * did not parse them itself. */
  bodies: { path: ContentPath; body: string }[];
  /** Where to write the rendering (JSON of `RenderedNote`). */
  file: string;
}

export interface RenderResponse {
  /** Characters of HTML written. */
  bytes: number;
  /** Notes the worker parsed for this render, not having kept their trees. */
  parsed: number;
}

export type WorkerRequest = ParseRequest | WorldMessage | RenderRequest;
