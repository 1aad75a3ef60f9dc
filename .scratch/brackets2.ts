import { parseMarkdown } from '../plugins/parse.ts';
import { fromMarkdown } from 'mdast-util-from-markdown';
const time = <T>(label: string, fn: () => T): T => { const t = performance.now(); const r = fn(); console.log(label.padEnd(44), (performance.now() - t).toFixed(0).padStart(6), 'ms', Math.round(process.memoryUsage().heapUsed / 1e6), 'MB'); return r; };
for (const lines of [800, 1600, 3200]) {
  const text = `${'['.repeat(32)}a${']'.repeat(32)}\n`.repeat(lines);
  time(`garden parse x${lines} (${text.length} B)`, () => parseMarkdown(text));
  time(`plain fromMarkdown x${lines}`, () => fromMarkdown(text));
}
for (const lines of [800, 1600, 3200]) {
  const text = `${'[a '.repeat(32)}\n`.repeat(lines);
  time(`unclosed [a x${lines} (${text.length} B)`, () => parseMarkdown(text));
}
