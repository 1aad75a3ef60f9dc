import { cpSync, existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';
import type { Element, Root } from 'hast';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GraphJson } from '../../src/core/graph/graph-json.ts';
import { stagingFolder } from '../../src/core/publish/output.ts';
import { buildSite, freshSiteFolder } from '../support/build-site.ts';
import { snapshot } from '../support/snapshot.ts';

const fixture = path.resolve(import.meta.dirname, '..', 'fixtures', 'site');
let dist: string;

beforeAll(async () => {
  ({ dist } = await buildSite(fixture));
});

const html = (page: string) => readFileSync(path.join(dist, page, 'index.html'), 'utf8');
const parse = (page: string): Root => fromHtml(html(page));

function select(tree: Root | Element, predicate: (element: Element) => boolean): Element[] {
  const found: Element[] = [];
  const visit = (node: Root | Element) => {
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      if (predicate(child)) found.push(child);
      visit(child);
    }
  };
  visit(tree);
  return found;
}
const byClass = (name: string) => (element: Element) => ((element.properties.className as string[] | undefined) ?? []).includes(name);

describe('a strict build', () => {
  it('fails when the content has errors, names them, and leaves the previous site untouched', async () => {
    // Into a copy of the site the normal build published: a strict build of a garden with an error
    // fails after every page was rendered, and must not have replaced a single file by then.
    const previous = freshSiteFolder();
    cpSync(dist, previous, { recursive: true });
    const before = snapshot(previous);
    const failing = await buildSite(fixture, { GARDEN_STRICT: '1' }, { dist: previous }).then(
      () => undefined,
      (error: { code?: number; stdout?: string; stderr?: string }) => error,
    );
    expect(failing?.code).toBe(1);
    const output = `${failing?.stdout}${failing?.stderr}`;
    expect(output).toMatch(/Strict build: 3 error\(s\)/); // a broken link, a missing picture, a javascript: link
    expect(output).toContain(
      `The site was not published: ${previous} is unchanged, and the unfinished build is in ${stagingFolder(previous)}.`,
    );
    expect(snapshot(previous)).toEqual(before);
    expect(existsSync(path.join(stagingFolder(previous), 'index.html'))).toBe(true);
  });
});

