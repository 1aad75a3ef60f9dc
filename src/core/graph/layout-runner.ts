import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { StageTiming } from '../common/stopwatch.ts';
import { computeLayout, LAYOUT_VERSION, type LayoutInput } from './layout.ts';
import type { LayoutWorkerResult } from './layout-worker.ts';

export interface LayoutResult {
  /** `[x0, y0, x1, y1, …]` in the order of the input's slugs. */
  positions: Float64Array;
  /** The `layout` stage: the worker's own time (0 when the cache answered). */
  timing: StageTiming;
  /** Whether the positions came from the cache (the graph had not changed). */
  cached: boolean;
  /** Why the layout ran on the main thread although a worker was asked for. */
  workerError?: string;
}

export interface LayoutOptions {
  /** Where computed layouts are kept by graph hash; safe to delete. No caching without it. */
  cacheDir?: string | undefined;
  /** Run in the calling thread instead of a worker (tests, tiny gardens). */
  inThread?: boolean;
}

/** Layouts kept in the cache folder; older ones are removed. */
const KEEP_CACHED = 8;

/**
 * Computes the layout in a worker thread, started as soon as the garden is loaded so that it runs
 * while Astro renders the pages; awaited where the graph files are written. An unchanged graph (same
 * notes, same links, same algorithm) is read back from the cache and costs nothing.
 */
export async function runLayout(input: LayoutInput, options: LayoutOptions = {}): Promise<LayoutResult> {
  const started = performance.now();
  const key = layoutKey(input);
  const cacheFile = options.cacheDir ? path.join(options.cacheDir, 'layout', `${key}.json`) : undefined;
  const cached = cacheFile ? await readCached(cacheFile, input.slugs.length) : undefined;
  if (cached) return { positions: cached, timing: { stage: 'layout', wallMs: performance.now() - started, cpuMs: 0 }, cached: true };

  let workerError: string | undefined;
  const computed =
    options.inThread || input.slugs.length === 0
      ? computeHere(input)
      : await computeInWorker(input).catch((error: unknown) => {
          // Still a layout, only without the parallelism.
          workerError = error instanceof Error ? error.message : String(error);
          return computeHere(input);
        });
  if (cacheFile) await writeCached(cacheFile, computed.positions).catch(() => undefined);
  return {
    positions: computed.positions,
    timing: { stage: 'layout', wallMs: computed.wallMs, cpuMs: computed.cpuMs },
    cached: false,
    ...(workerError === undefined ? {} : { workerError }),
  };
}

/** The cache key: the algorithm's version, every slug and every link. */
export function layoutKey(input: LayoutInput): string {
  const hash = createHash('sha256').update(LAYOUT_VERSION).update('\0');
  for (const slug of input.slugs) hash.update(slug).update('\0');
  hash.update(new Uint8Array(input.edges.buffer, input.edges.byteOffset, input.edges.byteLength));
  return hash.digest('hex').slice(0, 32);
}

function computeHere(input: LayoutInput): LayoutWorkerResult {
  const started = performance.now();
  const cpu = process.threadCpuUsage();
  const positions = computeLayout(input);
  const used = process.threadCpuUsage(cpu);
  return { positions, wallMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
}

function computeInWorker(input: LayoutInput): Promise<LayoutWorkerResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./layout-worker.ts', import.meta.url), { workerData: input });
    worker.once('message', (result: LayoutWorkerResult) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the layout worker stopped with code ${code}`)));
  });
}

async function readCached(file: string, count: number): Promise<Float64Array | undefined> {
  try {
    const positions = JSON.parse(await fs.readFile(file, 'utf8')) as unknown;
    if (!Array.isArray(positions) || positions.length !== count * 2 || !positions.every((value) => typeof value === 'number'))
      return undefined;
    // Touched, so that pruning keeps the layouts in use.
    const now = new Date();
    await fs.utimes(file, now, now).catch(() => undefined);
    return Float64Array.from(positions as number[]);
  } catch {
    return undefined;
  }
}

async function writeCached(file: string, positions: Float64Array): Promise<void> {
  const dir = path.dirname(file);
  await fs.mkdir(dir, { recursive: true });
  // Written aside and renamed, so that a build running at the same time never reads half a file.
  const temporary = `${file}.${process.pid}.tmp`;
  await fs.writeFile(temporary, JSON.stringify(Array.from(positions)));
  await fs.rename(temporary, file);
  const entries = await Promise.all(
    (await fs.readdir(dir))
      .filter((name) => name.endsWith('.json'))
      .map(async (name) => ({ name, mtime: (await fs.stat(path.join(dir, name))).mtimeMs })),
  );
  for (const stale of entries.sort((a, b) => b.mtime - a.mtime).slice(KEEP_CACHED))
    await fs.rm(path.join(dir, stale.name), { force: true });
}
