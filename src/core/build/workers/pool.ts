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
  resolve: (answer: Answer<Response>) => void;
  reject: (error: Error) => void;
}

/** A task's response, and which worker gave it (the index to prefer for a later task that needs what it kept). */
export interface Answer<Response> {
  response: Response;
  worker: number;
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
 * A task may prefer a worker (one that kept what the task needs): it goes there, unless that
 * worker's own tasks would keep the others idle, in which case an idle worker takes it anyway.
 */
export class WorkerPool<Response> {
  private readonly slots: Slot<Response>[] = [];
  /** Tasks for any worker. */
  private readonly queue: Pending<Response>[] = [];
  /** Tasks that prefer a worker, by its index. */
  private readonly preferring: Pending<Response>[][] = [];
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

  /** Resolves once every worker has loaded its modules (or failed to). */
  async loaded(): Promise<void> {
    await Promise.all(this.slots.map((slot) => slot.loaded));
  }

  /** Sent to every worker now and to every replacement later, before its first task. */
  configure(message: unknown): void {
    this.setup.push(message);
    for (const slot of this.slots) slot.worker.postMessage(message);
  }

  async run(message: unknown, timeoutMs: number): Promise<Response> {
    return (await this.runOn(message, timeoutMs)).response;
  }

  /** Runs a task, on worker `prefer` when it can (see the class), and says which worker answered. */
  runOn(message: unknown, timeoutMs: number, prefer?: number): Promise<Answer<Response>> {
    if (this.closed) return Promise.reject(new Error('The worker pool is closed.'));
    return new Promise((resolve, reject) => {
      const task = { message, timeoutMs, resolve, reject };
      if (prefer === undefined || prefer < 0 || prefer >= this.slots.length) this.queue.push(task);
      else (this.preferring[prefer] ??= []).push(task);
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
      else task.resolve({ response, worker: this.slots.indexOf(slot) });
      this.dispatch();
    });
    worker.on('error', (error) => this.replace(slot, error));
    return slot;
  }

  private dispatch(): void {
    for (;;) {
      const free = this.slots
        .map((slot, index) => ({ slot, index }))
        .filter(({ slot }) => slot.ready && slot.inFlight.length < IN_FLIGHT_PER_WORKER)
        .sort((a, b) => a.slot.inFlight.length - b.slot.inFlight.length);
      let picked: { slot: Slot<Response>; task: Pending<Response> } | undefined;
      for (const { slot, index } of free) {
        const task = this.preferring[index]?.shift() ?? this.queue.shift();
        if (task) {
          picked = { slot, task };
          break;
        }
      }
      const idle = free.find(({ slot }) => slot.inFlight.length === 0);
      if (!picked && idle) {
        const task = this.takeOver();
        if (task) picked = { slot: idle.slot, task };
      }
      if (!picked) return;
      const { slot, task } = picked;
      const entry = { ...task, timer: undefined as NodeJS.Timeout | undefined };
      slot.inFlight.push(entry);
      // The budget starts when the worker can start the task: after the one before it.
      if (slot.inFlight.length === 1) this.startTimer(slot, entry);
      slot.worker.postMessage(task.message);
    }
  }

  /**
   * A task for an idle worker, when none is for it or for any worker: the last one waiting for the
   * busy worker with the most waiting. It costs that task what the busy worker kept for it, but
   * leaves no core idle while tasks wait.
   */
  private takeOver(): Pending<Response> | undefined {
    let busiest: Pending<Response>[] | undefined;
    for (const [index, tasks] of this.preferring.entries()) {
      const slot = this.slots[index];
      const busy = !slot?.ready || slot.inFlight.length >= IN_FLIGHT_PER_WORKER;
      if (tasks && busy && tasks.length > (busiest?.length ?? 0)) busiest = tasks;
    }
    return busiest?.pop();
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
