import { appendFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fileHashes } from '../../bench/files.ts';
import { astroPages } from '../../bench/page-costs.ts';
import { buildSite, freshSiteFolder, type BuiltSite } from '../support/build-site.ts';

/**
 * A warm build (the cache of the previous build at hand) writes again only the pages whose key
 * changed, carries the others over, and gives the very bytes a cold build gives. The search index is
 * split in parts of at most 2 pages here (a large garden's are 1,000), so that a warm build can
 * carry parts over too.
 */
const SETTINGS = { GARDEN_SEARCH_PART_PAGES: '2' };

const NOTES: Record<string, string> = {
  'index.md': '# Home\n\nStart at [[Hub]].\n',
  'Hub.md': '---\naliases: [Centre, Middle]\ntags: [topic]\n---\n# Hub\n\nSee [[Leaf one]] and [[Leaf two]].\n',
  'Area/Leaf one.md': '---\ntags: [topic, leaf]\n---\n# Leaf one\n\nBack to [[Hub]], the place where it starts.\n',
  'Area/Leaf two.md': '---\ntags: [leaf]\n---\n# Leaf two\n\nAlso from [[Hub]].\n',
  'Area/Leaf three.md': '# Leaf three\n\nLinks to [[Leaf two]] only.\n',
  'Other/Far away.md': '---\naliases: [Distant]\n---\n# Far away\n\nNothing links here; it links to [[Leaf three]].\n',
};

function writeGarden(dir: string): void {
  for (const [file, text] of Object.entries(NOTES)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
}

/** Pages Astro rendered, and pages it carried over from the previous build, as it printed them. */
function pagesOf(site: BuiltSite): { rendered: string[]; carried: string[] } {
  const pages = astroPages(site.output);
  const list = (carried: boolean) => pages.filter((page) => page.carried === carried).map(({ page }) => page);
  return { rendered: list(false), carried: list(true) };
}

let content: string;
let cache: string;
let dist: string;
let cold: BuiltSite;
let warm: BuiltSite;
let reference: BuiltSite;
let before: Map<string, string>;

beforeAll(async () => {
  content = mkdtempSync(path.join(tmpdir(), 'garden-warm-'));
  cache = mkdtempSync(path.join(tmpdir(), 'garden-warm-cache-'));
  writeGarden(content);
  dist = freshSiteFolder();
  cold = await buildSite(content, { ...SETTINGS, GARDEN_CACHE_DIR: cache }, { dist });
  before = fileHashes(dist);
  // Leaf one links to Hub (whose page shows that backlink with its sentence) and is linked from it.
  appendFileSync(path.join(content, 'Area', 'Leaf one.md'), '\nA new sentence about [[Hub]], from the second build.\n');
  warm = await buildSite(content, { ...SETTINGS, GARDEN_CACHE_DIR: cache }, { dist });
  reference = await buildSite(content, { ...SETTINGS, GARDEN_CACHE_DIR: mkdtempSync(path.join(tmpdir(), 'garden-warm-cold-')) });
});

describe('a warm build', () => {
  it('renders every page on a cold build', () => {
    const { rendered, carried } = pagesOf(cold);
    expect(carried).toEqual([]);
    expect(rendered).toContain('/hub/index.html');
  });

  it('renders again the edited note and the pages that show its backlinks, and carries the others over', () => {
    const { rendered, carried } = pagesOf(warm);
    // The edited note, and Hub, whose backlinks show Leaf one's sentences.
    expect(rendered).toEqual(expect.arrayContaining(['/area/leaf-one/index.html', '/hub/index.html']));
    // Notes, folder listings, tag pages and redirects that show nothing of the edit.
    expect(carried).toEqual(
      expect.arrayContaining([
        '/area/leaf-two/index.html',
        '/area/leaf-three/index.html',
        '/other/far-away/index.html',
        '/other/index.html',
        '/tags/leaf/index.html',
        '/centre/index.html',
        '/other/distant/index.html',
      ]),
    );
    expect(rendered).not.toContain('/area/leaf-two/index.html');
  });

  it('changes exactly the files a cold build of the edited garden has differently', () => {
    const after = fileHashes(warm.dist);
    const changed = [...after.keys()].filter((file) => before.get(file) !== after.get(file));
    expect(changed).toEqual(expect.arrayContaining(['area/leaf-one/index.html', 'hub/index.html']));
    expect(changed).not.toContain('area/leaf-two/index.html');
  });

  it('gives the same bytes as a cold build of the same content, carried-over pages included', () => {
    expect(fileHashes(warm.dist)).toEqual(fileHashes(reference.dist));
  });

  it('indexes again only the part of the search index that holds the edited note, and carries the others over', () => {
    // Six note pages (the home note's included) in four parts.
    expect(cold.output).toMatch(/search: 6 pages in 4 parts: each indexed by Pagefind/);
    // Hub's page changed too, but only outside what is indexed (its backlinks).
    expect(warm.output).toMatch(/search: 6 pages in 4 parts: 3 unchanged \(carried over\), 1 indexed by Pagefind/);
    const search = (site: BuiltSite) => new Map([...fileHashes(site.dist)].filter(([file]) => file.startsWith('pagefind/')));
    expect(search(warm)).toEqual(search(reference));
    expect([...search(warm).keys()].filter((file) => file.startsWith('pagefind/part-')).length).toBeGreaterThan(0);
  });
});

/** The files of the graph: `graph.json`, the graph page's data, every note's local graph. */
function graphFiles(dist: string): Map<string, string> {
  return new Map([...fileHashes(dist)].filter(([file]) => file === 'graph.json' || file.startsWith('_garden/graph/')));
}

const CARRIED_GRAPH = 'graph files unchanged, carried over from the previous build';

describe('the graph files of a warm build', () => {
  let linked: BuiltSite;
  let linkedReference: BuiltSite;
  let warmGraph: Map<string, string>;

  beforeAll(async () => {
    // The warm build's output folder is built into again below.
    warmGraph = graphFiles(warm.dist);
    // A link to a note Leaf two did not link to yet: a new edge in the graph.
    appendFileSync(path.join(content, 'Area', 'Leaf two.md'), '\nAnd now [[Far away]] too.\n');
    linked = await buildSite(content, { ...SETTINGS, GARDEN_CACHE_DIR: cache }, { dist });
    linkedReference = await buildSite(content, { ...SETTINGS, GARDEN_CACHE_DIR: mkdtempSync(path.join(tmpdir(), 'garden-warm-cold-')) });
  });

  it('are computed on a cold build', () => {
    expect(cold.output).not.toContain(CARRIED_GRAPH);
    expect(graphFiles(cold.dist).size).toBeGreaterThan(6);
  });

  it('are carried over when the graph did not change (a sentence with a link Leaf one already had)', () => {
    expect(warm.output).toContain(CARRIED_GRAPH);
    expect(warmGraph).toEqual(graphFiles(reference.dist));
  });

  it('are computed again when a link changes the graph, and are what a cold build writes', () => {
    expect(linked.output).not.toContain(CARRIED_GRAPH);
    const after = graphFiles(linked.dist);
    expect(after.get('graph.json')).not.toBe(graphFiles(reference.dist).get('graph.json'));
    expect(after).toEqual(graphFiles(linkedReference.dist));
    expect(fileHashes(linked.dist)).toEqual(fileHashes(linkedReference.dist));
  });
});
