import { parseMarkdown } from '../plugins/parse.ts';
import { fromMarkdown } from 'mdast-util-from-markdown';
const time = (label: string, text: string, fn = parseMarkdown as (t: string) => unknown) => { const t = performance.now(); fn(text); console.log(label.padEnd(44), String(text.length).padStart(8), (performance.now() - t).toFixed(0).padStart(6), 'ms'); };
const size = 50_000;
const cases: Record<string, string> = { '[a]': '[a]\n', '[[a]]': '[[a]]\n', '[[[[a]]]]': '[[[[a]]]]\n', '[a](b)': '[a](b)\n', 'word': 'word word\n', '[a] same line': '[a] ' };
for (const [name, unit] of Object.entries(cases)) {
  time(`garden ${name}`, unit.repeat(Math.floor(size / unit.length)));
  time(`plain  ${name}`, unit.repeat(Math.floor(size / unit.length)), fromMarkdown);
  time(`garden ${name} x2`, unit.repeat(Math.floor(2 * size / unit.length)));
}
