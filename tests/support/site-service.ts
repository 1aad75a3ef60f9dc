import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildSite, projectRoot, type BuiltSite } from './build-site.ts';
import { giscusEnv } from './giscus.ts';
import { STAND_IN_TOKEN, startGithubStandIn } from './github-stand-in.ts';

/**
 * The sites that several test files read, each built once per test run and shared (vitest's global
 * setup, vitest.config.ts). A site is built when a test first asks for it (`sharedSite` in
 * tests/support/shared-sites.ts), so a run of one file builds only the site that file needs, and
 * builds run while the tests that need none go on. Tests must only read a shared site; a test that
 * needs a variant (other settings, other content) builds its own with `buildSite`.
 *
 * This module runs in vitest's main process, not in a test: it must not import `vitest` itself.
 */
export const SHARED_SITES = {
  /** tests/fixtures/e2e plus a generated `Archive/` folder: navigation, theme and accessibility in the browser. */
  e2e: () => buildSite(writeE2eGarden()),
  /** The Sourcegraph handbook as it is (883 notes): its pages and graph files, and its graph in the browser. */
  handbook: () => buildSite(path.resolve(projectRoot, '..', 'shared', 'corpora', 'sourcegraph-handbook')),
  /** The example garden (`content/`, with its git history) with comments on, its discussions read from the GitHub stand-in. */
  discussions: () => buildWithDiscussions(),
} satisfies Record<string, () => Promise<BuiltSite>>;

export type SharedSiteName = keyof typeof SHARED_SITES;

/** Builds the example garden against a stand-in for GitHub's API (tests/support/github-stand-in.ts), with a cache of its own. */
async function buildWithDiscussions(): Promise<BuiltSite> {
  const standIn = await startGithubStandIn();
  try {
    return await buildSite(path.join(projectRoot, 'content'), {
      ...giscusEnv,
      GARDEN_GITHUB_API: standIn.api,
      GARDEN_GITHUB_TOKEN: STAND_IN_TOKEN,
      GARDEN_CACHE_DIR: mkdtempSync(path.join(tmpdir(), 'garden-discussions-cache-')),
    });
  } finally {
    await standIn.close();
  }
}

const e2eFixture = path.resolve(import.meta.dirname, '..', 'fixtures', 'e2e');
/** Notes in the generated `Archive/` folder: more than the explorer shows before "Show all". */
export const ARCHIVE_NOTES = 60;

/** The browser-test garden in a fresh folder: tests/fixtures/e2e plus a large `Archive/` folder. */
function writeE2eGarden(): string {
  const content = mkdtempSync(path.join(tmpdir(), 'garden-e2e-'));
  cpSync(e2eFixture, content, { recursive: true });
  mkdirSync(path.join(content, 'Archive'));
  for (let i = 1; i <= ARCHIVE_NOTES; i++) {
    writeFileSync(
      path.join(content, 'Archive', `Old note ${i}.md`),
      `---\ndescription: Archived note number ${i}.\n---\n\nAn old note, kept for the record.\n`,
    );
  }
  return content;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the test processes ask for shared sites: `http://127.0.0.1:<port>`. */
    siteService: string;
  }
}

/**
 * Global setup: serves `GET /<name>` with the shared site's `BuiltSite` as JSON, building it on the
 * first request; a failed build answers 500 with the build's output, for every request.
 */
export default async function startSiteService(project: TestProject): Promise<() => Promise<void>> {
  const builds = new Map<SharedSiteName, Promise<BuiltSite>>();
  const server = createServer((request, response) => {
    const name = decodeURIComponent(request.url?.slice(1) ?? '');
    if (!Object.hasOwn(SHARED_SITES, name)) {
      response.writeHead(404).end(`No shared site is called "${name}": tests/support/site-service.ts lists them.`);
      return;
    }
    const siteName = name as SharedSiteName;
    let build = builds.get(siteName);
    if (!build) builds.set(siteName, (build = SHARED_SITES[siteName]()));
    build.then(
      (site) => response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(site)),
      (error: unknown) => response.writeHead(500).end(describeFailure(siteName, error)),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  project.provide('siteService', `http://127.0.0.1:${port}`);
  // In watch mode, a rerun follows an edit: the sites are built again from the code as it is now.
  project.onTestsRerun(() => builds.clear());
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}

function describeFailure(name: string, error: unknown): string {
  const { message, stdout, stderr } = error as { message?: string; stdout?: string; stderr?: string };
  return [`The shared site "${name}" failed to build: ${message ?? String(error)}`, stdout, stderr].filter(Boolean).join('\n');
}
