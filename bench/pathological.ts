/**
 * `npm run bench:pathological`: how long the garden takes on hostile notes, one note per garden,
 * through the whole pipeline (scan with its limits, parse, index, render of the note's page).
 *
 * Three groups:
 * - the inputs of the hostile garden (tests/support/hostile-garden.ts) that the limits in
 *   src/core/common/limits.ts refuse: they must be refused in milliseconds, before any parser runs;
 * - the worst inputs found that stay just inside every limit, each about 1 MiB (the largest note
 *   allowed) or exactly at a limit ("the limit": its cost at the limit, for docs/security.md), next to
 *   1 MiB of ordinary prose: these are what a per-note time budget is for;
 * - with `--build`, the per-note quantity limits (tags, aliases, headings, links) and the tag pages
 *   of a garden, at their limit, through a whole site build (`astro build`): their cost is pages,
 *   redirects and backlinks, which only a build shows. Each garden is built next to a one-note
 *   garden, and the difference is what the quantity costs.
 *
 *   npm run bench:pathological            every case of the first two groups
 *   npm run bench:pathological -- quotes  the cases whose name contains "quotes"
 *   npm run bench:pathological -- --build the builds at the quantity limits (a few minutes)
 *
 * Times are wall and CPU milliseconds for the whole note (scan, parse, index, render); on a busy
 * machine the CPU time is the steadier figure.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, type Dirent } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { resolveGardenConfig } from '../src/core/config/config.ts';
import { loadGarden } from '../src/core/build/build.ts';
import { LIMITS } from '../src/core/common/limits.ts';
import { renderNote } from '../src/core/render/render-note.ts';
import { SiteUrls } from '../src/core/links/urls.ts';
import { generatedNotes } from '../tests/support/hostile-garden.ts';

const MIB = LIMITS.maxNoteBytes - 1024;
const root = path.resolve(import.meta.dirname, '..');

/** Repeats `unit` up to about `bytes` characters. */
const fill = (unit: string, bytes = MIB) => unit.repeat(Math.max(1, Math.floor(bytes / unit.length)));

/** `count` lines, one per index. */
const numbered = (count: number, line: (index: number) => string) =>
  `${Array.from({ length: count }, (_, index) => line(index)).join('\n')}\n`;
const nested = (depth: number) => Array.from({ length: depth }, (_, index) => `${' '.repeat(index * 2)}- level ${index + 1}`).join('\n');
const tableHeader = (columns: number) =>
  `|${Array.from({ length: columns }, (_, index) => ` c${index} `).join('|')}|\n|${'---|'.repeat(columns)}\n`;

const n = (value: number) => value.toLocaleString('en');
const {
  maxNesting: nesting,
  maxLineLength: lineLength,
  maxHighlightedLineLength: codeLine,
  maxEmbedsPerPage: embeds,
  maxEmbedDepth: depth,
} = LIMITS;

/** A note of its own, or a note with the other notes it needs (embeds). */
type Case = string | { note: string; others: Record<string, string> };

/** `count` notes of `text`, embedded one after the other. */
const embedding = (count: number, text: string): Case => ({
  note: numbered(count, (index) => `![[Part ${index % 10}]]`),
  others: Object.fromEntries(Array.from({ length: 10 }, (_, index) => [`Part ${index}.md`, text])),
});
/** A chain of notes, each embedding the next. */
const chain = (length: number): Case => ({
  note: '![[Link 1]]\n',
  others: Object.fromEntries(
    Array.from({ length }, (_, index) => [`Link ${index + 1}.md`, `# Link ${index + 1}\n\nSome words.\n\n![[Link ${index + 2}]]\n`]),
  ),
});
const prose = (bytes: number) => fill('Some *text* with [[a link]], `code` and a [link](Other.md); more words to read here.\n\n', bytes);

