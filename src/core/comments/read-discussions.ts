import type { GardenConfig } from '../config/config.ts';
import type { DiscussionsSnapshot } from './discussion.ts';
import { readCachedDiscussions, writeCachedDiscussions, type CacheKey } from './discussions-cache.ts';
import { fetchDiscussions } from './github-client.ts';

/** What the build knows of the threads' discussions, and where it comes from. */
export interface DiscussionsRead {
  /** `undefined`: nothing is known (comments off, or no token and nothing cached). */
  snapshot: DiscussionsSnapshot | undefined;
  /** `api`: read now; `cache`: the last answer kept in the garden's cache; `none`. */
  source: 'api' | 'cache' | 'none';
  /** The one line the build prints about it; `undefined` when comments are off (their own report says so). */
  message: string | undefined;
}

export const NO_DISCUSSIONS: DiscussionsRead = { snapshot: undefined, source: 'none', message: undefined };

export interface ReadDiscussionsOptions {
  /** `false`: the cache only, no request (the dev server). */
  network: boolean;
}

/**
 * Reads the discussions of the comment threads' category from GitHub's GraphQL API with the
 * configured token, and keeps the answer in the garden's cache. Never fails: without a token no
 * request is made, and when the API cannot be reached, refuses or is rate-limited the last answer
 * from the cache is used, each said in one line. Without either, the features simply show nothing.
 */
export async function readDiscussions(config: GardenConfig, options: ReadDiscussionsOptions): Promise<DiscussionsRead> {
  const comments = config.comments;
  if (!comments) return NO_DISCUSSIONS;
  const key: CacheKey = { api: config.githubApi, repo: comments.repo, categoryId: comments.categoryId };
  const token = config.githubToken;
  if (!token || !options.network) {
    const why = options.network
      ? 'no token (set GITHUB_TOKEN or GARDEN_GITHUB_TOKEN to read comment counts and open questions)'
      : 'the dev server reads no API';
    return fromCache(config.cacheDir, key, why);
  }
  try {
    const discussions = await fetchDiscussions({ ...key, token });
    const snapshot: DiscussionsSnapshot = {
      readAt: new Date().toISOString(),
      repo: comments.repo,
      categoryId: comments.categoryId,
      discussions,
    };
    // A cache that cannot be written costs the next offline build its counts, never this build.
    const kept = await writeCachedDiscussions(config.cacheDir, key, snapshot).then(
      () => '',
      (error: unknown) => ` (not cached: ${(error as Error).message})`,
    );
    return {
      snapshot,
      source: 'api',
      message: `discussions: read ${discussions.length} ${discussions.length === 1 ? 'discussion' : 'discussions'} of ${comments.repo}, category "${comments.category}", from ${config.githubApi}${kept}`,
    };
  } catch (error) {
    return fromCache(config.cacheDir, key, `GitHub could not be read: ${(error as Error).message}`);
  }
}

async function fromCache(cacheDir: string, key: CacheKey, why: string): Promise<DiscussionsRead> {
  const snapshot = await readCachedDiscussions(cacheDir, key);
  if (!snapshot)
    return { snapshot: undefined, source: 'none', message: `discussions: ${why}; nothing cached, so pages show no counts or questions.` };
  return {
    snapshot,
    source: 'cache',
    message: `discussions: ${why}; using the ${snapshot.discussions.length} discussions read on ${snapshot.readAt} (from the cache).`,
  };
}
