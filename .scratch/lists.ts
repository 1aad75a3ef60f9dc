import { parseMarkdown } from '../plugins/parse.ts';
import { fromMarkdown } from 'mdast-util-from-markdown';
const time = (label: string, fn: () => unknown) => { const t = performance.now(); fn(); console.log(label.padEnd(50), (performance.now() - t).toFixed(0), 'ms'); };
for (const n of [2000, 4000, 8000]) {
  time(`flat loose list x${n}`, () => parseMarkdown('- item\n\n'.repeat(n)));
  time(`flat tight list x${n}`, () => parseMarkdown('- item\n'.repeat(n)));
  time(`nested2 loose x${n / 2}`, () => parseMarkdown('- item\n  - sub\n\n'.repeat(n / 2)));
  time(`plain fromMarkdown nested2 loose x${n / 2}`, () => fromMarkdown('- item\n  - sub\n\n'.repeat(n / 2)));
}