const withinLimits: Record<string, Case> = {
  // Two links every ~500 bytes: 4,300 in the note, under the 5,000 a note may hold.
  'ordinary prose (baseline)': fill(
    `Some *text* with [[a link]], \`code\` and a [link](Other.md); more words to read here.\n\n${'A plain sentence of prose that goes on for a while, as notes do, saying what the team knows. '.repeat(4)}\n\n`,
  ),
  [`quotes ${nesting} deep on every line (the limit)`]: fill(`${'> '.repeat(nesting)}text\n`),
  [`lists ${nesting} deep, repeated to 1 MiB (the limit)`]: fill(`${nested(nesting)}\n\n`),
  'lists 20,000 items: plain': numbered(20_000, (index) => `- item ${index}`),
  'paragraphs 20,000 (the same blocks, no list)': numbered(20_000, (index) => `item ${index}\n`),
  'lists 20,000 items nested in pairs': '- item\n  - sub-item\n'.repeat(10_000),
  'lists 20,000 tasks': numbered(20_000, (index) => `- [ ] task ${index}`),
  [`lists ${n(LIMITS.maxLinksPerNote)} items: an index note of links (the link limit)`]: numbered(
    LIMITS.maxLinksPerNote,
    (index) => `- [[Person ${index}]]`,
  ),
  [`lists ${n(LIMITS.maxListItems)} items nested in pairs (the limit)`]: '- item\n  - sub-item\n'.repeat(LIMITS.maxListItems / 2),
  [`lists ${n(LIMITS.maxListItems)} items: plain (the limit)`]: numbered(LIMITS.maxListItems, (index) => `- item ${index}`),
  'lists nested in pairs, long items, 1 MiB': fill(`- ${'word '.repeat(100)}\n  - ${'word '.repeat(100)}\n`),
  'brackets 32 open, closed, one paragraph (refused)': fill(`${'['.repeat(32)}a${']'.repeat(32)}\n`),
  'brackets 32 open and closed, 1,000 a paragraph (the limits)': fill(`${`${'['.repeat(32)}a${']'.repeat(32)}\n`.repeat(31)}\n`),
  'brackets [a] lines, 1,000 a paragraph (the limit)': fill(`${'[a]\n'.repeat(1000)}\n`),
  'brackets 32 open per paragraph, never closed (the limit)': fill(`${'[\n'.repeat(32)}\n`),
  'emphasis 1,000 markers per paragraph (the limit)': fill(`${'*_'.repeat(500)}\n\n`),
  'highlight == 1,000 per paragraph (the limit)': fill(`${'==a'.repeat(1000)}\n\n`),
  'wikilinks [[ 16 deep': fill(`${'[['.repeat(16)}a${']]'.repeat(16)}\n`),
  'table 100 × 499 cells (the column limit)': `${tableHeader(100)}${`${'| x '.repeat(100)}|\n`.repeat(497)}`,
  'table 10 × 5,000 cells (the cell limit)': `${tableHeader(10)}${`${'| x '.repeat(10)}|\n`.repeat(4_998)}`,
  'raw HTML tags': fill(`${'<abbr title="x"><b><i>'.repeat(20)}\n`),
  'raw HTML, one block of 1 MiB': `<div>\n${fill('<b class="x">bold</b> <i>italic</i>\n')}</div>\n`,
  entities: fill(`${'&amp;&#106;&#x6A;'.repeat(20)}\n`),
  [`lines of ${n(lineLength - 1)} characters (the limit)`]: fill(`${'word '.repeat((lineLength - 4) / 5)}word\n`),
  [`code block (js), lines of ${n(codeLine - 1)} characters (the limit)`]: `\`\`\`js\n${fill(`${'a = b + c; '.repeat(Math.floor((codeLine - 1) / 11))}\n`)}\`\`\`\n`,
  [`code block (json), lines of ${n(codeLine - 1)} characters (the limit)`]: `\`\`\`json\n${fill(`[${'{"a": [1, "b", null], "c": true}, '.repeat(Math.floor((codeLine - 3) / 34))}{}]\n`)}\`\`\`\n`,
  [`code block (css), lines of ${n(codeLine - 1)} characters (the limit)`]: `\`\`\`css\n${fill(`${'.a>b:hover{color:#fff;margin:0 auto}'.repeat(Math.floor((codeLine - 1) / 36))}\n`)}\`\`\`\n`,
  [`code block (bash), lines of ${n(codeLine - 1)} characters (the limit)`]: `\`\`\`bash\n${fill(`${'echo "$A" | grep -e x && ls ~/a; '.repeat(Math.floor((codeLine - 1) / 33))}\n`)}\`\`\`\n`,
  'math $ 2,000 per paragraph (refused)': fill(`${'$a'.repeat(2000)}\n\n`),
  'math: 1,000 formulas (the limit)': `${'$a$ '.repeat(1000)}\n`,
  [`embeds: ${embeds} of a 2 KB note (the limit)`]: embedding(embeds, prose(2048)),
  [`embeds: ${embeds} of a 100 KB note (the limit)`]: embedding(embeds, prose(100 * 1024)),
  [`embeds: a chain ${depth} deep (the limit)`]: chain(depth + 2),
  'footnote references (refused)': `${fill('[^1] [^2] [^3]\n\n')}[^1]: a\n[^2]: b\n[^3]: c\n`,
  'footnotes: 999 references to one (the limit)': `${'A claim.[^1]\n\n'.repeat(999)}[^1]: The source.\n`,
  // The quantity limits, checked once a note is parsed (src/core/index/quantities.ts).
  [`tags: ${LIMITS.maxTagsPerNote} distinct (the limit)`]: tagsNote(LIMITS.maxTagsPerNote),
  'tags: 100,000 distinct in 0.8 MB (refused)': tagsNote(100_000),
  [`aliases: ${LIMITS.maxAliasesPerNote} (the limit)`]: aliasesNote(LIMITS.maxAliasesPerNote),
  [`headings: ${LIMITS.maxHeadingsPerNote.toLocaleString('en')} (the limit)`]: `${Array.from({ length: LIMITS.maxHeadingsPerNote }, (_, index) => `## Heading ${index}\n\nA line.\n`).join('\n')}`,
  [`links: ${LIMITS.maxLinksPerNote.toLocaleString('en')} to one note (the limit)`]: linksNote(LIMITS.maxLinksPerNote, () => 'Other'),
  [`links: ${LIMITS.maxLinksPerNote.toLocaleString('en')} to missing notes (the limit)`]: linksNote(
    LIMITS.maxLinksPerNote,
    (index) => `Missing ${index}`,
  ),
  [`links: ${(LIMITS.maxLinksPerNote + 1).toLocaleString('en')} (refused)`]: linksNote(LIMITS.maxLinksPerNote + 1, () => 'Other'),
};

