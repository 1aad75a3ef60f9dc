import { constants, promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * The CLI reads templates and writes notes inside the content folder, which pull requests fill: a
 * merged pull request may hold a symbolic link (a folder pointing at `~/.ssh`, a template pointing at
 * a key). So no path the CLI touches goes through one: every component below the trusted folder is
 * checked with `lstat`, and files are opened with `O_NOFOLLOW` (a link swapped in for the last
 * component is not followed either).
 */

export class SymlinkError extends Error {
  override name = 'SymlinkError';
  /** The symbolic link found, absolute. */
  readonly link: string;
  constructor(link: string) {
    super(
      `${link} is a symbolic link, which the garden never follows (it could lead outside the content folder). Replace it with a real folder or file.`,
    );
    this.link = link;
  }
}

const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;

/** Whether `target` is `base` or inside it. */
export function isBelow(base: string, target: string): boolean {
  const relative = path.relative(base, target);
  return !relative.startsWith('..') && !path.isAbsolute(relative);
}

/**
 * Throws `SymlinkError` when a component of `target` below `base` (`base` itself is trusted) is a
 * symbolic link. Components that do not exist yet are fine: they will be created as folders.
 */
export async function assertNoSymlinkBelow(base: string, target: string): Promise<void> {
  if (!isBelow(base, target)) throw new Error(`${target} is not inside ${base}.`);
  const relative = path.relative(base, target);
  let current = base;
  for (const part of relative.split(path.sep).filter(Boolean)) {
    current = path.join(current, part);
    const stat = await fs.lstat(current).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (!stat) return;
    if (stat.isSymbolicLink()) throw new SymlinkError(current);
  }
}

/** Reads a text file below `base` without following a symbolic link; `undefined` when it does not exist. */
export async function readTextNoFollow(base: string, file: string): Promise<string | undefined> {
  await assertNoSymlinkBelow(base, file);
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, constants.O_RDONLY | NO_FOLLOW);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ELOOP') throw new SymlinkError(file);
    throw error;
  }
  try {
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}

/**
 * Creates `file` below `base` with `text`, only if nothing is there (not even a dangling link):
 * `O_CREAT | O_EXCL` never follows a link and never replaces a file. Missing folders are created,
 * after checking that none of the existing ones is a link. Returns false when the file exists.
 */
export async function createFileNoFollow(base: string, file: string, text: string): Promise<boolean> {
  await assertNoSymlinkBelow(base, path.dirname(file));
  await fs.mkdir(path.dirname(file), { recursive: true });
  // Checked again after creating the folders: nothing may have put a link in between.
  await assertNoSymlinkBelow(base, file);
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NO_FOLLOW, 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(text);
  } finally {
    await handle.close();
  }
  return true;
}
