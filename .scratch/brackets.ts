import { parseMarkdown } from '../plugins/parse.ts';
import { extractFacts } from '../src/garden/index/facts.ts';
const time = <T>(label: string, fn: () => T): T => { const t = performance.now(); const r = fn(); console.log(label.padEnd(40), (performance.now() - t).toFixed(0), 'ms', Math.round(process.memoryUsage().heapUsed / 1e6), 'MB'); return r; };
for (const lines of [100, 200, 400, 800]) {
  const text = `${'['.repeat(32)}a${']'.repeat(32)}\n`.repeat(lines);
  const tree = time(`brackets32 x${lines} parse (${text.length} B)`, () => parseMarkdown(text));
  time(`   facts`, () => extractFacts(tree));
}
for (const depth of [8, 16, 32]) {
  const nested = Array.from({ length: depth }, (_, index) => `${' '.repeat(index * 2)}- level ${index + 1}`).join('\n') + '\n\n';
  const text = nested.repeat(Math.floor(100_000 / nested.length));
  const tree = time(`lists ${depth} (${text.length} B) parse`, () => parseMarkdown(text));
  time(`   facts`, () => extractFacts(tree));
}
