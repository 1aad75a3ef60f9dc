import { renderToHtml, type RenderedNote } from '../../plugins/pipeline.ts';
import type { RenderContext } from '../../plugins/render/context.ts';
import type { Garden } from './garden.ts';
import type { IndexedNote } from './index/build.ts';
import type { SiteUrls } from './urls.ts';

/**
 * Stage 3: a note's tree to safe HTML through the one pipeline, consulting the index for every
 * link. Per-page work is proportional to the page (and to what it embeds).
 */
export function renderNote(garden: Garden, note: IndexedNote, urls: SiteUrls, options: { liftTitle?: boolean } = {}): RenderedNote {
  try {
    return renderToHtml(note.tree, renderContext(garden, note, urls, { liftTitle: options.liftTitle ?? false, embedded: false }));
  } catch (error) {
    // One note must never take the build down: its page says it could not be shown, and the
    // problem joins the build's report (and fails a strict build).
    reportRenderFailure(garden, note, error);
    return { html: RENDER_FAILED_HTML, hasDiagram: false };
  }
}

const RENDER_FAILED_HTML = '<p class="kg-render-error">This note could not be shown. The build reported why; fix the note and build again.</p>';

function reportRenderFailure(garden: Garden, note: IndexedNote, error: unknown): void {
  if (garden.diagnostics.some((diagnostic) => diagnostic.file === note.path && diagnostic.rule === 'render-failed')) return;
  garden.diagnostics.push({
    file: note.path,
    severity: 'error',
    rule: 'render-failed',
    message: `The note could not be turned into a page: ${error instanceof Error ? error.message : String(error)}.`,
    hint: 'Simplify the part of the note that was changed last; if the note looks ordinary, report it to the garden\'s maintainers.',
  });
}

/**
 * What the pipeline may know about the garden while rendering `note`. Inside an embed the note is
 * rendered with `embedded: true`: its links to its own headings (`[[#Heading]]`) then point at its
 * own page, not at the page that embeds it.
 */
function renderContext(garden: Garden, note: IndexedNote, urls: SiteUrls, options: { liftTitle: boolean; embedded: boolean }): RenderContext {
  const { resolver, byPath } = garden.index;
  return {
    path: note.path,
    headings: note.facts.headings,
    title: options.liftTitle ? note.title : undefined,
    embedded: options.embedded,
    resolve: (target) => {
      const resolution = resolver.resolve(note.path, target);
      return options.embedded && resolution.kind === 'self' ? { kind: 'note', path: note.path, anchor: resolution.anchor } : resolution;
    },
    note: (path) => {
      const target = byPath.get(path);
      return target && { title: target.title, published: target.published };
    },
    embeddable: (path) => {
      const target = byPath.get(path);
      if (!target?.published) return undefined;
      return {
        path: target.path,
        title: target.title,
        tree: target.tree,
        headings: target.facts.headings,
        context: renderContext(garden, target, urls, { liftTitle: false, embedded: true }),
      };
    },
    highlighter: garden.highlighter,
    urls,
  };
}
