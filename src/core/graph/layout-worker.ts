import { parentPort, workerData } from 'node:worker_threads';
import { computeLayout, type LayoutInput } from './layout.ts';

/**
 * The layout's worker thread (started by layout-runner.ts): computes the positions off the main
 * thread, so that Astro renders pages meanwhile, and reports its own wall and CPU time.
 */
export interface LayoutWorkerResult {
  positions: Float64Array;
  wallMs: number;
  cpuMs: number;
}

const started = performance.now();
const cpu = process.threadCpuUsage();
const positions = computeLayout(workerData as LayoutInput);
const used = process.threadCpuUsage(cpu);
const result: LayoutWorkerResult = { positions, wallMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
parentPort!.postMessage(result, [positions.buffer as ArrayBuffer]);
