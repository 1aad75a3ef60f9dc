import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { RenderedNote } from '../../render/pipeline.ts';
import type { RenderedNotes, RenderResult } from '../../render/render-note.ts';
import type { IndexedNote } from '../../index/types.ts';
import type { ContentPath } from '../../common/types.ts';

/**
 * The page content of notes rendered ahead of time (by the parallel workers or an earlier build):
 * filled in by `ParallelBuild.prerender`, then only read. Every note a page shows is in it, rendered
 * or failed, so that the build knows every render failure before Astro generates a page.
 */
export class PrerenderedNotes implements RenderedNotes {
  private readonly files = new Map<ContentPath, string>();
  private readonly failures = new Map<ContentPath, string>();

  /** A note's page content is in `file` (JSON of `RenderedNote`). */
  add(path: ContentPath, file: string): void {
    this.files.set(path, file);
  }

  /** A note whose rendering failed or ran out of time in a worker: its page shows a notice. */
  fail(path: ContentPath, reason: string): void {
    this.failures.set(path, reason);
  }

  /** The notes that could not be rendered, with why. */
  failed(): ReadonlyMap<ContentPath, string> {
    return this.failures;
  }

  /** The render key the stored rendering is filed under (its file's name), or the failure. */
  version(note: IndexedNote): string | undefined {
    const failure = this.failures.get(note.path);
    if (failure !== undefined) return `failed: ${failure}`;
    const file = this.files.get(note.path);
    return file === undefined ? undefined : path.basename(file, '.json');
  }

  get size(): number {
    return this.files.size;
  }

  /** The stored rendering, read from disk only when a page asks (memory stays flat). */
  page(note: IndexedNote): RenderResult {
    const failure = this.failures.get(note.path);
    if (failure !== undefined) return { failure };
    const file = this.files.get(note.path);
    if (file === undefined)
      throw new Error(
        `${note.path} was not rendered by the build, yet a page shows it (src/core/build/site-build.ts renders every note a page shows).`,
      );
    return JSON.parse(readFileSync(file, 'utf8')) as RenderedNote;
  }
}
