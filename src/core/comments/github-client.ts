import type { Discussion } from './discussion.ts';
import { DISCUSSIONS_QUERY, DiscussionsReadError, readDiscussionPage } from './github-query.ts';

export interface DiscussionsRequest {
  /** GitHub's API, e.g. `https://api.github.com` (`/graphql` is appended). */
  api: string;
  token: string;
  /** `owner/name`. */
  repo: string;
  categoryId: string;
}

/** Pages read at most (25 discussions each): 10,000 threads, far more than a garden has notes. */
const MAX_PAGES = 400;
/** How long one page may take before the API counts as unreachable. */
const PAGE_TIMEOUT_MS = 30_000;

/**
 * Every discussion of the category, page after page, with Node's `fetch`. Throws a
 * `DiscussionsReadError` saying why when the API cannot be reached, refuses, is rate-limited or
 * answers something else than discussions: the caller falls back to the cache.
 */
export async function fetchDiscussions(request: DiscussionsRequest): Promise<Discussion[]> {
  const [owner, name] = request.repo.split('/');
  const discussions: Discussion[] = [];
  let after: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await post(request, { owner, name, categoryId: request.categoryId, after: after ?? null });
    const read = readDiscussionPage(answer, request.repo);
    discussions.push(...read.discussions);
    if (!read.next) return discussions;
    after = read.next;
  }
  return discussions;
}

async function post(request: DiscussionsRequest, variables: Record<string, unknown>): Promise<unknown> {
  const url = `${request.api}/graphql`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        Authorization: `bearer ${request.token}`,
        'Content-Type': 'application/json',
        Accept: 'application/json',
        'User-Agent': 'knowledge-garden',
      },
      body: JSON.stringify({ query: DISCUSSIONS_QUERY, variables }),
      signal: AbortSignal.timeout(PAGE_TIMEOUT_MS),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new DiscussionsReadError(`${url} could not be reached (${cause?.code ?? cause?.message ?? (error as Error).message})`);
  }
  if (!response.ok) {
    const remaining = response.headers.get('x-ratelimit-remaining');
    const reset = Number(response.headers.get('x-ratelimit-reset'));
    const rateLimited = remaining === '0' || response.status === 429;
    throw new DiscussionsReadError(
      rateLimited
        ? `rate limit reached (HTTP ${response.status}${Number.isFinite(reset) && reset > 0 ? `, until ${new Date(reset * 1000).toISOString()}` : ''})`
        : `${url} answered HTTP ${response.status}${response.status === 401 ? ' (the token is not valid)' : ''}`,
    );
  }
  try {
    return await response.json();
  } catch {
    throw new DiscussionsReadError(`${url} answered something other than JSON`);
  }
}
