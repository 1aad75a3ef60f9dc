import { readdirSync, readFileSync } from 'node:fs';

/**
 * The peak memory of a process and everything it started (worker threads are in its own figure;
 * Pagefind runs as a child process, and its memory counts too), sampled from Linux's /proc every
 * `intervalMs` until `stop()`, which returns the peak (and may be called again). A process's own
 * peak (`maxRSS`) misses its children, and summing each process's peak would add peaks that never
 * happened at the same moment. Sampled, it can miss a peak shorter than the interval; it is 0
 * where /proc is missing.
 */
export function sampleTreeMemory(rootPid: number | undefined, intervalMs = 200): { stop(): number } {
  let peak = 0;
  const sample = () => {
    if (rootPid !== undefined) peak = Math.max(peak, treeResidentBytes(rootPid));
  };
  const timer = setInterval(sample, intervalMs);
  sample();
  return {
    stop() {
      clearInterval(timer);
      return peak;
    },
  };
}

const PAGE_BYTES = 4096;

function treeResidentBytes(rootPid: number): number {
  let processes: { pid: number; parent: number; resident: number }[];
  try {
    processes = readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .map((name) => processInfo(Number(name)))
      .filter((info) => info !== undefined);
  } catch {
    return 0;
  }
  const children = new Map<number, number[]>();
  for (const info of processes) children.set(info.parent, [...(children.get(info.parent) ?? []), info.pid]);
  const resident = new Map(processes.map((info) => [info.pid, info.resident]));
  let total = 0;
  const pending = [rootPid];
  while (pending.length > 0) {
    const pid = pending.pop()!;
    total += resident.get(pid) ?? 0;
    pending.push(...(children.get(pid) ?? []));
  }
  return total;
}

function processInfo(pid: number): { pid: number; parent: number; resident: number } | undefined {
  try {
    // The command name (2nd field) is in parentheses and may hold spaces: the fields after it are fixed.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const resident = Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * PAGE_BYTES;
    return { pid, parent: Number(fields[1]), resident };
  } catch {
    return undefined; // ended between the listing and the read
  }
}
