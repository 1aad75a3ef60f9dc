import { createHash, randomBytes } from 'node:crypto';
import { constants, promises as fs } from 'node:fs';
import path from 'node:path';
import { renderCodeVersion } from '../build/cache/render-key.ts';
import { PARALLEL_WRITES, parentFolders } from './parent-folders.ts';

/**
 * The graph files of the previous build, kept in the garden's cache so that a build whose graph
 * did not change carries them over instead of computing them again (on a 6,500-note garden, the
 * local graph of every note: 6,500 files, about 4 s of the main thread).
 *
 * What they show is `graph.json` and nothing else: every note's slug, path, title, tags, position,
 * rank and influence, and every link. The local graphs and the graph page's data are made from the
 * same notes, links and ranks (src/core/graph/view-data.ts). So `graph.json`'s text, with the
 * version of the code that turns it into files, is their key: editing a note's text without
 * changing its links, title or tags keeps it, and every graph file is carried over.
 *
 * One slot per cache folder: the last build's files, its list of them, and its key, written last.
 * A slot is replaced whole (written aside, then renamed into place), so that two builds sharing a
 * cache never read a half-written one; a build that loses a race computes its files itself.
 */
export interface GraphFileCache {
  /** The key of a build's graph files. */
  key(graphJson: string): string;
  /**
   * Copies the files of the slot into `outDir` when its key is `key`; returns their
   * paths and sizes, or `undefined` (nothing written) when the slot holds other files or none.
   */
  carryOver(key: string, outDir: string): Promise<Map<string, number> | undefined>;
  /** Keeps the files just written into `outDir` for the next build. */
  keep(key: string, outDir: string, files: ReadonlyMap<string, number>): Promise<void>;
}

interface SlotManifest {
  key: string;
  /** Path relative to the site → bytes. */
  files: [string, number][];
}

const MANIFEST = 'manifest.json';

export function graphFileCache(cacheDir: string): GraphFileCache {
  const slot = path.join(cacheDir, 'graph-files');
  return {
    key(graphJson) {
      return createHash('sha256').update(renderCodeVersion()).update('\0').update(graphJson).digest('hex');
    },

    async carryOver(key, outDir) {
      const manifest = await readManifest(slot);
      if (manifest?.key !== key) return undefined;
      try {
        await copyAll(slot, outDir, manifest.files);
        return new Map(manifest.files);
      } catch {
        // Another build replaced the slot while this one read it: nothing half-carried stays behind.
        await Promise.all(manifest.files.map(([file]) => fs.rm(path.join(outDir, ...file.split('/')), { force: true })));
        return undefined;
      }
    },

    async keep(key, outDir, files) {
      const aside = `${slot}.${process.pid}.${randomBytes(4).toString('hex')}`;
      try {
        await copyAll(outDir, aside, [...files]);
        const manifest: SlotManifest = { key, files: [...files] };
        await fs.writeFile(path.join(aside, MANIFEST), JSON.stringify(manifest));
        const old = `${aside}.old`;
        await fs.rename(slot, old).catch(() => undefined);
        await fs.rename(aside, slot);
        await fs.rm(old, { recursive: true, force: true });
      } catch {
        // A cache is a help, never a reason to fail the build: the next build computes its files.
        await fs.rm(aside, { recursive: true, force: true });
      }
    },
  };
}

async function readManifest(slot: string): Promise<SlotManifest | undefined> {
  try {
    return JSON.parse(await fs.readFile(path.join(slot, MANIFEST), 'utf8')) as SlotManifest;
  } catch {
    return undefined;
  }
}

/**
 * Copies `files` from `from` into `to` (a clone where the file system can, as cheap as a link):
 * never hard links, so that nothing done to a published file (a deploy step that rewrites the
 * site in place) can change the kept one, or the other way round.
 */
async function copyAll(from: string, to: string, files: readonly [string, number][]): Promise<void> {
  const makeFolder = parentFolders();
  const copyOne = async (file: string) => {
    const destination = path.join(to, ...file.split('/'));
    await makeFolder(destination);
    await fs.copyFile(path.join(from, ...file.split('/')), destination, constants.COPYFILE_FICLONE);
  };
  for (let start = 0; start < files.length; start += PARALLEL_WRITES) {
    await Promise.all(files.slice(start, start + PARALLEL_WRITES).map(([file]) => copyOne(file)));
  }
}
