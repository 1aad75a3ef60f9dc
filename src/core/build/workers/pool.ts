import { availableParallelism } from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';

/** A task that ran longer than its budget; its worker was stopped and replaced. */
export class TaskTimeoutError extends Error {
  override name = 'TaskTimeoutError';
}

interface Pending<Response> {
  message: unknown;
  timeoutMs: number;
  resolve: (response: Response) => void;
  reject: (error: Error) => void;
}

interface Slot<Response> {
  worker: Worker;
  /** A worker announces `{ ready: true }` once its modules are loaded; budgets start after that. */
  ready: boolean;
  /** Resolves once the worker is ready, has failed or has stopped. */
  loaded: Promise<void>;
  /** Tasks sent to this worker, oldest first: its replies come back in this order. */
  inFlight: (Pending<Response> & { timer: NodeJS.Timeout | undefined })[];
}

/** How long `close()` waits for a worker to finish loading its modules before stopping it anyway. */
const LOAD_WAIT_MS = 10_000;

/** Tasks in flight per worker: enough to hide the message round trip, few enough to balance load. */
const IN_FLIGHT_PER_WORKER = 2;

/**
 * A small pool of worker threads that answer one message per task, in order (after a first
 * `{ ready: true }` when their modules are loaded, so that loading never counts against a budget). Each task has a time
 * budget: a worker that exceeds it is terminated (a synchronous parser cannot be interrupted any
 * other way) and replaced, and the task fails with TaskTimeoutError while the others go on.
 * `setup` messages are sent to every worker, including replacements, before any task.
 */
export class WorkerPool<Response> {
  private readonly slots: Slot<Response>[] = [];
  private readonly queue: Pending<Response>[] = [];
  private readonly setup: unknown[] = [];
  private readonly script: URL;
  private closed = false;

  constructor(script: URL, size = defaultPoolSize()) {
    this.script = script;
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  get size(): number {
    return this.slots.length;
  }

  /** Sent to every worker now and to every replacement later, before its first task. */
  configure(message: unknown): void {
    this.setup.push(message);
    for (const slot of this.slots) slot.worker.postMessage(message);
  }

  run(message: unknown, timeoutMs: number): Promise<Response> {
    if (this.closed) return Promise.reject(new Error('The worker pool is closed.'));
    return new Promise((resolve, reject) => {
      this.queue.push({ message, timeoutMs, resolve, reject });
      this.dispatch();
    });
  }

  /**
   * Stops the workers, each once its modules are loaded (or after LOAD_WAIT_MS): a build once aborted
   * with `CompressionStream<ZlibContext>::Close … close before init` while a worker was being
   * stopped, the failed check of a zlib stream still being set up, which fits a worker stopped
   * while its modules load (a small warm build closes its pool that early).
   */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(
      this.slots.map(async (slot) => {
        const giveUp = new AbortController();
        await Promise.race([slot.loaded, delay(LOAD_WAIT_MS, undefined, { signal: giveUp.signal }).catch(() => undefined)]);
        giveUp.abort();
        await slot.worker.terminate();
      }),
    );
  }

  private spawn(): Slot<Response> {
    const worker = new Worker(this.script);
    // Workers never keep the process alive on their own: a forgotten pool must not hang a build.
    worker.unref();
    let loaded = () => {};
    const slot: Slot<Response> = { worker, ready: false, loaded: new Promise((resolve) => (loaded = resolve)), inFlight: [] };
    worker.once('exit', loaded);
    worker.once('error', loaded);
    for (const message of this.setup) worker.postMessage(message);
    worker.on('message', (response: { error?: string; ready?: boolean } & Response) => {
      if (!slot.ready && response && typeof response === 'object' && response.ready === true) {
        slot.ready = true;
        loaded();
        this.dispatch();
        return;
      }
      const task = slot.inFlight.shift();
      if (!task) return;
      clearTimeout(task.timer);
      const next = slot.inFlight[0];
      if (next && !next.timer) this.startTimer(slot, next);
      if (response && typeof response === 'object' && 'error' in response && response.error) task.reject(new Error(response.error));
      else task.resolve(response);
      this.dispatch();
    });
    worker.on('error', (error) => this.replace(slot, error));
    return slot;
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const ready = this.slots.filter((slot) => slot.ready);
      if (ready.length === 0) return;
      const slot = ready.reduce((best, candidate) => (candidate.inFlight.length < best.inFlight.length ? candidate : best));
      if (slot.inFlight.length >= IN_FLIGHT_PER_WORKER) return;
      const task = this.queue.shift()!;
      const entry = { ...task, timer: undefined as NodeJS.Timeout | undefined };
      slot.inFlight.push(entry);
      // The budget starts when the worker can start the task: after the one before it.
      if (slot.inFlight.length === 1) this.startTimer(slot, entry);
      slot.worker.postMessage(task.message);
    }
  }

  private startTimer(slot: Slot<Response>, task: Slot<Response>['inFlight'][number]): void {
    task.timer = setTimeout(() => this.replace(slot, new TaskTimeoutError(`took longer than ${task.timeoutMs} ms`)), task.timeoutMs);
    task.timer.unref();
  }

  /** Stops a worker that failed or overran; its current task fails, the ones behind it are re-queued. */
  private replace(slot: Slot<Response>, error: Error): void {
    const [current, ...waiting] = slot.inFlight;
    slot.inFlight = [];
    for (const task of [current, ...waiting]) if (task) clearTimeout(task.timer);
    void slot.worker.terminate();
    if (this.closed) return;
    const index = this.slots.indexOf(slot);
    this.slots[index] = this.spawn();
    current?.reject(error);
    this.queue.unshift(...waiting);
    this.dispatch();
  }
}

/** Both cores of a 2-core machine, at most four: parsing is memory-bound beyond that (`GARDEN_WORKERS` sets another number: GardenConfig.workers). */
export function defaultPoolSize(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}
