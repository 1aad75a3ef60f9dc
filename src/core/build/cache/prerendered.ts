import { readFileSync } from 'node:fs';
import type { RenderedNote } from '../../render/pipeline.ts';
import type { PrerenderedSource, RenderOptions } from '../../render/render-note.ts';
import type { ContentPath } from '../../common/types.ts';

interface Entry {
  file: string;
  liftTitle: boolean;
}

/** The HTML of notes rendered ahead of time (by the parallel workers or an earlier build). */
export class PrerenderedNotes implements PrerenderedSource {
  private readonly entries = new Map<ContentPath, Entry>();
  private readonly failures = new Map<ContentPath, string>();

  add(path: ContentPath, file: string, liftTitle: boolean): void {
    this.entries.set(path, { file, liftTitle });
  }

  /** A note whose rendering failed or ran out of time in a worker: its page shows a notice. */
  fail(path: ContentPath, reason: string): void {
    this.failures.set(path, reason);
  }

  failure(path: ContentPath): string | undefined {
    return this.failures.get(path);
  }

  get size(): number {
    return this.entries.size;
  }

  /** The stored rendering, read from disk only when a page asks (memory stays flat). */
  read(path: ContentPath, options: RenderOptions): RenderedNote | undefined {
    const entry = this.entries.get(path);
    if (!entry || entry.liftTitle !== (options.liftTitle ?? false)) return undefined;
    return JSON.parse(readFileSync(entry.file, 'utf8')) as RenderedNote;
  }
}