describe('a built fixture garden', () => {
  it('publishes a page per note at its slug, the home page, tags and a 404 page', () => {
    for (const page of [
      '',
      'guides/writing-guide',
      'guides/glossary',
      'team',
      'tags',
      'tags/guides',
      'tags/writing',
      'tags/writing/style',
    ]) {
      expect(existsSync(path.join(dist, page, 'index.html')), page).toBe(true);
    }
    expect(existsSync(path.join(dist, '404.html'))).toBe(true);
  });

  it('shows backlinks with the sentence around each link', () => {
    const tree = parse('guides/writing-guide');
    const [section] = select(tree, byClass('kg-backlinks'));
    expect(section).toBeDefined();
    const items = select(section!, (element) => element.tagName === 'li').map((item) =>
      item.children
        .filter((child): child is Element => child.type === 'element')
        .map((child) => toString(child).replace(/\s+/g, ' ').trim())
        .join(' '),
    );
    expect(items).toEqual([
      'Fixture garden Start with the Writing guide.',
      'Glossary See the writing guide for how we use headings.',
      'Team They follow the guide for writing strictly.',
    ]);
    const marks = select(section!, (element) => element.tagName === 'mark').map((mark) => toString(mark));
    expect(marks).toEqual(['Writing guide', 'writing guide', 'guide for writing']);
  });

  it('lists backlinks only from notes that link, once per note', () => {
    const [section] = select(parse('team'), byClass('kg-backlinks'));
    expect(select(section!, (element) => element.tagName === 'li')).toHaveLength(1);
    const [glossaryBacklinks] = select(parse('guides/glossary'), byClass('kg-backlinks'));
    expect(toString(glossaryBacklinks!)).toContain('Every note should link to the Glossary when it uses a term.');
  });

  it('renders wanted links visibly and links to drafts as plain text without leaking them', () => {
    const page = html('guides/writing-guide');
    const tree = parse('guides/writing-guide');
    const wanted = select(tree, byClass('wanted'));
    expect(wanted.map((element) => toString(element))).toEqual(['Roadmap']);
    expect(page).toContain('A secret: Hidden plan should stay hidden.');
    expect(page).not.toMatch(/hidden-plan/);
    expect(existsSync(path.join(dist, 'hidden-plan'))).toBe(false);
    expect(existsSync(path.join(dist, 'tags', 'secret-tag'))).toBe(false);
    for (const file of ['index.html', 'tags/index.html', 'graph.json']) {
      expect(readFileSync(path.join(dist, file), 'utf8')).not.toMatch(/Draft content|secret-tag|Hidden plan\.md/);
    }
  });

  it('resolves internal links to page URLs with real heading ids', () => {
    const links = select(
      parse('guides/glossary'),
      (element) => element.tagName === 'a' && String(element.properties.href).includes('writing-guide'),
    );
    expect(links.map((link) => link.properties.href)).toContain('/guides/writing-guide/#headings');
    expect(select(parse('guides/writing-guide'), (element) => element.properties.id === 'headings')).toHaveLength(1);
  });

  it('lists tag pages with their notes, nested tags under their parent', () => {
    const writing = toString(parse('tags/writing'));
    expect(writing).toContain('Writing guide');
    const [list] = select(parse('tags/guides'), byClass('kg-card-list'));
    const guides = select(list!, (element) => element.tagName === 'li').map((li) => toString(li).trim());
    expect(guides).toEqual(['Glossary', 'Writing guide How we write notes.'].map((text) => expect.stringContaining(text.split(' ')[0]!)));
    expect(toString(parse('tags'))).toMatch(/#guides\s*2/);
  });

  it('sanitizes raw HTML: no script, no event handlers, no javascript: URLs', () => {
    const page = html('guides/writing-guide');
    expect(page).not.toContain('__pwned');
    expect(page).not.toMatch(/<script[^>]*>[^<]*pwned/);
    expect(page).not.toMatch(/onerror|javascript:/i);
  });

  it('writes graph.json with nodes (placed and ranked), edges and unresolved links', () => {
    const graph = JSON.parse(readFileSync(path.join(dist, 'graph.json'), 'utf8')) as GraphJson;
    expect(graph.nodes.map((node) => node.slug)).toEqual(['', 'guides/glossary', 'guides/writing-guide', 'team']);
    expect(graph.nodes.find((node) => node.slug === 'guides/writing-guide')).toEqual({
      slug: 'guides/writing-guide',
      path: 'Guides/Writing guide.md',
      title: 'Writing guide',
      tags: ['guides', 'writing/style'],
      x: expect.any(Number),
      y: expect.any(Number),
      rank: expect.any(Number),
      // No discussions read: no community signal, and the blend is the link rank.
      community: 0,
      blend: graph.nodes.find((node) => node.slug === 'guides/writing-guide')!.rank,
    });
    // Linked from the three other notes, the writing guide is the one the garden relies on most.
    expect(Math.max(...graph.nodes.map((node) => node.rank))).toBe(graph.nodes.find((node) => node.slug === 'guides/writing-guide')!.rank);
    expect(graph.edges).toEqual([
      { source: '', target: 'guides/writing-guide', kind: 'link' },
      { source: '', target: 'team', kind: 'link' },
      { source: 'guides/glossary', target: 'guides/writing-guide', kind: 'link' },
      { source: 'guides/writing-guide', target: 'guides/glossary', kind: 'link' },
      { source: 'team', target: 'guides/writing-guide', kind: 'link' },
    ]);
    expect(graph.unresolved).toEqual([
      { source: 'guides/writing-guide', target: 'Roadmap', line: 11 },
      { source: 'guides/writing-guide', target: 'x.png', line: 15 },
    ]);
  });

  it('has no inline script or style in any page, for a strict Content-Security-Policy', () => {
    const pages = readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(5);
    for (const file of pages) {
      const tree = fromHtml(readFileSync(path.join(dist, file), 'utf8'));
      const inline = select(
        tree,
        (element) =>
          (element.tagName === 'script' && !element.properties.src) ||
          element.tagName === 'style' ||
          element.properties.style !== undefined,
      );
      expect(
        inline.map((element) => element.tagName),
        file,
      ).toEqual([]);
    }
  });
});
