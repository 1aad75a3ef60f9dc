import { readFileSync } from 'node:fs';
import type { RenderedNote } from '../../../plugins/pipeline.ts';
import type { RenderOptions } from '../render.ts';
import type { ContentPath } from '../types.ts';

interface Entry {
  file: string;
  liftTitle: boolean;
}

/** The HTML of notes rendered ahead of time (by the parallel workers or an earlier build). */
export class PrerenderedNotes {
  private readonly entries = new Map<ContentPath, Entry>();

  add(path: ContentPath, file: string, liftTitle: boolean): void {
    this.entries.set(path, { file, liftTitle });
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