function tagsNote(count: number): string {
  const lines = Array.from({ length: Math.ceil(count / 10) }, (_, line) =>
    Array.from({ length: Math.min(10, count - line * 10) }, (_, index) => `#t${line * 10 + index}`).join(' '),
  );
  return `# Tags\n\n${lines.join('\n')}\n`;
}

function aliasesNote(count: number): string {
  return `---\naliases:\n${Array.from({ length: count }, (_, index) => `  - Alias ${index}`).join('\n')}\n---\n# Aliases\n`;
}

/** One link a paragraph (a list would be refused for its items first). */
function linksNote(count: number, target: (index: number) => string): string {
  return `# Links\n\n${Array.from({ length: count }, (_, index) => `See [[${target(index)}]].`).join('\n\n')}\n`;
}

interface Result {
  name: string;
  kilobytes: number;
  outcome: string;
  ms: number;
  /** CPU time of the process (all its threads), a steadier figure than wall time on a busy machine. */
  cpuMs: number;
}

async function measure(name: string, input: Case | Buffer): Promise<Result> {
  const { note: text, others } = typeof input === 'string' || Buffer.isBuffer(input) ? { note: input, others: {} } : input;
  const content = mkdtempSync(path.join(tmpdir(), 'garden-pathological-'));
  writeFileSync(path.join(content, 'Note.md'), text);
  writeFileSync(path.join(content, 'Other.md'), '# Other\n');
  for (const [file, other] of Object.entries(others)) writeFileSync(path.join(content, file), other);
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
    const bytes = [text, ...Object.values(others)].reduce((sum, part) => sum + Buffer.byteLength(part), 0);
    return { name, kilobytes: Math.round(bytes / 1024), outcome: note?.published ? 'published' : `refused: ${refused?.rule}`, ms, cpuMs };
  } finally {
    rmSync(content, { recursive: true, force: true });
  }
}

/**
 * Builds a garden (`files`, plus a home page) as `npm run build` does, into a temporary folder with
 * its own cache, and returns the wall time, the CPU time of the build's process (its threads
 * included; Pagefind's own process not), which a busy machine disturbs far less than the wall time,
 * and what the build wrote.
 */
