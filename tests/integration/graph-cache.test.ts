import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { graphFileCache } from '../../src/core/publish/graph-cache.ts';

/** The slot of graph files a build keeps for the next (src/core/publish/graph-cache.ts), on disk. */

const FILES = new Map([
  ['graph.json', '{"nodes":[]}'],
  ['_garden/graph/garden.json', '{"version":1}'],
  ['_garden/graph/local/guides/setup.json', '{"version":1,"nodes":[]}'],
]);

function site(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'garden-graph-site-'));
  for (const [file, text] of FILES) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

const sizes = new Map([...FILES].map(([file, text]) => [file, Buffer.byteLength(text)]));

describe('the graph file cache', () => {
  it('gives the kept files back, byte for byte, for the same key only', async () => {
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'garden-graph-cache-'));
    const cache = graphFileCache(cacheDir);
    const key = cache.key('{"nodes":[]}');
    expect(cache.key('{"nodes":[1]}')).not.toBe(key);
    await cache.keep(key, site(), sizes);

    const next = mkdtempSync(path.join(tmpdir(), 'garden-graph-next-'));
    expect(await cache.carryOver(cache.key('{"nodes":[1]}'), next)).toBeUndefined();
    expect(readdirSync(next)).toEqual([]);
    expect(await cache.carryOver(key, next)).toEqual(sizes);
    for (const [file, text] of FILES) expect(readFileSync(path.join(next, file), 'utf8')).toBe(text);
    // No half-written slot is left beside the one in use.
    expect(readdirSync(cacheDir)).toEqual(['graph-files']);
  });

  it('carries nothing over from a slot that lost a file, and leaves nothing half-carried', async () => {
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'garden-graph-cache-'));
    const cache = graphFileCache(cacheDir);
    const key = cache.key('{}');
    await cache.keep(key, site(), sizes);
    rmSync(path.join(cacheDir, 'graph-files', '_garden', 'graph', 'local', 'guides', 'setup.json'));

    const next = mkdtempSync(path.join(tmpdir(), 'garden-graph-next-'));
    expect(await cache.carryOver(key, next)).toBeUndefined();
    for (const file of FILES.keys()) expect(existsSync(path.join(next, file)), file).toBe(false);
  });

  it('replaces the slot whole with the next build that kept its files', async () => {
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'garden-graph-cache-'));
    const cache = graphFileCache(cacheDir);
    await cache.keep(cache.key('first'), site(), sizes);
    const second = site();
    writeFileSync(path.join(second, 'graph.json'), '{"nodes":["changed"]}');
    await cache.keep(cache.key('second'), second, new Map([...sizes, ['graph.json', 21]]));

    const next = mkdtempSync(path.join(tmpdir(), 'garden-graph-next-'));
    expect(await cache.carryOver(cache.key('first'), next)).toBeUndefined();
    expect(await cache.carryOver(cache.key('second'), next)).toBeDefined();
    expect(readFileSync(path.join(next, 'graph.json'), 'utf8')).toBe('{"nodes":["changed"]}');
    expect(statSync(path.join(next, 'graph.json')).size).toBe(21);
  });
});
