import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import path from 'node:path';

/**
 * A stand-in for GitHub's GraphQL API on 127.0.0.1, serving the recorded answers of
 * tests/fixtures/discussions: tests never reach the real network. `behaviour` switches what it does
 * (answer, be rate-limited in either of GitHub's two ways, or drop the connection) and `requests`
 * records what the garden asked.
 */
const recordings = path.resolve(import.meta.dirname, '..', 'fixtures', 'discussions');
const recorded = (file: string) => readFileSync(path.join(recordings, file), 'utf8');

/** The category ids the recordings belong to: giscusEnv's (tests/support/giscus.ts), and a Q&A category. */
export const COMMENTS_CATEGORY_ID = 'DIC_kwDOTest1c';
export const QA_CATEGORY_ID = 'DIC_kwDOQandA';
export const STAND_IN_TOKEN = 'stand-in-token';

/** Each category's pages, in order; a page's cursor is the `endCursor` of the page before. */
const PAGES: Record<string, string[]> = {
  [COMMENTS_CATEGORY_ID]: ['comments-page-1.json', 'comments-page-2.json', 'comments-page-3.json'],
  [QA_CATEGORY_ID]: ['qa-page-1.json'],
};

export type StandInBehaviour = 'answer' | 'rate-limited' | 'rate-limited-http' | 'network-error';

export interface GraphqlRequest {
  headers: IncomingHttpHeaders;
  variables: Record<string, unknown>;
}

export interface GithubStandIn {
  /** Its API address: what `GARDEN_GITHUB_API` is set to. */
  api: string;
  behaviour: StandInBehaviour;
  requests: GraphqlRequest[];
  close(): Promise<void>;
}

export async function startGithubStandIn(): Promise<GithubStandIn> {
  const state = { behaviour: 'answer' as StandInBehaviour, requests: [] as GraphqlRequest[] };
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      if (request.method !== 'POST' || request.url !== '/graphql') return void response.writeHead(404).end();
      const { variables } = JSON.parse(body) as { variables: Record<string, unknown> };
      state.requests.push({ headers: request.headers, variables });
      if (state.behaviour === 'network-error') return void request.socket.destroy();
      if (state.behaviour === 'rate-limited-http') {
        const reset = String(Math.floor(Date.parse('2026-12-06T15:00:00Z') / 1000));
        return void response
          .writeHead(403, { 'Content-Type': 'application/json', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset })
          .end('{"message":"API rate limit exceeded"}');
      }
      if (request.headers.authorization !== `bearer ${STAND_IN_TOKEN}`)
        return void response.writeHead(401, { 'Content-Type': 'application/json' }).end('{"message":"Bad credentials"}');
      const answer = state.behaviour === 'rate-limited' ? recorded('rate-limited.json') : page(variables);
      response.writeHead(200, { 'Content-Type': 'application/json' }).end(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    api: `http://127.0.0.1:${port}`,
    get behaviour() {
      return state.behaviour;
    },
    set behaviour(value) {
      state.behaviour = value;
    },
    requests: state.requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The recorded page that follows the cursor `after` (the first without one); a category without recordings has no discussions. */
function page(variables: Record<string, unknown>): string {
  const files = PAGES[String(variables.categoryId)] ?? [];
  let at = 0;
  if (variables.after) {
    at =
      files.findIndex(
        (file) => (JSON.parse(recorded(file)) as PageShape).data.repository.discussions.pageInfo.endCursor === variables.after,
      ) + 1;
    if (at === 0) throw new Error(`The stand-in has no page after cursor ${String(variables.after)}.`);
  }
  const file = files[at];
  return file
    ? recorded(file)
    : JSON.stringify({ data: { repository: { discussions: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] } } } });
}

interface PageShape {
  data: { repository: { discussions: { pageInfo: { endCursor: string | null } } } };
}
