import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { closePageCache, openPageCache, pageCacheFolder } from '../../src/core/publish/page-cache.ts';

/** The cache of the last build's pages (src/core/publish/page-cache.ts), without building a site. */

const fresh = () => mkdtempSync(path.join(tmpdir(), 'garden-page-cache-'));

describe('the page cache', () => {
  it('is one folder per content folder and output folder', () => {
    const cache = fresh();
    const a = pageCacheFolder(cache, '/notes', '/site/dist');
    expect(pageCacheFolder(cache, '/notes', '/site/dist')).toBe(a);
    expect(pageCacheFolder(cache, '/notes', '/site/preview')).not.toBe(a);
    expect(pageCacheFolder(cache, '/other-notes', '/site/dist')).not.toBe(a);
    expect(path.dirname(path.dirname(a))).toBe(cache);
  });

  it('keeps the pages of a build that finished, and empties the cache after one that stopped halfway', () => {
    const cache = fresh();
    const outDir = fresh();
    const folder = pageCacheFolder(cache, '/notes', outDir);
    openPageCache(folder, outDir);
    writeFileSync(path.join(folder, 'page.html'), 'kept');
    closePageCache(folder);
    openPageCache(folder, outDir);
    expect(existsSync(path.join(folder, 'page.html'))).toBe(true);
    // This build never closes the cache (it failed while Astro wrote the pages).
    writeFileSync(path.join(folder, 'half-written.html'), 'unknown');
    openPageCache(folder, outDir);
    expect(existsSync(path.join(folder, 'page.html'))).toBe(false);
    expect(existsSync(path.join(folder, 'half-written.html'))).toBe(false);
  });

  it('removes the caches of output folders that are gone, never one being written', () => {
    const cache = fresh();
    const gone = path.join(fresh(), 'deleted-site');
    const kept = fresh();
    const writing = path.join(fresh(), 'not-yet-written');
    const goneFolder = pageCacheFolder(cache, '/notes', gone);
    const keptFolder = pageCacheFolder(cache, '/notes', kept);
    const writingFolder = pageCacheFolder(cache, '/notes', writing);
    for (const [folder, outDir] of [
      [goneFolder, gone],
      [keptFolder, kept],
    ] as const) {
      openPageCache(folder, outDir);
      closePageCache(folder);
    }
    openPageCache(writingFolder, writing); // another build, still writing its pages
    mkdirSync(path.join(cache, 'pages', 'not-a-page-cache'));
    const current = fresh();
    openPageCache(pageCacheFolder(cache, '/notes', current), current);
    expect(existsSync(goneFolder)).toBe(false);
    expect(existsSync(keptFolder)).toBe(true);
    expect(existsSync(writingFolder)).toBe(true);
    expect(existsSync(path.join(cache, 'pages', 'not-a-page-cache'))).toBe(true);
  });
});
