import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeLayout } from '../../src/core/graph/layout.ts';
import { layoutKey, runLayout } from '../../src/core/graph/layout-runner.ts';

/** The graph layout in its worker thread and its cache on disk (the layout itself: tests/unit/graph.test.ts). */
describe('the layout runner', () => {
  const input = () => {
    const slugs = Array.from({ length: 40 }, (_, i) => `f${i % 3}/n${i}`).sort();
    const edges = Uint32Array.from(Array.from({ length: 40 }, (_, i) => [i, (i * 7 + 3) % 40]).flat());
    return { slugs, edges };
  };

  it('computes in a worker thread what the calling thread computes', async () => {
    const inWorker = await runLayout(input());
    expect(inWorker.workerError).toBeUndefined();
    expect(inWorker.cached).toBe(false);
    expect([...inWorker.positions]).toEqual([...computeLayout(input())]);
    expect(inWorker.timing.stage).toBe('layout');
  });

  it('reads an unchanged graph back from the cache, and computes again when a link changes', async () => {
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'garden-layout-cache-'));
    const first = await runLayout(input(), { cacheDir, inThread: true });
    const second = await runLayout(input(), { cacheDir, inThread: true });
    expect(first.cached).toBe(false);
    expect(second.cached).toBe(true);
    expect([...second.positions]).toEqual([...first.positions]);
    const changed = input();
    changed.edges[1] = (changed.edges[1]! + 1) % 40;
    expect(layoutKey(changed)).not.toBe(layoutKey(input()));
    expect((await runLayout(changed, { cacheDir, inThread: true })).cached).toBe(false);
  });
});
