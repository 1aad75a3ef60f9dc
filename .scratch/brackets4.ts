import { parseMarkdown } from '../plugins/parse.ts';
const time = (label: string, text: string) => { const t = performance.now(); parseMarkdown(text); console.log(label.padEnd(44), String(text.length).padStart(8), (performance.now() - t).toFixed(0).padStart(6), 'ms'); };
const size = 200_000;
for (const depth of [4, 8, 16, 32]) {
  const unit = `${'['.repeat(depth)}a${']'.repeat(depth)}\n`;
  time(`closed depth ${depth}`, unit.repeat(Math.floor(size / unit.length)));
  const open = `${'[\n'.repeat(depth)}\n`;
  time(`open depth ${depth} per paragraph`, open.repeat(Math.floor(size / open.length)));
}
time('prose', 'Some *text* with [[a link]], `code` and a [link](Other.md); more words to read here.\n\n'.repeat(Math.floor(size / 86)));
