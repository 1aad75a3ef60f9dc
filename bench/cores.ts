/**
 * Cores benchmark (`npm run bench -- --cores`): how much more this machine parses with its cores
 * busy than with one. The build parses and renders on every core, and compares itself with the
 * "parse floor" (plain remark on one core), so what a second core is worth bounds every ratio the
 * benchmark reports: a machine whose two cores each slow down by half when both work gains
 * nothing from the second.
 *
 * For 1, 2, … up to the machine's cores, that many worker threads each parse every note of the
 * garden with plain remark at the same time: once to warm up, then once timed. The throughput is
 * the notes parsed by all threads per second, against one thread's.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

export interface CoresBenchResult {
  notes: number;
  /** One row per number of threads parsing at once. */
  runs: { threads: number; wallMs: number; speedup: number }[];
}

interface ParseTask {
  files: string[];
}

if (!isMainThread) {
  const { files } = workerData as ParseTask;
  const texts = files.map((file) => readFileSync(file, 'utf8'));
  const processor = unified().use(remarkParse);
  for (const text of texts) processor.parse(text); // warm-up: the compiler's, and the files'
  parentPort!.postMessage('warm');
  parentPort!.once('message', () => {
    const started = performance.now();
    for (const text of texts) processor.parse(text);
    parentPort!.postMessage(performance.now() - started);
  });
}

export async function benchCores(files: string[]): Promise<CoresBenchResult> {
  const runs: CoresBenchResult['runs'] = [];
  for (let threads = 1; threads <= availableParallelism(); threads++) {
    const wallMs = await parseOnThreads(files, threads);
    // Each thread parsed every note: `threads` times the work of one thread, in `wallMs`.
    const speedup = runs.length === 0 ? 1 : (threads * runs[0]!.wallMs) / wallMs;
    runs.push({ threads, wallMs, speedup });
  }
  return { notes: files.length, runs };
}

/** Starts `threads` workers, lets each warm up, then times them parsing together: the slowest one's time. */
async function parseOnThreads(files: string[], threads: number): Promise<number> {
  const workers = Array.from(
    { length: threads },
    () => new Worker(new URL(import.meta.url), { workerData: { files } satisfies ParseTask }),
  );
  try {
    await Promise.all(workers.map((worker) => nextMessage(worker)));
    const times = await Promise.all(
      workers.map((worker) => {
        const done = nextMessage(worker);
        worker.postMessage('go');
        return done as Promise<number>;
      }),
    );
    return Math.max(...times);
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

function nextMessage(worker: Worker): Promise<unknown> {
  return new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

export function formatCoresBench(label: string, result: CoresBenchResult): string {
  return [
    `\n${label}: plain remark parsing ${result.notes} notes on every thread at once`,
    ...result.runs.map(
      (run) =>
        `  ${run.threads} thread${run.threads === 1 ? ' ' : 's'}: ${(run.wallMs / 1000).toFixed(2)} s, ` +
        `${run.speedup.toFixed(2)}× the notes per second of one thread`,
    ),
  ].join('\n');
}
