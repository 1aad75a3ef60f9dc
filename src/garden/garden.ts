import { loadCodeHighlighter, type CodeHighlighter } from '../../plugins/render/highlight-code.ts';
import type { GardenConfig } from './config.ts';
import { compareDiagnostics, type Diagnostic } from './diagnostics.ts';
import { buildIndex, type GardenIndex } from './index/build.ts';
import { scanContent } from './scan/scan.ts';
import { Stopwatch, type StageTiming } from './stopwatch.ts';

/** The garden as the site, the CLI and the tests see it: configuration, index and problems. */
export interface Garden {
  config: GardenConfig;
  index: GardenIndex;
  /** Every problem found, sorted by file and position. */
  diagnostics: Diagnostic[];
  /** The scan, index and highlight stages' times. */
  timings: StageTiming[];
  /** Syntax highlighting for the code blocks of this garden (their languages' grammars loaded). */
  highlighter: CodeHighlighter;
}

/** Runs the scan and index stages over the content folder, and prepares the render stage. */
export async function loadGarden(config: GardenConfig): Promise<Garden> {
  const stopwatch = new Stopwatch();
  stopwatch.start('scan');
  const scan = await scanContent(config);
  stopwatch.start('index');
  const index = buildIndex(scan);
  // The grammars of the code languages the notes use, so that the render stage highlights synchronously.
  stopwatch.start('highlight');
  const highlighter = await loadCodeHighlighter(index.notes.flatMap((note) => note.facts.codeLanguages));
  stopwatch.stop();
  return { config, index, diagnostics: [...index.diagnostics].sort(compareDiagnostics), timings: stopwatch.timings, highlighter };
}
