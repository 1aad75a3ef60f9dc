import { randomBytes } from 'node:crypto';
import { constants, promises as fs } from 'node:fs';
import path from 'node:path';
import { PARALLEL_WRITES, parentFolders } from './parent-folders.ts';

/**
 * One slot of the garden's cache holding a set of files a build wrote, under a key that stands for
 * everything they show, so that a later build with the same key carries them over instead of making
 * them again (the graph files, each part of the search index).
 *
 * A slot holds the last build's files, its list of them, and its key, written last. It is replaced
 * whole (written aside, then renamed into place), so that two builds sharing a cache never read a
 * half-written one; a build that loses a race makes its files itself.
 */
export interface FileSetCache {
  /**
   * Copies the files of the slot into `outDir` when its key is `key`; returns their paths
   * (relative to `outDir`, with `/`) and sizes, or `undefined` (nothing written) when the slot
   * holds other files or none.
   */
  carryOver(key: string, outDir: string): Promise<Map<string, number> | undefined>;
  /** Keeps `files` (paths relative to `outDir` → bytes), just written into `outDir`, for the next build. */
  keep(key: string, outDir: string, files: ReadonlyMap<string, number>): Promise<void>;
}

interface SlotManifest {
  key: string;
  /** Path relative to the output folder → bytes. */
  files: [string, number][];
}

const MANIFEST = 'manifest.json';

export function fileSetCache(slot: string): FileSetCache {
  return {
    async carryOver(key, outDir) {
      const manifest = await readManifest(slot);
      if (manifest?.key !== key) return undefined;
      try {
        await copyFiles(slot, outDir, manifest.files);
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
        await copyFiles(outDir, aside, [...files]);
        const manifest: SlotManifest = { key, files: [...files] };
        await fs.writeFile(path.join(aside, MANIFEST), JSON.stringify(manifest));
        const old = `${aside}.old`;
        await fs.rename(slot, old).catch(() => undefined);
        await fs.rename(aside, slot);
        await fs.rm(old, { recursive: true, force: true });
      } catch {
        // A cache is a help, never a reason to fail the build: the next build makes its files.
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
async function copyFiles(from: string, to: string, files: readonly [string, number][]): Promise<void> {
  const makeFolder = parentFolders();
  const copyOne = async (file: string) => {
    const destination = path.join(to, ...file.split('/'));
    await makeFolder(destination);
    await fs.copyFile(path.join(from, ...file.split('/')), destination, constants.COPYFILE_FICLONE);
  };
  for (let start = 0; start < files.length; start += PARALLEL_WRITES) {
    // Every copy of the batch finishes before a failure is reported: a copy still under way would
    // otherwise land after the caller removed what was carried, and leave half a set behind.
    const copies = await Promise.allSettled(files.slice(start, start + PARALLEL_WRITES).map(([file]) => copyOne(file)));
    const failed = copies.find((copy) => copy.status === 'rejected');
    if (failed) throw failed.reason;
  }
}
