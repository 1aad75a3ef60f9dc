import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * The output belongs to the build (docs/security.md, "Limits"): no file from the content folder may write or
 * replace a file the build generates. The site's paths fall into three groups, and all are reserved:
 * - pages: every page is a folder's `index.html` (notes, folder listings, tags, redirects, the
 *   garden's own pages), plus `404.html`;
 * - the files the build writes beside its pages: feeds, sitemaps, `graph.json`, `discussions.json`,
 *   `robots.txt`, `favicon.*`, and whatever the project's `public/` folder holds (copied as it is);
 * - folders the build owns whole: `_astro/` (scripts and styles), `_garden/` (graph and explorer
 *   data, Mermaid), `pagefind/` (the search index), `tags/` (tag pages), `conversations/` (the open
 *   questions and their feed).
 * An emitter that writes anything else must add it here: tests/e2e/hostile.test.ts checks that
 * every file of a built site is either reserved or a published attachment.
 *
 * Paths are compared lower-cased (macOS and Windows file systems ignore case) and NFC.
 */

/** Folders under the site's base that the build owns entirely. */
export const RESERVED_FOLDERS: readonly string[] = ['_astro', '_garden', 'pagefind', 'tags', 'conversations'];

/** Files at the top of the site that the build writes, or may write. */
export const RESERVED_FILES: readonly string[] = [
  '404.html',
  'feed.xml',
  'rss.xml',
  'atom.xml',
  'sitemap.xml',
  'sitemap-index.xml',
  'robots.txt',
  'graph.json',
  'discussions.json',
];

const RESERVED_PATTERNS: readonly RegExp[] = [
  // Every page: Astro writes each address as a folder with an index.html.
  /(^|\/)index\.html$/,
  // The sitemap's parts in a garden of more than 50,000 pages.
  /^sitemap-\d+\.xml$/,
  // Browsers ask every site for its icon there, whatever the pages say.
  /^favicon\.[a-z0-9]+$/,
];

export class ReservedOutputPaths {
  private readonly files: Set<string>;

  /** `publicFiles`: the project's `public/` folder, relative paths (see `listPublicFiles`). */
  constructor(publicFiles: Iterable<string> = []) {
    this.files = new Set([...RESERVED_FILES, ...publicFiles].map(normalise));
  }

  /**
   * What the build writes at `output` (a path relative to the site's base) or on the way to it,
   * described for a message; `undefined` when the path is free. A path inside a reserved file
   * (`feed.xml/x.png`) is reserved too: the build could not make the folder.
   */
  owner(output: string): string | undefined {
    const segments = normalise(output).split('/');
    if (RESERVED_FOLDERS.includes(segments[0]!)) return `the build's own \`${segments[0]}/\` folder`;
    for (let end = 1; end <= segments.length; end++) {
      const prefix = segments.slice(0, end).join('/');
      if (this.files.has(prefix)) return `the build's own \`${prefix}\``;
      if (RESERVED_PATTERNS.some((pattern) => pattern.test(prefix)))
        return /index\.html$/.test(prefix) ? `a page of the site (\`${prefix}\`)` : `the build's own \`${prefix}\``;
    }
    return undefined;
  }
}

function normalise(output: string): string {
  return output.normalize('NFC').toLowerCase().replace(/^\/+/, '');
}

/** Every file in the project's `public/` folder (Astro copies it into the site as it is), relative, `/`-separated. */
export async function listPublicFiles(publicDir: string): Promise<string[]> {
  const entries = await fs.readdir(publicDir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => !entry.isDirectory())
    .map((entry) => path.relative(publicDir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
}
