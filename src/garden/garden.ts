import { loadCodeHighlighter, type CodeHighlighter } from '../../plugins/render/highlight-code.ts';
import type { GardenConfig } from './config.ts';
import { compareDiagnostics, type Diagnostic } from './diagnostics.ts';
import { buildIndex, type GardenIndex } from './index/build.ts';
import { scanContent } from './scan/scan.ts';

export interface StageTimings {
  scanMs: number;
  indexMs: number;
}

/** The garden as the site, the CLI and the tests see it: configuration, index and problems. */
export interface Garden {
  config: GardenConfig;
  index: GardenIndex;
  /** Every problem found, sorted by file and position. */
  diagnostics: Diagnostic[];
  timings: StageTimings;
  /** Syntax highlighting for the code blocks of this garden (their languages' grammars loaded). */
  highlighter: CodeHighlighter;
}

/** Runs the scan and index stages over the content folder. */
export async function loadGarden(config: GardenConfig): Promise<Garden> {
  const started = performance.now();
  const scan = await scanContent(config);
  const scanned = performance.now();
  const index = buildIndex(scan);
  const indexed = performance.now();
  const highlighter = await loadCodeHighlighter(index.notes.flatMap((note) => note.facts.codeLanguages));
  return {
    config,
    index,
    diagnostics: [...index.diagnostics].sort(compareDiagnostics),
    timings: { scanMs: scanned - started, indexMs: indexed - scanned },
    highlighter,
  };
}
