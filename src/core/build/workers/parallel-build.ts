import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../../common/diagnostics.ts';
import type { GardenIndex } from '../../index/types.ts';
import type { NoteFacts } from '../../markdown/facts.ts';
import { LIMITS } from '../../common/limits.ts';
import type { ScanResult } from '../../scan/scan.ts';
import type { ContentPath } from '../../common/types.ts';
import type { SiteUrls } from '../../links/urls.ts';
import { TaskTimeoutError, WorkerPool } from './pool.ts';
import { FactsPack } from '../cache/facts-pack.ts';
import { PrerenderedNotes } from '../cache/prerendered.ts';
import type { ParseResponse, RenderRequest, RenderResponse, WorldData } from './protocol.ts';
import { embeddedNotes, renderCodeVersion, renderKey } from '../cache/render-key.ts';
import { resolvable } from '../../index/build.ts';

export interface ParallelParse {
  parsed: Map<ContentPath, { facts: NoteFacts }>;
  /** Notes that ran out of their time budget: reported, and left out of the garden. */
  diagnostics: Diagnostic[];
  /** Notes parsed by the workers this time; the others' facts came from the cache. */
  inWorkers: number;
}

/**
 * The build's use of both cores: worker threads parse the notes (and keep their trees), then, once
 * the main thread has resolved every link, render them ahead of Astro's page generation, each note
 * in the worker that parsed it (and so has its tree). Each note has a time budget, so one
 * pathological note cannot stall the build.
 */
export class ParallelBuild {
  private readonly pool: WorkerPool<unknown>;
  /** How long one note may take to parse, and to render (DESIGN.md §6). */
  private readonly budgetMs: number;
  /** Which worker parsed each note (and may have kept its tree). */
  private readonly parsedBy = new Map<ContentPath, number>();

  /** With the garden's settings (GardenConfig: `GARDEN_WORKERS`, `GARDEN_NOTE_BUDGET_MS`), else the defaults. */
  constructor(settings: { workers?: number | undefined; noteBudgetMs?: number | undefined } = {}) {
    this.pool = new WorkerPool<unknown>(new URL('./worker.ts', import.meta.url), settings.workers);
    this.budgetMs = settings.noteBudgetMs ?? LIMITS.noteBudgetMs;
  }

  get workers(): number {
    return this.pool.size;
  }

  /**
   * Parses every note in the workers, except those whose facts are in the cache (same bytes, same
   * code): a warm build parses only what changed. Trees are not cached; a worker parses a cached
   * note again only if it must render it.
   */
  async parse(scan: ScanResult, cacheDir?: string, budgetMs = this.budgetMs): Promise<ParallelParse> {
    const parsed = new Map<ContentPath, { facts: NoteFacts }>();
    const diagnostics: Diagnostic[] = [];
    const pack = cacheDir === undefined ? undefined : FactsPack.load(cacheDir, renderCodeVersion());
    let inWorkers = 0;
    // Every worker takes its share from the start: a worker that loaded late would render the
    // notes the other parsed, and parse them again.
    await this.pool.loaded();
    await Promise.all(
      scan.notes.map(async (note) => {
        const cached = pack?.get(note.hash);
        if (cached) {
          parsed.set(note.path, { facts: cached });
          return;
        }
        try {
          const answer = await this.pool.runOn({ type: 'parse', path: note.path, body: note.body }, budgetMs);
          const response = answer.response as ParseResponse;
          this.parsedBy.set(note.path, answer.worker);
          inWorkers++;
          parsed.set(note.path, response);
          pack?.add(note.hash, response.facts);
        } catch (error) {
          diagnostics.push(
            error instanceof TaskTimeoutError
              ? {
                  file: note.path,
                  severity: 'error',
                  rule: 'note-too-slow',
                  message: `Reading this note took longer than ${budgetMs / 1000} s, so it is left out of the garden.`,
                  hint: 'Split the note, or simplify its structure (very deep nesting, huge tables, long runs of brackets).',
                }
              : {
                  file: note.path,
                  severity: 'error',
                  rule: 'parse-failed',
                  message: `The note could not be read (${firstLine(error)}), so it is left out of the garden.`,
                  hint: "Simplify the part of the note that was changed last; if the note looks ordinary, report it to the garden's maintainers.",
                },
          );
        }
      }),
    );
    pack?.save();
    return { parsed, diagnostics, inWorkers };
  }

  /**
   * Renders every note a page shows (the published notes, and the `404.md` the page not found
   * shows) whose rendering is not already in the cache (same render key: same note, same link
   * targets, same code), and returns where each rendering is, or why it failed.
   */
  async prerender(
    index: GardenIndex,
    urls: SiteUrls,
    cacheDir: string,
    bodies: ReadonlyMap<ContentPath, string>,
  ): Promise<{ notes: PrerenderedNotes; rendered: number; parsedAgain: number }> {
    this.pool.configure({ type: 'world', world: worldData(index, urls) });
    const salt = `${renderCodeVersion()}\0${urls.base}`;
    const notes = new PrerenderedNotes();
    let rendered = 0;
    let parsedAgain = 0;
    const shown = [...index.bySlug.values(), ...(index.notFoundNote ? [index.notFoundNote] : [])];
    await Promise.all(
      shown.map(async (note) => {
        const file = path.join(cacheDir, 'html', `${renderKey(index, note, salt)}.json`);
        if (!existsSync(file)) {
          const request: RenderRequest = {
            type: 'render',
            path: note.path,
            liftTitle: true,
            bodies: [note, ...embeddedNotes(index, note)].map((target) => ({ path: target.path, body: bodies.get(target.path) ?? '' })),
            file,
          };
          try {
            const { response } = await this.pool.runOn(request, this.budgetMs, this.parsedBy.get(note.path));
            parsedAgain += (response as RenderResponse).parsed;
            rendered++;
          } catch (error) {
            // Rendering it again in the main thread would stall the build the same way: the page
            // shows a notice instead, and the build reports why (src/core/build/site-build.ts).
            const reason = error instanceof TaskTimeoutError ? `rendering took longer than ${this.budgetMs / 1000} s` : firstLine(error);
            notes.fail(note.path, reason);
            return;
          }
        }
        notes.add(note.path, file);
      }),
    );
    return { notes, rendered, parsedAgain };
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

function worldData(index: GardenIndex, urls: SiteUrls): WorldData {
  return {
    base: urls.base,
    notes: index.notes.map((note) => ({ ...resolvable(note), title: note.title, published: note.published, inlineTags: note.inlineTags })),
    attachments: [...index.resolver.attachmentPaths()],
    publishedAttachments: [...index.attachmentsUsed],
    codeLanguages: [...new Set(index.notes.flatMap((note) => note.facts.codeLanguages))],
  };
}

/** An error's first line: a worker's error arrives with its stack, which a note's author does not need. */
function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.replace(/^Error: /, '');
}
