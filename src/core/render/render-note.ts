import type { Root } from 'mdast';
import { renderToHtml, type RenderedNote } from './pipeline.ts';
import type { RenderContext } from './context.ts';
import type { CodeHighlighter } from './highlight-code.ts';
import type { Diagnostic } from '../common/diagnostics.ts';
import type { GardenIndex, IndexedNote } from '../index/types.ts';
import type { Heading } from '../markdown/facts.ts';
import type { Resolver } from '../links/resolver.ts';
import type { ContentPath } from '../common/types.ts';
import type { SiteUrls } from '../links/urls.ts';

/** A note as the render stage sees it, whether it renders in this thread or in a worker. */
export interface RenderableNote {
  path: ContentPath;
  title: string;
  published: boolean;
  headings: readonly Heading[];
  /** Its inline `#tags` that count as tags (the others are shown as text). */
  inlineTags: readonly string[];
  readonly tree: Root;
}

/** Everything the render stage may ask about the garden: the same in this thread and in workers. */
export interface RenderWorld {
  resolver: Resolver;
  note(path: ContentPath): RenderableNote | undefined;
  /** Whether an attachment is published (copied into the site); a refused one is plain text. */
  attachmentPublished(path: ContentPath): boolean;
  highlighter?: CodeHighlighter | undefined;
  urls: SiteUrls;
}

export interface RenderOptions {
  /** Drop a leading `# title` heading: the page shows the title itself (see RenderContext.title). */
  liftTitle?: boolean;
  /** The note's tree is not read again: the render may change it instead of copying it (see renderToHtml). */
  treeGivenAway?: boolean;
}

/** Why a note could not be rendered: its page shows a notice instead, and the build reports it. */
export interface RenderFailure {
  failure: string;
}

/** What the render stage made of a note: its HTML, or why there is none. */
export type RenderResult = RenderedNote | RenderFailure;

export function isRenderFailure(result: RenderResult): result is RenderFailure {
  return 'failure' in result;
}

/** The rendered page content of notes, whichever thread rendered them and whenever. */
export interface RenderedNotes {
  /** The note as its page shows it (with its `# title` lifted out: RenderOptions.liftTitle). */
  page(note: IndexedNote): RenderResult;
  /**
   * What the note's page content depends on, hashed (its render key), or why it failed: equal
   * versions, equal content. `undefined` when not known ahead of rendering (the dev server).
   */
  version(note: IndexedNote): string | undefined;
}

/** What rendering in this thread needs of a loaded garden (build/build.ts's `Garden` is one). */
export interface RenderSource {
  index: Pick<GardenIndex, 'byPath' | 'resolver' | 'attachmentsUsed'>;
  /** Syntax highlighting for the garden's code blocks (their languages' grammars loaded). */
  highlighter: CodeHighlighter;
}

/**
 * Stage 3: a note's tree to safe HTML through the one pipeline, consulting the index for every
 * link. Per-page work is proportional to the page (and to what it embeds). One note must never take
 * the build down: a note that cannot be rendered comes back as a failure, which its page shows as
 * a notice and the build reports (`renderFailureDiagnostic`). A build renders its notes ahead of time
 * in parallel workers (src/core/build/workers/); this renders in the calling thread.
 */
export function renderNote(garden: RenderSource, note: IndexedNote, urls: SiteUrls, options: RenderOptions = {}): RenderResult {
  try {
    return renderInWorld(gardenWorld(garden, urls), note.path, options);
  } catch (error) {
    return { failure: error instanceof Error ? error.message : String(error) };
  }
}

/** The dev server's rendered notes: each rendered in this thread when its page is asked for. */
export function renderOnDemand(garden: RenderSource, urls: SiteUrls): RenderedNotes {
  return { page: (note) => renderNote(garden, note, urls, { liftTitle: true }), version: () => undefined };
}

/** The problem a build reports for a note that could not be rendered (it fails a strict build). */
export function renderFailureDiagnostic(path: ContentPath, failure: string): Diagnostic {
  return {
    file: path,
    severity: 'error',
    rule: 'render-failed',
    message: `The note could not be turned into a page: ${failure}.`,
    hint: "Simplify the part of the note that was changed last; if the note looks ordinary, report it to the garden's maintainers.",
  };
}

export function renderInWorld(world: RenderWorld, path: ContentPath, options: RenderOptions = {}): RenderedNote {
  const note = world.note(path);
  if (!note) throw new Error(`Cannot render ${path}: it is not in the garden.`);
  return renderToHtml(note.tree, renderContext(world, note, { liftTitle: options.liftTitle ?? false, embedded: false }), {
    treeGivenAway: options.treeGivenAway ?? false,
  });
}

/**
 * The render world of a garden loaded in this thread. `treeOf` replaces the notes' own trees (which
 * stay in memory once parsed), for a caller that renders every note of a large garden once.
 */
export function gardenWorld(garden: RenderSource, urls: SiteUrls, treeOf?: (note: IndexedNote) => Root): RenderWorld {
  const { resolver, byPath } = garden.index;
  return {
    resolver,
    note: (path) => {
      const note = byPath.get(path);
      return note && renderable(note, treeOf);
    },
    attachmentPublished: (path) => garden.index.attachmentsUsed.has(path),
    highlighter: garden.highlighter,
    urls,
  };
}

function renderable(note: IndexedNote, treeOf?: (note: IndexedNote) => Root): RenderableNote {
  return {
    path: note.path,
    title: note.title,
    published: note.published,
    headings: note.facts.headings,
    inlineTags: note.inlineTags,
    get tree() {
      return treeOf ? treeOf(note) : note.tree;
    },
  };
}

/**
 * What the pipeline may know about the garden while rendering `note`. Inside an embed the note is
 * rendered with `embedded: true`: its links to its own headings (`[[#Heading]]`) then point at its
 * own page, not at the page that embeds it.
 */
function renderContext(world: RenderWorld, note: RenderableNote, options: { liftTitle: boolean; embedded: boolean }): RenderContext {
  let tags: Set<string> | undefined;
  return {
    path: note.path,
    headings: note.headings,
    title: options.liftTitle ? note.title : undefined,
    embedded: options.embedded,
    resolve: (target) => {
      const resolution = world.resolver.resolve(note.path, target);
      if (resolution.kind === 'attachment' && !world.attachmentPublished(resolution.path)) return { ...resolution, refused: true };
      return options.embedded && resolution.kind === 'self' ? { kind: 'note', path: note.path, anchor: resolution.anchor } : resolution;
    },
    isTag: (name) => (tags ??= new Set(note.inlineTags.map((tag) => tag.toLowerCase()))).has(name.toLowerCase()),
    note: (path) => {
      const target = world.note(path);
      return target && { title: target.title, published: target.published };
    },
    embeddable: (path) => {
      const target = world.note(path);
      if (!target?.published) return undefined;
      return {
        path: target.path,
        title: target.title,
        get tree() {
          return target.tree;
        },
        headings: target.headings,
        context: renderContext(world, target, { liftTitle: false, embedded: true }),
      };
    },
    highlighter: world.highlighter,
    urls: world.urls,
  };
}
