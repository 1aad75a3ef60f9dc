/**
 * `npm run bench:pathological`: how long the garden takes on hostile notes, one note per garden,
 * through the whole pipeline (scan with its limits, parse, index, render of the note's page).
 *
 * Two groups:
 * - the inputs of the hostile garden (tests/support/hostile-garden.ts) that the limits in
 *   src/garden/limits.ts refuse: they must be refused in milliseconds, before any parser runs;
 * - the worst inputs found that stay just inside every limit, each about 1 MiB (the largest note
 *   allowed), next to 1 MiB of ordinary prose: these are what a per-note time budget is for.
 *
 *   npm run bench:pathological            every case
 *   npm run bench:pathological -- quotes  the cases whose name contains "quotes"
 *
 * Times are wall and CPU milliseconds for the whole note (scan, parse, index, render); on a busy
 * machine the CPU time is the steadier figure.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { resolveGardenConfig } from '../src/garden/config.ts';
import { loadGarden } from '../src/garden/garden.ts';
import { LIMITS } from '../src/garden/limits.ts';
import { renderNote } from '../src/garden/render.ts';
import { SiteUrls } from '../src/garden/urls.ts';
import { generatedNotes } from '../tests/support/hostile-garden.ts';

const MIB = LIMITS.maxNoteBytes - 1024;

/** Repeats `unit` up to about `bytes` characters. */
const fill = (unit: string, bytes = MIB) => unit.repeat(Math.max(1, Math.floor(bytes / unit.length)));

/** `count` lines, one per index. */
const numbered = (count: number, line: (index: number) => string) => `${Array.from({ length: count }, (_, index) => line(index)).join('\n')}\n`;
const nested = (depth: number) => Array.from({ length: depth }, (_, index) => `${' '.repeat(index * 2)}- level ${index + 1}`).join('\n');
const tableHeader = (columns: number) => `|${Array.from({ length: columns }, (_, index) => ` c${index} `).join('|')}|\n|${'---|'.repeat(columns)}\n`;

const withinLimits: Record<string, string> = {
  'ordinary prose (baseline)': fill('Some *text* with [[a link]], `code` and a [link](Other.md); more words to read here.\n\n'),
  'quotes 32 deep on every line': fill(`${'> '.repeat(32)}text\n`),
  'lists 20,000 items: an index note of links': numbered(20_000, (index) => `- [[Person ${index}]]`),
  'lists 20,000 items: plain': numbered(20_000, (index) => `- item ${index}`),
  'lists 20,000 items nested in pairs': '- item\n  - sub-item\n'.repeat(10_000),
  'lists 20,000 tasks': numbered(20_000, (index) => `- [ ] task ${index}`),
  'lists 50,000 items nested in pairs (the limit)': '- item\n  - sub-item\n'.repeat(25_000),
  'lists 50,000 items: an index note of links (the limit)': numbered(50_000, (index) => `- [[Person ${index}]]`),
  'lists 32 deep, repeated to 1 MiB': fill(`${nested(32)}\n\n`),
  'lists nested in pairs, long items, 1 MiB': fill(`- ${'word '.repeat(100)}\n  - ${'word '.repeat(100)}\n`),
  'brackets 32 open, closed, one paragraph (refused)': fill(`${'['.repeat(32)}a${']'.repeat(32)}\n`),
  'brackets 32 open and closed, 1,000 a paragraph': fill(`${`${'['.repeat(32)}a${']'.repeat(32)}\n`.repeat(31)}\n`),
  'brackets [a] lines, 1,000 a paragraph': fill(`${'[a]\n'.repeat(1000)}\n`),
  'brackets 32 open per paragraph, never closed': fill(`${'[\n'.repeat(32)}\n`),
  'emphasis 1,000 markers per paragraph': fill(`${'*_'.repeat(500)}\n\n`),
  'highlight == 1,000 per paragraph': fill(`${'==a'.repeat(1000)}\n\n`),
  'wikilinks [[ 16 deep': fill(`${'[['.repeat(16)}a${']]'.repeat(16)}\n`),
  'table 100 × 499 cells': `${tableHeader(100)}${`${'| x '.repeat(100)}|\n`.repeat(497)}`,
  'raw HTML tags': fill(`${'<a href="x"><b><i>'.repeat(20)}\n`),
  'raw HTML, one block of 1 MiB': `<div>\n${fill('<b class="x">bold</b> <i>italic</i>\n')}</div>\n`,
  'entities': fill(`${'&amp;&#106;&#x6A;'.repeat(20)}\n`),
  'lines of 9,999 characters': fill(`${'word '.repeat(1999)}word\n`),
  'code block, lines of 1,999 characters': `\`\`\`js\n${fill(`${'a = b + c; '.repeat(181)}\n`)}\`\`\`\n`,
  'math $ 2,000 per paragraph (refused)': fill(`${'$a'.repeat(2000)}\n\n`),
  'math: 1,000 formulas': `${'$a$ '.repeat(1000)}\n`,
  'footnote references (refused)': fill('[^1] [^2] [^3]\n\n') + '[^1]: a\n[^2]: b\n[^3]: c\n',
  'footnotes: 999 references to one': `${'A claim.[^1]\n\n'.repeat(999)}[^1]: The source.\n`,
};

interface Result {
  name: string;
  kilobytes: number;
  outcome: string;
  ms: number;
  /** CPU time of the process (all its threads), a steadier figure than wall time on a busy machine. */
  cpuMs: number;
}

async function measure(name: string, text: string | Buffer): Promise<Result> {
  const content = mkdtempSync(path.join(tmpdir(), 'garden-pathological-'));
  writeFileSync(path.join(content, 'Note.md'), text);
  writeFileSync(path.join(content, 'Other.md'), '# Other\n');
  try {
    const started = performance.now();
    const cpu = process.cpuUsage();
    const garden = await loadGarden(resolveGardenConfig({ content }, {}));
    const note = garden.index.notes.find((candidate) => candidate.path === 'Note.md');
    const refused = garden.diagnostics.find((diagnostic) => diagnostic.file === 'Note.md' && diagnostic.severity === 'error');
    if (note?.published) renderNote(garden, note, new SiteUrls('/'));
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000;
    return { name, kilobytes: Math.round(Buffer.byteLength(text) / 1024), outcome: note?.published ? 'published' : `refused: ${refused?.rule}`, ms, cpuMs };
  } finally {
    rmSync(content, { recursive: true, force: true });
  }
}

const filter = process.argv[2];
const hostile = Object.entries(generatedNotes()).filter(([file]) => file.startsWith('Size/'));
const cases: [string, string | Buffer][] = [...hostile.map(([file, text]): [string, string | Buffer] => [`hostile: ${file}`, text]), ...Object.entries(withinLimits)];
console.log(`${'case'.padEnd(56)} ${'KiB'.padStart(6)}  ${'outcome'.padEnd(28)} ${'ms'.padStart(8)} ${'cpu ms'.padStart(8)}`);
for (const [name, text] of cases) {
  if (filter && !name.includes(filter)) continue;
  const result = await measure(name, text);
  console.log(`${result.name.padEnd(56)} ${String(result.kilobytes).padStart(6)}  ${result.outcome.padEnd(28)} ${result.ms.toFixed(0).padStart(8)} ${result.cpuMs.toFixed(0).padStart(8)}`);
}
