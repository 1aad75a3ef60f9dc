import { loadCodeHighlighter, type CodeHighlighter } from '../render/highlight-code.ts';
import type { GardenConfig } from '../config/config.ts';
import { planAttachments, type PublishedAttachment } from './attachments.ts';
import { compareDiagnostics, type Diagnostic } from '../common/diagnostics.ts';
import { readGardenHistory, type GardenHistory } from '../history/history.ts';
import { decideIdOwners } from '../index/ids.ts';
import type { Root } from 'mdast';
import { buildIndex, type IndexReuse } from '../index/build.ts';
import type { GardenIndex } from '../index/types.ts';
import type { NoteFacts } from '../markdown/facts.ts';
import type { ParallelBuild } from './workers/parallel-build.ts';
import { planRedirects, type Redirect } from '../index/redirects.ts';
import { scanContent, type ScanResult } from '../scan/scan.ts';
import { Stopwatch, type StageTiming } from '../common/stopwatch.ts';
import type { ContentPath } from '../common/types.ts';

/** The garden as the site, the CLI and the tests see it: configuration, index and problems. */
export interface Garden {
  readonly config: GardenConfig;
  readonly index: GardenIndex;
  /** Every problem found, sorted by file and position. */
  readonly diagnostics: readonly Diagnostic[];
  /** The scan, index and highlight stages' times. */
  readonly timings: readonly StageTiming[];
  /** Per-file git history, when asked for and the content folder is in a git repository. */
  readonly history?: GardenHistory;
  /** Why the history could not be read, when git failed (the garden is loaded without it). */
  readonly historyError?: string;
  /** Old addresses (git renames, aliases) that redirect to a published note. */
  readonly redirects: Redirect[];
  /** For every id that several published notes claim, the note that keeps it (src/core/index/ids.ts). */
  readonly idOwners: ReadonlyMap<string, ContentPath>;
  /** The attachments published, by content path: where each goes, and an SVG's sanitized text. */
  readonly attachments: ReadonlyMap<ContentPath, PublishedAttachment>;
  /** Syntax highlighting for the code blocks of this garden (their languages' grammars loaded). */
  readonly highlighter: CodeHighlighter;
  /** What the scan read, kept for `updateGarden` (the dev server) when loaded with `keepScan`. */
  readonly scan?: ScanResult;
}

export type LoadStage = 'scan' | 'index';

export interface LoadOptions {
  /** Read the git history (one `git log`, in parallel with the scan). `GardenHistory` to reuse one
   * already read, e.g. when dev mode reloads the garden after an edit. */
  history?: boolean | GardenHistory;
  /** Called when a stage starts, for progress output. */
  onStage?: (stage: LoadStage, detail: { notes?: number }) => void;
  /** Parse in these worker threads instead of this one (a build uses both cores this way). */
  parallel?: ParallelBuild;
  /** With `parallel`: where parse results are cached between builds. */
  cacheDir?: string;
  /** Keep what the scan read, so that `updateGarden` can apply a few changed files quickly. */
  keepScan?: boolean;
}

/** Runs the scan and index stages over the content folder (and reads its git history alongside). */
export async function loadGarden(config: GardenConfig, options: LoadOptions = {}): Promise<Garden> {
  return (await loadScanned(config, options)).garden;
}

/** `loadGarden`, also returning what the scan read (a build sends the notes' Markdown to its workers). */
export async function loadScanned(config: GardenConfig, options: LoadOptions): Promise<{ garden: Garden; scan: ScanResult }> {
  let historyError: string | undefined;
  // Caught here so that a failing git never fails the build (or leaves a rejection unhandled).
  const historyRead =
    options.history === true
      ? readGardenHistory(config.contentDir, config.gitEnv).catch((error: unknown) => {
          historyError = error instanceof Error ? error.message : String(error);
          return undefined;
        })
      : Promise.resolve(options.history || undefined);
  const stopwatch = new Stopwatch();
  stopwatch.start('scan');
  options.onStage?.('scan', {});
  const scan = await scanContent(config);
  options.onStage?.('index', { notes: scan.notes.length });
  let parsed: Awaited<ReturnType<ParallelBuild['parse']>> | undefined;
  if (options.parallel) {
    stopwatch.start('parse');
    parsed = await options.parallel.parse(scan, options.cacheDir);
    // A note that ran out of its time budget is left out, like a file over the size limit.
    scan.notes = scan.notes.filter((note) => parsed!.parsed.has(note.path));
    scan.diagnostics.push(...parsed.diagnostics);
  }
  const garden = await assembleGarden(config, scan, {
    parsed: parsed?.parsed,
    stopwatch,
    history: async () => {
      const history = await historyRead;
      return { history, historyError };
    },
    keepScan: options.keepScan ?? false,
  });
  return { garden, scan };
}

export interface AssembleOptions {
  /** Notes parsed elsewhere (in workers, or kept from before an update); the others are parsed here. */
  parsed: ReadonlyMap<ContentPath, { facts: NoteFacts; tree?: Root | undefined }> | undefined;
  stopwatch: Stopwatch;
  history: () => Promise<{ history?: GardenHistory | undefined; historyError?: string | undefined }>;
  reuse?: IndexReuse | undefined;
  /** Keep the scan in the garden, for `updateGarden` and the rename commands. */
  keepScan: boolean;
}

/**
 * The index and everything derived from it, from what was scanned (and parsed elsewhere, if so).
 * Shared by a full load and by `updateGarden`.
 */
export async function assembleGarden(config: GardenConfig, scan: ScanResult, options: AssembleOptions): Promise<Garden> {
  const { stopwatch } = options;
  stopwatch.start('index');
  const index = buildIndex(scan, options.parsed, options.reuse, { inlineTags: config.tags.inline });
  // The grammars of the code languages the notes use, so that the render stage highlights synchronously.
  stopwatch.start('highlight');
  const highlighter = await loadCodeHighlighter(index.notes.flatMap((note) => note.facts.codeLanguages));
  stopwatch.stop();
  const read = await options.history();
  const { redirects, diagnostics: redirectProblems } = planRedirects(index, read.history);
  const [attachments, ids] = await Promise.all([
    planAttachments(index, config),
    decideIdOwners(index, read.history, config.contentDir, config.gitEnv),
  ]);
  return {
    config,
    index,
    diagnostics: [...index.diagnostics, ...redirectProblems, ...attachments.diagnostics, ...ids.diagnostics].sort(compareDiagnostics),
    timings: stopwatch.timings,
    ...(read.history ? { history: read.history } : {}),
    ...(read.historyError === undefined ? {} : { historyError: read.historyError }),
    redirects,
    attachments: attachments.published,
    idOwners: ids.owners,
    highlighter,
    ...(options.keepScan ? { scan } : {}),
  };
}
