import { describe, expect, it } from 'vitest';
import { explorerSchema } from '../../src/core/config/config.ts';
import type { IndexedNote } from '../../src/core/index/types.ts';
import type { Heading } from '../../src/core/markdown/facts.ts';
import { slugForNotePath } from '../../src/core/links/slug.ts';
import { asContentPath, asSlug } from '../../src/core/common/types.ts';
import { SiteUrls } from '../../src/core/links/urls.ts';
import { explorerDataFiles } from '../../src/core/publish/explorer-data.ts';
import { breadcrumbsFor, explorerFor, neighboursOf, tableOfContents, windowAround, type ExplorerList } from '../../src/site/navigation.ts';
import { buildTree } from '../../src/core/index/tree.ts';

/** Just what the tree and navigation read from a note. */
function note(path: string, title = path.replace(/^.*\//, '').replace(/\.md$/, '')): IndexedNote {
  const contentPath = asContentPath(path);
  return {
    path: contentPath,
    slug: slugForNotePath(contentPath),
    title,
    frontmatter: {},
    tags: [],
    published: true,
  } as unknown as IndexedNote;
}

const garden = [
  note('index.md', 'Welcome'),
  note('Zebra.md'),
  note('Guides/index.md', 'All the guides'),
  note('Guides/Step 10.md'),
  note('Guides/Step 2.md'),
  note('Guides/Step 1.md'),
  note('Guides/Advanced/Deep.md'),
  note('Alpha/One.md'),
];
const urls = new SiteUrls('/docs/');
const tree = (options = {}) => buildTree(garden, 'Garden', explorerSchema.parse(options));
const titles = (list: ExplorerList | undefined): string[] => list?.entries.map((entry) => entry.title) ?? [];

describe('the folder tree', () => {
  it('orders folders first, then notes, by title with numbers in numeric order', () => {
    const { root, folders } = tree();
    expect(root.entries.map((entry) => (entry.kind === 'folder' ? `${entry.folder.title}/` : entry.note.title))).toEqual([
      'All the guides/',
      'Alpha/',
      'Zebra',
    ]);
    expect(
      folders.get(asSlug('guides'))?.entries.map((entry) => (entry.kind === 'folder' ? `${entry.folder.title}/` : entry.note.title)),
    ).toEqual(['Advanced/', 'Step 1', 'Step 2', 'Step 10']);
  });

  it('puts the paths of `explorer.order` first, in that order, and can mix folders and notes', () => {
    const { root, folders } = tree({ order: ['Zebra', 'Alpha'], foldersFirst: false });
    expect(root.entries.map((entry) => (entry.kind === 'folder' ? entry.folder.name : entry.note.title))).toEqual([
      'Zebra',
      'Alpha',
      'Guides',
    ]);
    const pinned = tree({ order: ['Guides/Step 10.md'], foldersFirst: false }).folders.get(asSlug('guides'))!;
    expect(pinned.entries.map((entry) => (entry.kind === 'folder' ? entry.folder.name : entry.note.title))).toEqual([
      'Step 10',
      'Advanced',
      'Step 1',
      'Step 2',
    ]);
    expect(folders.get(asSlug('guides'))?.page?.title).toBe('All the guides');
  });

  it('counts the notes in and below each folder, its own page included', () => {
    const { root, folders } = tree();
    expect(root.count).toBe(8);
    expect(folders.get(asSlug('guides'))?.count).toBe(5);
    expect(folders.get(asSlug('guides/advanced'))?.count).toBe(1);
  });
});

describe('the explorer in a page', () => {
  it('opens only the folders on the way to the current page, and marks it', () => {
    const list = explorerFor(tree(), urls, asSlug('guides/advanced/deep'));
    expect(titles(list)).toEqual(['All the guides', 'Alpha', 'Zebra']);
    const guides = list.entries[0]!;
    expect(guides.kind === 'folder' && titles(guides.children)).toEqual(['Advanced', 'Step 1', 'Step 2', 'Step 10']);
    const alpha = list.entries[1]!;
    expect(alpha.kind === 'folder' && alpha.children).toBeUndefined();
    const advanced = guides.kind === 'folder' ? guides.children?.entries[0] : undefined;
    const deep = advanced?.kind === 'folder' ? advanced.children?.entries[0] : undefined;
    expect(deep).toEqual({ kind: 'note', title: 'Deep', url: '/docs/guides/advanced/deep/', current: true });
  });

  it('marks a folder as current on its own page and shows what it holds', () => {
    const list = explorerFor(tree(), urls, asSlug('guides'));
    const guides = list.entries[0]!;
    expect(guides.kind === 'folder' && guides.current).toBe(true);
    expect(guides.kind === 'folder' && guides.url).toBe('/docs/guides/');
    expect(guides.kind === 'folder' && titles(guides.children)).toHaveLength(4);
  });

  it('cuts a very large folder to a window that holds the current page', () => {
    const many = Array.from({ length: 500 }, (_, i) => note(`Big/Note ${i + 1}.md`));
    const big = buildTree(many, 'Garden', explorerSchema.parse({}));
    const list = explorerFor(big, urls, asSlug('big/note-300'));
    const folder = list.entries[0]!;
    const children = folder.kind === 'folder' ? folder.children! : undefined;
    expect(children?.total).toBe(500);
    expect(children?.entries.length).toBe(40);
    expect(children?.entries.some((entry) => entry.current)).toBe(true);
    // A page's explorer grows with the depth of its folder and the window, not with the garden.
    expect(JSON.stringify(list).length).toBeLessThan(
      JSON.stringify(explorerFor(buildTree(many.slice(0, 40), 'Garden', explorerSchema.parse({})), urls, asSlug('big/note-30'))).length *
        1.2,
    );
  });

  it('windows a list around an item', () => {
    const items = Array.from({ length: 100 }, (_, i) => i);
    expect(windowAround(items, 0, 10)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(windowAround(items, 50, 10)).toEqual([48, 49, 50, 51, 52, 53, 54, 55, 56, 57]);
    expect(windowAround(items, 99, 10)).toEqual([90, 91, 92, 93, 94, 95, 96, 97, 98, 99]);
    expect(windowAround(items, -1, 10)).toHaveLength(10);
    expect(windowAround([1, 2], 1, 10)).toEqual([1, 2]);
  });

  it('writes one JSON file per folder with its entries, for folders opened in the browser', () => {
    const files = new Map(explorerDataFiles(tree(), urls));
    expect([...files.keys()].sort()).toEqual([
      '_garden/explorer/_root.json',
      '_garden/explorer/alpha.json',
      '_garden/explorer/guides.json',
      '_garden/explorer/guides/advanced.json',
    ]);
    expect(JSON.parse(files.get('_garden/explorer/_root.json')!)).toEqual({
      folder: '',
      entries: [
        { kind: 'folder', title: 'All the guides', slug: 'guides', url: '/docs/guides/', count: 5 },
        { kind: 'folder', title: 'Alpha', slug: 'alpha', url: '/docs/alpha/', count: 1 },
        { kind: 'note', title: 'Zebra', slug: 'zebra', url: '/docs/zebra/' },
      ],
    });
  });
});

describe('breadcrumbs and previous/next', () => {
  it('leads from the home page through each folder to the page', () => {
    expect(breadcrumbsFor(tree(), urls, asSlug('guides/advanced/deep'))).toEqual([
      { title: 'Welcome', url: '/docs/' },
      { title: 'All the guides', url: '/docs/guides/' },
      { title: 'Advanced', url: '/docs/guides/advanced/' },
    ]);
    expect(breadcrumbsFor(tree(), urls, asSlug('guides'))).toEqual([{ title: 'Welcome', url: '/docs/' }]);
    expect(breadcrumbsFor(tree(), urls, asSlug('guides/advanced'))).toEqual([
      { title: 'Welcome', url: '/docs/' },
      { title: 'All the guides', url: '/docs/guides/' },
    ]);
    expect(breadcrumbsFor(tree(), urls, asSlug(''))).toEqual([]);
  });

  it('reads a folder like a book: its page, then its notes in explorer order', () => {
    const t = tree();
    expect(neighboursOf(t, urls, asSlug('guides'))).toEqual({
      previous: undefined,
      next: { title: 'Step 1', url: '/docs/guides/step-1/' },
    });
    expect(neighboursOf(t, urls, asSlug('guides/step-2'))).toEqual({
      previous: { title: 'Step 1', url: '/docs/guides/step-1/' },
      next: { title: 'Step 10', url: '/docs/guides/step-10/' },
    });
    expect(neighboursOf(t, urls, asSlug('guides/step-10')).next).toBeUndefined();
    // A note alone in its folder, and the home page, have no sequence.
    expect(neighboursOf(t, urls, asSlug('alpha/one'))).toEqual({});
    expect(neighboursOf(t, urls, asSlug(''))).toEqual({});
  });
});

describe('the table of contents', () => {
  const heading = (depth: number, text: string): Heading => ({ depth, text, id: text.toLowerCase(), line: 1 });

  it('lists sections of levels 2 and 3 when there are several', () => {
    expect(tableOfContents([heading(1, 'Title'), heading(2, 'One'), heading(3, 'Sub'), heading(4, 'Deep'), heading(2, 'Two')])).toEqual([
      { depth: 2, text: 'One', id: 'one' },
      { depth: 3, text: 'Sub', id: 'sub' },
      { depth: 2, text: 'Two', id: 'two' },
    ]);
  });

  it('is left out for notes with fewer than three sections', () => {
    expect(tableOfContents([heading(1, 'Title'), heading(2, 'One'), heading(2, 'Two')])).toEqual([]);
  });
});
