import { promises as fs } from 'node:fs';
import path from 'node:path';

/** Files written at once: enough to keep the disk busy, few enough for any open-file limit. */
export const PARALLEL_WRITES = 64;

/**
 * Makes the folder of each file about to be written, each folder once however many files go into
 * it (thousands of local graph files share a few folders).
 */
export function parentFolders(): (file: string) => Promise<unknown> {
  const folders = new Map<string, Promise<unknown>>();
  return (file) => {
    const dir = path.dirname(file);
    let made = folders.get(dir);
    if (!made) folders.set(dir, (made = fs.mkdir(dir, { recursive: true })));
    return made;
  };
}
