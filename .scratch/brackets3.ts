import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseMarkdown } from '../plugins/parse.ts';
import { extractFacts } from '../src/garden/index/facts.ts';
import { resolveGardenConfig } from '../src/garden/config.ts';
import { loadGarden } from '../src/garden/garden.ts';
import { renderNote } from '../src/garden/render.ts';
import { SiteUrls } from '../src/garden/urls.ts';
const time = async <T>(label: string, fn: () => T | Promise<T>): Promise<T> => { const t = performance.now(); const r = await fn(); console.log(label.padEnd(44), (performance.now() - t).toFixed(0).padStart(6), 'ms', Math.round(process.memoryUsage().heapUsed / 1e6), 'MB'); return r; };
for (const lines of [400, 800, 1600]) {
  const text = `${'['.repeat(32)}a${']'.repeat(32)}\n`.repeat(lines);
  const tree = await time(`parse x${lines}`, () => parseMarkdown(text));
  const facts = await time(`facts`, () => extractFacts(tree));
  console.log('links', facts.links.length);
  const dir = mkdtempSync(path.join(tmpdir(), 'b3-')); writeFileSync(path.join(dir, 'N.md'), text);
  const garden = await time('loadGarden', () => loadGarden(resolveGardenConfig({ content: dir }, {})));
  await time('render', () => renderNote(garden, garden.index.notes[0]!, new SiteUrls('/')).html.length);
}
