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
 * Trees kept from parsing for the render that follows, up to a budget of Markdown: a tree takes
 * about 25 times its Markdown in memory, and a garden of 50,000 notes kept whole went past 4 GB.
 * The first notes parsed are kept and the rest are parsed again when rendered (their Markdown
 * comes with the request): dropping the oldest instead, as this once did, dropped every tree just
 * before its render, since notes are rendered in about the order they were parsed. The build sends
 * a note's render to the worker that parsed it (`WorkerPool.runOn`), and a render takes its tree
 * out: each kept tree is rendered once, without a copy.
 */
const KEPT_MARKDOWN_CHARS = 12_000_000;
const trees = new Map<ContentPath, { tree: Root; chars: number }>();
let keptChars = 0;

function keepTree(notePath: ContentPath, tree: Root, chars: number): void {
  takeTree(notePath);
  if (keptChars + chars > KEPT_MARKDOWN_CHARS) return;
  trees.set(notePath, { tree, chars });
  keptChars += chars;
}

function takeTree(notePath: ContentPath): Root | undefined {
  const kept = trees.get(notePath);
  if (!kept) return undefined;
  trees.delete(notePath);
  keptChars -= kept.chars;
  return kept.tree;
}

/** The trees of the render under way: the note's own and those of the notes it embeds. */
let renderTrees = new Map<ContentPath, Root>();
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
      keepTree(request.path, tree, request.body.length);
      return { facts };
    }
    case 'world':
      world = buildWorld(request.world);
      return undefined;
    case 'render': {
      if (!world) throw new Error('A render request came before the garden was described.');
      const [own, ...embedded] = request.bodies;
      // A note that embeds itself reads its own tree while it is rendered: that tree is copied.
      const giveAway = own?.path === request.path && !embedded.some((target) => target.path === request.path);
      renderTrees = new Map();
      let parsed = 0;
      for (const { path: notePath, body } of request.bodies) {
        // The note's own tree is taken out (it is rendered once); an embedded note's stays for its own render.
        let tree = notePath === request.path && giveAway ? takeTree(notePath) : trees.get(notePath)?.tree;
        if (!tree) {
          tree = parseNote(body).tree;
          parsed++;
        }
        renderTrees.set(notePath, tree);
      }
      let rendered: ReturnType<typeof renderInWorld>;
      try {
        rendered = renderInWorld(await world, request.path, { liftTitle: request.liftTitle, treeGivenAway: giveAway });
      } finally {
        renderTrees = new Map();
      }
      mkdirSync(path.dirname(request.file), { recursive: true });
      // Written whole to a temporary name, then renamed: a reader never sees half a file.
      writeFileSync(`${request.file}.${process.pid}.tmp`, JSON.stringify(rendered));
      renameSync(`${request.file}.${process.pid}.tmp`, request.file);
      const response: RenderResponse = { bytes: rendered.html.length, parsed };
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
          const tree = renderTrees.get(notePath);
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
