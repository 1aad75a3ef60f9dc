import { cpSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LIMITS } from '../../src/core/common/limits.ts';

/**
 * The hostile garden: tests/fixtures/hostile (notes that can be committed) plus the files that
 * cannot, or should not, be committed, written at test time: invalid UTF-8, control and bidi
 * characters, names that only differ in Unicode normalisation or case, symbolic links, and notes
 * of pathological size and shape. What each one must produce is asserted in
 * tests/integration/hostile.test.ts (check results) and tests/e2e/hostile.test.ts (the built pages).
 */
export const hostileFixture = path.resolve(import.meta.dirname, '..', 'fixtures', 'hostile');

/** The global that hostile frontmatter and scripts would set if they ever ran. */
export const HOSTILE_GLOBAL = '__gardenHostileFrontmatter';

const RLO = '\u202E';

/** Text files generated at test time, by path in the garden. */
export function generatedNotes(): Record<string, string | Buffer> {
  const lines = (count: number, line: (index: number) => string) => Array.from({ length: count }, (_, index) => line(index)).join('\n');
  return {
    // Text
    'Text/Invalid UTF-8.md': Buffer.concat([
      Buffer.from('# Invalid UTF-8\n\nCaf'),
      Buffer.from([0xe9]),
      Buffer.from(' au lait, in Latin-1.\n'),
    ]),
    'Text/Control characters.md': `# Control characters\n\nA NUL \u0000 here, an escape \u001b[31m there, a bell \u0007.\n`,
    'Text/Bidi in links.md': `# Bidi in links\n\nA link whose name hides its real end: [[Invoice${RLO}fdp.exe]].\n\nAnd a Markdown link: [report](report${RLO}fdp.md).\n`,
    [`Text/Payroll${RLO}fdp.exe.md`]: '# A file name that reads backwards\n',
    'Text/Tab\tin name.md': '# A tab in the file name\n',
    'Text/Café.md': '# Café (NFC)\n',
    'Text/Cafe\u0301.md': '# Café (NFD)\n',
    'Text/Read me first.md': '# Read me first\n',
    'Text/read me first.md': '# read me first\n',
    // Frontmatter
    'Frontmatter/Huge.md': `---\ntitle: Huge frontmatter\ntags:\n${lines(8000, (index) => `  - tag-${index}`)}\n---\n\nA body after 100 KB of tags.\n`,
    // Size and pathological Markdown
    'Size/Five megabytes.md': `# Five megabytes\n\n${'All work and no play. '.repeat((5 * 1024 * 1024) / 22)}\n`,
    'Size/Nested quotes.md': `# Nested quotes\n\n${'>'.repeat(5000)} deep\n`,
    'Size/Nested lists.md': `# Nested lists\n\n${'- '.repeat(3000)}three thousand levels on one line\n`,
    'Size/Indented lists.md': `# Indented lists\n\n${lines(500, (index) => `${' '.repeat(index * 2)}- level ${index + 1}`)}\n`,
    ...embedChain(LIMITS.maxEmbedDepth + 3),
    'Size/Long list.md': `# Long list\n\n${'- item\n  - sub-item\n'.repeat(25_001)}`,
    'Size/Brackets.md': `# Brackets\n\n${'['.repeat(5000)}\n${'[\n'.repeat(20_000)}`,
    'Size/Wide table.md': `# Wide table\n\n|${lines(1000, (index) => ` c${index} `).replaceAll('\n', '|')}|\n|${'---|'.repeat(1000)}\n${'x\n'.repeat(1000)}`,
    'Size/Long table.md': `# Long table\n\n| a | b | c | d | e | f | g | h | i | j |\n|---|---|---|---|---|---|---|---|---|---|\n${'x\n'.repeat(10_000)}`,
    'Size/Long line.md': `# Long line\n\n${'word '.repeat(LIMITS.maxLineLength / 5 + 1000)}\n`,
    'Size/Emphasis.md': `# Emphasis\n\n${'*_'.repeat(2)}\n${'*_\n'.repeat(10_000)}`,
    // Quantities per note: each one past its limit (src/core/common/limits.ts). 100,000 distinct tags
    // in 0.8 MB once made 100,000 tag pages and an 18-minute build (bench/pathological.ts has
    // that note; 1,000 tags are enough here, and parse quicker).
    'Size/Tags.md': `# Tags\n\n${lines(100, (line) => Array.from({ length: 10 }, (_, index) => `#t${line * 10 + index}`).join(' '))}\n`,
    'Size/Aliases.md': `---\naliases:\n${lines(101, (index) => `  - Alias ${index}`)}\n---\n# Aliases\n`,
    'Size/Headings.md': `# Headings\n\n${lines(1_000, (index) => `## Heading ${index}\n`)}\n`,
    'Size/Links.md': `# Links\n\n${lines(5_001, () => '[[Empty]]\n')}\n`,
    // Names longer than a file system takes once they are addresses: a tag of 150 CJK characters
    // (450 bytes), an alias of 300 letters, a 252-byte file name (its local graph file would be
    // longer), 120 × İ, which lower-cases to more bytes (i + a combining dot).
    'Names/Long tag.md': `# Long tag\n\n#${'漢'.repeat(150)}\n`,
    'Names/Long alias.md': `---\naliases: [${'a'.repeat(300)}]\n---\n# Long alias\n`,
    [`Names/${'b'.repeat(249)}.md`]: '# A long file name\n',
    [`Names/${'İ'.repeat(120)}.md`]: '# Dotted capitals\n',
    // Lookalike names: a Cyrillic с, and an invisible combining grapheme joiner.
    'Names/Victim.md': '# Victim\n',
    'Names/Viсtim.md': '# Not the victim\n',
    'Names/Vic\u034Ftim.md': '# Not the victim either\n',
  };
}

/** `Structure/Chain 1.md` embeds `Chain 2`, which embeds `Chain 3`…: a chain deeper than the embed limit. */
function embedChain(length: number): Record<string, string> {
  const chain: Record<string, string> = {};
  for (let index = 1; index < length; index++) chain[`Structure/Chain ${index}.md`] = `# Chain ${index}\n\n![[Chain ${index + 1}]]\n`;
  chain[`Structure/Chain ${length}.md`] = `# Chain ${length}\n\nThe end of the chain.\n`;
  return chain;
}

/** Writes the hostile garden into `content` (default: a fresh temporary folder) and returns its path. */
export function createHostileGarden(content = mkdtempSync(path.join(tmpdir(), 'garden-hostile-'))): string {
  mkdirSync(content, { recursive: true });
  cpSync(hostileFixture, content, { recursive: true });
  for (const [file, text] of Object.entries(generatedNotes())) {
    const absolute = path.join(content, file);
    mkdirSync(path.dirname(absolute), { recursive: true });
    writeFileSync(absolute, text);
  }
  // Symbolic links: to a note inside the garden, to a file and a folder outside it, and an attachment.
  symlinkSync(path.join('..', 'Attacks', 'Raw HTML.md'), path.join(content, 'Structure', 'Linked note.md'));
  symlinkSync('/etc/passwd', path.join(content, 'Structure', 'passwd.md'));
  symlinkSync('/etc', path.join(content, 'Structure', 'Linked folder'));
  symlinkSync('/etc/hostname', path.join(content, 'Structure', 'secret.png'));
  // A template that is a link to a file outside the garden: `garden new` would copy it into a note.
  mkdirSync(path.join(content, 'templates'), { recursive: true });
  symlinkSync('/etc/hostname', path.join(content, 'templates', 'faq.md'));
  return content;
}