async function buildGarden(files: Record<string, string>): Promise<{ ms: number; cpuMs: number; pages: number; megabytes: number }> {
  const work = mkdtempSync(path.join(tmpdir(), 'garden-pathological-build-'));
  const content = path.join(work, 'content');
  mkdirSync(content);
  writeFileSync(path.join(content, 'index.md'), '# Home\n');
  for (const [file, text] of Object.entries(files)) writeFileSync(path.join(content, file), text);
  try {
    const started = performance.now();
    await promisify(execFile)(path.join(root, 'node_modules', '.bin', 'astro'), ['build', '--outDir', path.join(work, 'dist')], {
      cwd: root,
      env: {
        ...process.env,
        GARDEN_CONTENT: content,
        GARDEN_CACHE_DIR: path.join(work, 'cache'),
        GARDEN_TIMINGS_FILE: path.join(work, 'timings.json'),
        ASTRO_TELEMETRY_DISABLED: '1',
      },
      maxBuffer: 256 * 1024 * 1024,
    });
    const ms = performance.now() - started;
    const { cpuMs } = JSON.parse(readFileSync(path.join(work, 'timings.json'), 'utf8')) as { cpuMs: number };
    const written = (readdirSync(path.join(work, 'dist'), { recursive: true, withFileTypes: true }) as Dirent[]).filter((entry) =>
      entry.isFile(),
    );
    const bytes = written.reduce((sum, entry) => sum + statSync(path.join(entry.parentPath, entry.name)).size, 0);
    return { ms, cpuMs, pages: written.filter((entry) => entry.name === 'index.html').length, megabytes: bytes / 1e6 };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The quantity limits at their value, through a whole build. */
const atTheLimits: Record<string, Record<string, string>> = {
  'one note (baseline)': { 'Note.md': '# Note\n\nSome text.\n' },
  [`tags: ${LIMITS.maxTagsPerNote} on one note`]: { 'Note.md': tagsNote(LIMITS.maxTagsPerNote) },
  [`aliases: ${LIMITS.maxAliasesPerNote} on one note`]: { 'Note.md': aliasesNote(LIMITS.maxAliasesPerNote) },
  [`headings: ${LIMITS.maxHeadingsPerNote.toLocaleString('en')} on one note`]: {
    'Note.md': withinLimits[`headings: ${LIMITS.maxHeadingsPerNote.toLocaleString('en')} (the limit)`] as string,
  },
  [`links: ${LIMITS.maxLinksPerNote.toLocaleString('en')} on one note, to missing notes`]: {
    'Note.md': linksNote(LIMITS.maxLinksPerNote, (index) => `Missing ${index}`),
  },
  [`tag pages: ${LIMITS.maxTagPages.toLocaleString('en')} in the garden (${LIMITS.maxTagPages / LIMITS.maxTagsPerNote} notes)`]:
    Object.fromEntries(
      Array.from({ length: LIMITS.maxTagPages / LIMITS.maxTagsPerNote }, (_, note) => [
        `Note ${note}.md`,
        tagsNote(LIMITS.maxTagsPerNote).replaceAll('#t', `#n${note}t`),
      ]),
    ),
};

const filter = process.argv.slice(2).find((arg) => !arg.startsWith('--'));
if (process.argv.includes('--build')) {
  console.log(
    `${'build at the limit'.padEnd(52)} ${'pages'.padStart(6)} ${'MB'.padStart(7)} ${'wall s'.padStart(7)} ${'CPU s'.padStart(7)} ${'extra CPU s'.padStart(12)}`,
  );
  let baseline: number | undefined;
  for (const [name, files] of Object.entries(atTheLimits)) {
    if (filter && !name.includes(filter) && !name.includes('baseline')) continue;
    const result = await buildGarden(files);
    baseline ??= result.cpuMs;
    const seconds = (ms: number) => (ms / 1000).toFixed(1);
    console.log(
      `${name.padEnd(52)} ${String(result.pages).padStart(6)} ${result.megabytes.toFixed(1).padStart(7)} ${seconds(result.ms).padStart(7)} ${seconds(result.cpuMs).padStart(7)} ${seconds(result.cpuMs - baseline).padStart(12)}`,
    );
  }
} else {
  const hostile = Object.entries(generatedNotes()).filter(([file]) => file.startsWith('Size/'));
  const cases: [string, Case | Buffer][] = [
    ...hostile.map(([file, text]): [string, Case | Buffer] => [`hostile: ${file}`, text]),
    ...Object.entries(withinLimits),
  ];
  console.log(`${'case'.padEnd(56)} ${'KiB'.padStart(6)}  ${'outcome'.padEnd(28)} ${'ms'.padStart(8)} ${'cpu ms'.padStart(8)}`);
  for (const [name, input] of cases) {
    if (filter && !name.includes(filter)) continue;
    const result = await measure(name, input);
    console.log(
      `${result.name.padEnd(56)} ${String(result.kilobytes).padStart(6)}  ${result.outcome.padEnd(28)} ${result.ms.toFixed(0).padStart(8)} ${result.cpuMs.toFixed(0).padStart(8)}`,
    );
  }
}
