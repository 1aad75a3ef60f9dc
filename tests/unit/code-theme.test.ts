import type { Element, ElementContent } from 'hast';
import { describe, expect, it } from 'vitest';
import { codeThemeCss, loadCodeHighlighter } from '../../src/core/render/highlight-code.ts';
// Highlighted code is styled by classes only; the committed stylesheet must define every one. It is
// read as text (Vite's `?raw`), as an import: the unit tests read no files themselves.
import stylesheet from '../../src/styles/code-theme.css?raw';

const samples: Record<string, string> = {
  ts: 'export async function f(x: number): Promise<string> { return `${x}`; } // done',
  python: 'def f(x: int) -> str:\n    """Doc."""\n    return f"{x!r}" if x else None  # comment',
  md: '# Title\n\n*em* **strong** [link](https://example.com) `code`\n\n- [ ] task',
  json: '{ "a": [1, true, null], "b": "text" }',
  bash: 'for f in *.md; do echo "$f" | grep -v x > /dev/null; done',
  css: '.a > b:hover { color: #fff !important; --x: calc(1px + 2em); }',
  html: '<!doctype html><a href="x" class="y">t &amp; u</a><script>let x = 1;</script>',
  yaml: 'title: x\nlist:\n  - 1\n  - "two"\n# comment',
  diff: '--- a\n+++ b\n@@ -1 +1 @@\n-old\n+new',
  sql: "SELECT a, COUNT(*) FROM t WHERE b = 'x' GROUP BY a;",
};

function classesIn(nodes: ElementContent[]): string[] {
  return nodes.flatMap((node) =>
    node.type === 'element'
      ? [...(((node as Element).properties.className as string[] | undefined) ?? []), ...classesIn(node.children)]
      : [],
  );
}

describe('code highlighting', () => {
  it('keeps src/styles/code-theme.css up to date with the themes (run `npm run generate:code-theme`)', async () => {
    expect(stylesheet).toBe(await codeThemeCss());
  });

  it('uses only classes the stylesheet defines, and no inline styles', async () => {
    const highlighter = await loadCodeHighlighter(Object.keys(samples));
    const used = new Set<string>();
    for (const [language, code] of Object.entries(samples)) {
      const nodes = highlighter.highlight(code, language);
      expect(nodes, language).toBeDefined();
      expect(JSON.stringify(nodes)).not.toMatch(/"style"/);
      for (const name of classesIn(nodes!)) used.add(name);
    }
    expect(used.size).toBeGreaterThan(10);
    for (const name of used) expect(stylesheet, name).toContain(`.${name} {`);
  });

  it('leaves unknown languages plain', async () => {
    const highlighter = await loadCodeHighlighter(['tasks']);
    expect(highlighter.highlight('not in tasks', 'tasks')).toBeUndefined();
  });
});
