import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Link, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveGardenConfig } from '../../src/garden/config.ts';
import { loadGarden, type Garden } from '../../src/garden/garden.ts';
import type { GraphJson } from '../../src/garden/graph-json.ts';
import { slugForNotePath } from '../../src/garden/slug.ts';
import { formatBuildSummary } from '../../src/garden/summary.ts';
import { asContentPath } from '../../src/garden/types.ts';
import { buildSite, projectRoot } from '../support/build-site.ts';

/** The two real corpora in ../shared/corpora, whose facts are documented in their README. */
const corpora = path.resolve(projectRoot, '..', 'shared', 'corpora');
const handbook = path.join(corpora, 'sourcegraph-handbook');
const vault = path.join(corpora, 'obsidian-tasks-docs');
const readGraph = (dist: string) => JSON.parse(readFileSync(path.join(dist, 'graph.json'), 'utf8')) as GraphJson;

describe.skipIf(!existsSync(handbook))('sourcegraph-handbook', () => {
  let dist: string;
  let output: string;
  let garden: Garden;
  beforeAll(async () => {
    ({ dist, output } = await buildSite(handbook));
    garden = await loadGarden(resolveGardenConfig({ content: handbook }, {}));
  });

  it('builds every note into a page', () => {
    const graph = readGraph(dist);
    expect(graph.nodes).toHaveLength(883);
    expect(existsSync(path.join(dist, 'departments', 'people-talent', 'swag', 'index.html'))).toBe(true);
  });

  it('lists the broken file-level links as unresolved, and nothing else', () => {
    // The corpus README names three. `people-ops` (a folder without an index page) is one. The link
    // to `../../../admin-exp/security/reporting-vulnerabilities.md` sits in an indented code block
    // (a list item whose marker is followed by five spaces), so by CommonMark, and on GitHub, it is
    // code and not a link. No `../../marketing/personas.md` link exists in this snapshot of the corpus.
    expect(readGraph(dist).unresolved).toEqual([{ source: 'departments/people-talent/swag', target: 'people-ops', line: 19 }]);
    const text = readFileSync(path.join(handbook, 'departments/technical-success/support/process/serving-as-a-messenger-during-incidents.md'), 'utf8');
    expect(text).toMatch(/\n {4}- {5}It is critical that we follow \[our security disclosure process\]\(\.\.\/\.\.\/\.\.\/admin-exp/);
    expect(readFileSync(path.join(dist, 'departments/technical-success/support/process/serving-as-a-messenger-during-incidents/index.html'), 'utf8')).toMatch(
      /<pre[^>]*><code>It is critical that we follow \[our security disclosure process\]\(\.\.\/\.\.\/\.\.\/admin-exp/,
    );
  });

  it('turns every relative link to an existing note or folder page into an edge', () => {
    const edges = new Set(readGraph(dist).edges.map((edge) => `${edge.source} -> ${edge.target}`));
    let checked = 0;
    for (const note of garden.index.notes) {
      const from = path.join(handbook, path.dirname(note.path));
      visit(note.tree as Root, 'link', (link: Link) => {
        const url = link.url;
        if (url.trim() === '' || /^[a-z][a-z0-9+.-]*:|^\/|^#/i.test(url)) return;
        const file = decodeURIComponent(url.replace(/[#?].*$/, ''));
        let target = path.resolve(from, file);
        if (existsSync(target) && statSync(target).isDirectory()) {
          target = ['index.md', 'README.md'].map((name) => path.join(target, name)).find((candidate) => existsSync(candidate)) ?? target;
        }
        if (!target.endsWith('.md') || !existsSync(target) || !target.startsWith(handbook + path.sep)) return;
        const targetSlug = slugForNotePath(asContentPath(path.relative(handbook, target)));
        expect(edges.has(`${note.slug} -> ${targetSlug}`), `${note.path}: ${url}`).toBe(true);
        checked++;
      });
    }
    expect(checked).toBeGreaterThan(3000);
  });

  it('keeps every page proportional to itself: the home page and the explorer never list the whole garden', () => {
    const home = readFileSync(path.join(dist, 'index.html'), 'utf8');
    expect(home.match(/<a /g)?.length).toBeLessThan(200);
    const deep = readFileSync(path.join(dist, 'departments/engineering/dev/tools/grpc-cs-enablement/index.html'), 'utf8');
    const explorer = deep.slice(deep.indexOf('id="kg-explorer"'), deep.indexOf('</nav>', deep.indexOf('id="kg-explorer"')));
    const lists = explorer.split('<ul class="kg-tree"').slice(1);
    expect(lists.length).toBeGreaterThan(3);
    expect(explorer.match(/<li/g)?.length).toBeLessThan(250);
    expect(explorer).toContain('aria-current="page"');
    // What pages leave out, the per-folder files hold: together they list every published note once.
    const dataDir = path.join(dist, '_garden', 'explorer');
    const listed: string[] = [];
    for (const file of readdirSync(dataDir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.json'))) {
      const json = JSON.parse(readFileSync(path.join(dataDir, file), 'utf8')) as { entries: { kind: string; slug: string }[] };
      listed.push(...json.entries.filter((entry) => entry.kind === 'note').map((entry) => entry.slug));
    }
    const folderPages = garden.index.notes.filter((note) => note.published && /(^|\/)(index|readme)\.md$/i.test(note.path));
    expect(listed.length).toBe(new Set(listed).size);
    expect(listed.length).toBe(883 - folderPages.length);
  });

  it('reports only what is really wrong, and prints a one-screen summary', () => {
    const errors = garden.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
    expect(errors.map((error) => `${error.file}:${error.at?.line} ${error.rule}`)).toEqual(['departments/people-talent/swag.md:19 broken-link']);
    const summary = formatBuildSummary(garden, { attachments: garden.index.attachmentsUsed.size, elapsedMs: 1000 });
    expect(summary.split('\n').length).toBeLessThanOrEqual(20);
    expect(summary).toContain('883 notes published');
    const printed = output.split('\n').filter((line) => line.includes('garden:'));
    expect(printed[0]).toMatch(/garden: 883 notes published, \d+ links between notes, 1 unresolved/);
    expect(printed[1]).toMatch(/garden: 1 errors, \d+ warnings in [\d.]+ s \(scan [\d.]+ s, index [\d.]+ s, render [\d.]+ s/);
  });
});

describe.skipIf(!existsSync(vault))('obsidian-tasks-docs', () => {
  let dist: string;
  let output: string;
  beforeAll(async () => {
    ({ dist, output } = await buildSite(vault));
  });

  it('builds with no unresolved links and no problems', () => {
    expect(output).toMatch(/garden: \d+ notes published( \([^)]*\))?, \d+ links between notes, 0 unresolved/);
    expect(output).toMatch(/garden: 0 errors, 0 warnings/);
    const graph = readGraph(dist);
    expect(graph.unresolved).toEqual([]);
    expect(graph.nodes.length).toBeGreaterThan(100);
    expect(graph.edges.length).toBeGreaterThan(500);
  });

  it('publishes the vault\'s notes and skips its templates (Obsidian Publish excludes _meta)', () => {
    expect(existsSync(path.join(dist, 'getting-started', 'dates', 'index.html'))).toBe(true);
    expect(readGraph(dist).nodes.some((node) => node.path.startsWith('_meta/'))).toBe(false);
  });
});
