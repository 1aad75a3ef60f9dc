import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parentPort } from 'node:worker_threads';
import type { Root } from 'mdast';
import { loadCodeHighlighter } from '../../render/highlight-code.ts';
import { parseNote } from '../../markdown/parse-note.ts';
import { Resolver } from '../../links/resolver.ts';
import { renderInWorld, type RenderWorld } from '../../render/render-note.ts';
import type { ContentPath } from '../../common/types.ts';
import { SiteUrls } from '../../links/urls.ts';
import type { RenderResponse, WorkerRequest, WorldData } from './protocol.ts';

/**
 * A parallel worker of the build: parses notes (keeping their trees) and later renders them, with
 * the same modules the main thread uses. Messages are handled one after the other, so replies come
 * back in the order the requests came (the pool relies on it).
 */
const port = parentPort;
if (!port) throw new Error('src/core/build/workers/worker.ts runs as a worker thread only.');

/**
 * Trees kept from parsing for the render that follows, newest last. Bounded: a tree takes about 25
 * times its Markdown in memory, and a garden of 50,000 notes kept whole went past 4 GB. A note whose
 * tree was dropped is parsed again when it is rendered (its Markdown comes with the request).
 */
const MAX_KEPT_TREES = 2_000;
const trees = new Map<ContentPath, Root>();

function keepTree(notePath: ContentPath, tree: Root): void {
  trees.delete(notePath);
  trees.set(notePath, tree);
  // The oldest go first; a render's own trees were just added, so they stay for that render.
  for (const oldest of trees.keys()) {
    if (trees.size <= MAX_KEPT_TREES) break;
    trees.delete(oldest);
  }
}
let world: Promise<RenderWorld> | undefined;
let queue: Promise<void> = Promise.resolve();

port.postMessage({ ready: true });

port.on('message', (request: WorkerRequest) => {
  queue = queue.then(async () => {
    try {
      const response = await handle(request);
      if (response !== undefined) port.postMessage(response);
    } catch (error) {
      port.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  });
});

async function handle(request: WorkerRequest): Promise<unknown> {
  switch (request.type) {
    case 'parse': {
      const { facts, tree } = parseNote(request.body);
      keepTree(request.path, tree);
      return { facts };
    }
    case 'world':
      world = buildWorld(request.world);
      return undefined;
    case 'render': {
      if (!world) throw new Error('A render request came before the garden was described.');
      // Each tree this render needs becomes the newest, so none of them is dropped during it.
      for (const { path: notePath, body } of request.bodies) keepTree(notePath, trees.get(notePath) ?? parseNote(body).tree);
      const rendered = renderInWorld(await world, request.path, { liftTitle: request.liftTitle });
      mkdirSync(path.dirname(request.file), { recursive: true });
      // Written whole to a temporary name, then renamed: a reader never sees half a file.
      writeFileSync(`${request.file}.${process.pid}.tmp`, JSON.stringify(rendered));
      renameSync(`${request.file}.${process.pid}.tmp`, request.file);
      const response: RenderResponse = { bytes: rendered.html.length };
      return response;
    }
  }
}

async function buildWorld(data: WorldData): Promise<RenderWorld> {
  const notes = new Map(data.notes.map((note) => [note.path, note]));
  const resolver = new Resolver(data.notes, data.attachments);
  const publishedAttachments = new Set(data.publishedAttachments);
  const highlighter = await loadCodeHighlighter(data.codeLanguages);
  return {
    resolver,
    note: (notePath) => {
      const note = notes.get(notePath);
      if (!note) return undefined;
      return {
        path: note.path,
        title: note.title,
        published: note.published,
        headings: note.headings,
        inlineTags: note.inlineTags,
        get tree() {
          const tree = trees.get(notePath);
          if (!tree) throw new Error(`The worker has no tree for ${notePath}: its Markdown was not sent.`);
          return tree;
        },
      };
    },
    attachmentPublished: (attachment) => publishedAttachments.has(attachment),
    highlighter,
    urls: new SiteUrls(data.base),
  };
}
