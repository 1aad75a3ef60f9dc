import type { List } from 'mdast';
import { EditMap } from 'micromark-util-edit-map';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../plugins/parse.ts';
import { renderToHtml } from '../../src/core/render/pipeline.ts';

/**
 * Lists parse in linear time because micromark uses the patched `micromark-util-edit-map` in
 * vendor/ (see its readme.md): its `consume` leaves the events before the first edit in place.
 * These tests check that the patch changes nothing but the cost (that the install puts it in effect:
 * tests/integration/markdown-lists.test.ts); the cost itself is measured by `npm run bench:pathological`.
 */
describe('linear list handling', () => {
  it('applies edits exactly as upstream: removals and additions, in order, before and after', () => {
    const events = ['a', 'b', 'c', 'd', 'e', 'f'] as never[];
    const map = new EditMap();
    map.add(4, 1, ['X', 'Y'] as never[]);
    map.add(1, 0, ['P'] as never[]);
    map.addBefore(1, 1, ['Q'] as never[]);
    map.add(6, 0, ['Z'] as never[]);
    map.consume(events);
    expect(events).toEqual(['a', 'Q', 'P', 'c', 'd', 'X', 'Y', 'f', 'Z']);
  });

  it('parses big and nested lists into the same tree as small ones', () => {
    const tree = parseMarkdown('- item\n  - sub-item\n'.repeat(3000));
    const list = tree.children[0] as List;
    expect(tree.children).toHaveLength(1);
    expect(list.children).toHaveLength(3000);
    expect(list.children.every((item) => item.children[1]?.type === 'list' && (item.children[1] as List).children.length === 1)).toBe(true);
    const lazy = parseMarkdown('> - a\n>   - b\nc\n');
    expect(lazy.children).toHaveLength(1);
    // 6,000 list items take about a second to parse, several on a loaded machine: this checks the
    // tree, not the time (npm run bench measures that).
  }, 60_000);

  it('renders a tight list of thousands of items tight, and a list with one loose item loose, as upstream does', () => {
    const context = {
      path: 'x.md',
      headings: [],
      resolve: () => ({ kind: 'none' }),
      isTag: () => true,
      note: () => undefined,
      embeddable: () => undefined,
      urls: {},
    } as never;
    expect(renderToHtml(parseMarkdown('- a\n- b\n'.repeat(2000)), context).html.match(/<li>[ab]<\/li>/g)).toHaveLength(4000);
    expect(renderToHtml(parseMarkdown('- a\n\n- b\n- c\n'), context).html).toBe(
      '<ul>\n<li>\n<p>a</p>\n</li>\n<li>\n<p>b</p>\n</li>\n<li>\n<p>c</p>\n</li>\n</ul>',
    );
  });
});
