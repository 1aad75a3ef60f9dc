/** Wall-clock and CPU time of one stage of the build, for the summary and the benchmark. */
export interface StageTiming {
  stage: string;
  wallMs: number;
  /** User + system CPU time of the whole process (all threads) during the stage. */
  cpuMs: number;
}

/** Times consecutive stages: starting a stage ends the previous one. */
export class Stopwatch {
  readonly timings: StageTiming[] = [];
  private current: { stage: string; wall: number; cpu: NodeJS.CpuUsage } | undefined;

  start(stage: string): void {
    this.stop();
    this.current = { stage, wall: performance.now(), cpu: process.cpuUsage() };
  }

  stop(): void {
    if (!this.current) return;
    const cpu = process.cpuUsage(this.current.cpu);
    this.timings.push({ stage: this.current.stage, wallMs: performance.now() - this.current.wall, cpuMs: (cpu.user + cpu.system) / 1000 });
    this.current = undefined;
  }

  wallMs(stage: string): number {
    return this.timings.filter((timing) => timing.stage === stage).reduce((sum, timing) => sum + timing.wallMs, 0);
  }
}
