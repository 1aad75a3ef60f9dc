import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { DiscussionsSnapshot } from './discussion.ts';

/**
 * The last discussions read, in the garden's cache folder, so that a build without network, without
 * a token or during a rate limit shows what was known. One file per API, repository and category:
 * pointing the threads elsewhere never shows another category's counts.
 */
const CACHE_VERSION = 1;

export interface CacheKey {
  api: string;
  repo: string;
  categoryId: string;
}

export function discussionsCacheFile(cacheDir: string, key: CacheKey): string {
  const hash = createHash('sha256').update(`${key.api}\n${key.repo}\n${key.categoryId}`).digest('hex').slice(0, 16);
  return path.join(cacheDir, 'discussions', `${hash}.json`);
}

/** The cached snapshot for `key`; `undefined` when there is none or it cannot be read (a cache is never an error). */
export async function readCachedDiscussions(cacheDir: string, key: CacheKey): Promise<DiscussionsSnapshot | undefined> {
  try {
    const stored = JSON.parse(await fs.readFile(discussionsCacheFile(cacheDir, key), 'utf8')) as {
      version?: number;
      snapshot?: DiscussionsSnapshot;
    };
    const snapshot = stored.version === CACHE_VERSION ? stored.snapshot : undefined;
    return snapshot && snapshot.repo === key.repo && snapshot.categoryId === key.categoryId && Array.isArray(snapshot.discussions)
      ? snapshot
      : undefined;
  } catch {
    return undefined;
  }
}

/** Written to a temporary file and renamed, so that two builds at once never leave half a file. */
export async function writeCachedDiscussions(cacheDir: string, key: CacheKey, snapshot: DiscussionsSnapshot): Promise<void> {
  const file = discussionsCacheFile(cacheDir, key);
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await fs.writeFile(temporary, JSON.stringify({ version: CACHE_VERSION, snapshot }));
  await fs.rename(temporary, file);
}
