import { constants, promises as fs } from 'node:fs';
import path from 'node:path';
import type { Environment } from '../config/config.ts';
import { runGit, type GitLocation } from '../history/git.ts';

/**
 * The file operations of `garden mv` and `garden fix-links`, written for a folder that pull requests
 * fill: nothing is followed through a symbolic link, nothing is written outside the content
 * folder, and no existing file is ever replaced by a move.
 */
export class UnsafeFileOperation extends Error {
  override name = 'UnsafeFileOperation';
}

/** `relative` (POSIX, inside the content folder) without `.`/`..` segments or an absolute start. */
function absoluteIn(contentDir: string, relative: string): string {
  const segments = relative.split('/');
  if (relative === '' || path.isAbsolute(relative) || segments.some((segment) => segment === '' || segment === '.' || segment === '..')) {
    throw new UnsafeFileOperation(`"${relative}" is not a path inside the content folder.`);
  }
  return path.join(contentDir, ...segments);
}

/**
 * What is at `relative`, after checking that no folder on the way from the content folder (nor the
 * entry itself) is a symbolic link. `undefined` when nothing is there.
 */
async function entryAt(contentDir: string, relative: string): Promise<'file' | 'directory' | undefined> {
  const segments = relative.split('/');
  for (let depth = 1; depth <= segments.length; depth++) {
    const part = segments.slice(0, depth).join('/');
    const stat = await fs.lstat(absoluteIn(contentDir, part)).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return undefined;
      throw error;
    });
    if (!stat) return undefined;
    if (stat.isSymbolicLink())
      throw new UnsafeFileOperation(
        `${part} is a symbolic link; the garden never follows them. Replace it with the file or folder itself.`,
      );
    if (depth === segments.length) return stat.isDirectory() ? 'directory' : 'file';
    if (!stat.isDirectory()) return undefined;
  }
  return undefined;
}

/** A symbolic link anywhere inside the folder, which a move would carry along unchecked. */
async function symlinkInside(absoluteDir: string): Promise<string | undefined> {
  for (const entry of await fs.readdir(absoluteDir, { withFileTypes: true })) {
    const child = path.join(absoluteDir, entry.name);
    if (entry.isSymbolicLink()) return child;
    if (entry.isDirectory()) {
      const found = await symlinkInside(child);
      if (found) return found;
    }
  }
  return undefined;
}

/** Whether two paths are the same entry (a change of case only, on a case-insensitive disk). */
async function sameEntry(a: string, b: string): Promise<boolean> {
  const [first, second] = await Promise.all([fs.lstat(a).catch(() => undefined), fs.lstat(b).catch(() => undefined)]);
  return first !== undefined && second !== undefined && first.ino === second.ino && first.dev === second.dev;
}

/**
 * Checks that `from` can move to `to`: `from` exists, holds no symbolic link, `to` does not exist
 * (or is `from` itself under another case) and no folder on either way is a symbolic link.
 */
export async function checkMove(contentDir: string, from: string, to: string): Promise<void> {
  const kind = await entryAt(contentDir, from);
  if (!kind) throw new UnsafeFileOperation(`${from} does not exist.`);
  if (kind === 'directory') {
    const link = await symlinkInside(absoluteIn(contentDir, from));
    if (link)
      throw new UnsafeFileOperation(
        `${path.relative(contentDir, link)} is a symbolic link; move or remove it first (the garden never follows them).`,
      );
  }
  if ((await entryAt(contentDir, to)) && !(await sameEntry(absoluteIn(contentDir, from), absoluteIn(contentDir, to)))) {
    throw new UnsafeFileOperation(`${to} already exists; a move never replaces a file. Choose another name, or move that one first.`);
  }
}

/**
 * Moves `from` to `to` inside the content folder, creating the destination's folders: with
 * `git mv` when git tracks it (so that the history follows the file), else a plain rename.
 */
export async function moveEntry(
  contentDir: string,
  from: string,
  to: string,
  git: GitLocation | undefined,
  env: Environment,
): Promise<'git' | 'plain'> {
  await checkMove(contentDir, from, to);
  const target = absoluteIn(contentDir, to);
  await fs.mkdir(path.dirname(target), { recursive: true });
  // The folders just made (or found) must still be real folders, not links planted meanwhile.
  await entryAt(contentDir, path.posix.dirname(to) === '.' ? to : path.posix.dirname(to));
  if (git && (await tracked(contentDir, from, env))) {
    await runGit(['mv', '--', from, to], contentDir, env);
    return 'git';
  }
  // `link` + `unlink` for a file: creating the new name fails if anything appeared there meanwhile.
  const source = absoluteIn(contentDir, from);
  if ((await fs.lstat(source)).isDirectory()) await fs.rename(source, target);
  else {
    await fs.link(source, target);
    await fs.unlink(source);
  }
  return 'plain';
}

async function tracked(contentDir: string, relative: string, env: Environment): Promise<boolean> {
  const listed = await runGit(['ls-files', '-z', '--', relative], contentDir, env).catch(() => Buffer.alloc(0));
  return listed.length > 0;
}

/**
 * Writes a note's rewritten text in place, if it still holds `before` (nobody changed it since it
 * was read); never through a symbolic link.
 */
export async function rewriteInPlace(contentDir: string, relative: string, before: string, after: string): Promise<void> {
  if ((await entryAt(contentDir, relative)) !== 'file') throw new UnsafeFileOperation(`${relative} is not a file any more.`);
  const handle = await fs.open(absoluteIn(contentDir, relative), constants.O_RDWR | (constants.O_NOFOLLOW ?? 0));
  try {
    const current = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await handle.readFile());
    if (current !== before)
      throw new UnsafeFileOperation(`${relative} changed while the links were being rewritten; run the command again.`);
    await handle.truncate(0);
    await handle.write(after, 0, 'utf8');
  } finally {
    await handle.close();
  }
}
