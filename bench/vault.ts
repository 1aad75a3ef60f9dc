/**
 * Generates a garden shaped like a large personal Obsidian vault, deterministically from a seed: what
 * makes such a vault cost more per page than the even `generate.ts` garden.
 *
 * - Large flat folders: three folders of about 2,000 notes each (people, sources, concepts), the
 *   rest in a dozen small ones. Every page in a large folder carries that folder in its explorer.
 * - Dense backlinks: about 12 links per note, most to a few hundred popular notes, so that a popular
 *   note lists hundreds of backlinks, each with its context.
 * - Long alias lists: one note in eight has aliases (up to 15), each a redirect page.
 * - Hub notes: each large folder has an index note listing every note in it (about 2,000 list items,
 *   one link each), and every note of the folder a backlink from it.
 * - Many tags: about one tag per ten notes, a fifth of them nested, up to five per note.
 *
 * The same seed and size always give byte-identical files.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { capitalise, randomText, type GeneratedGarden, type GenerateOptions } from './generate.ts';

const LARGE_FOLDERS = ['People', 'Sources', 'Concepts'];
/** The share of the notes in the large folders. */
const IN_LARGE_FOLDERS = 0.92;

interface VaultNote {
  folder: string;
  title: string;
  aliases: string[];
  headings: string[];
}

export function generateVault(dir: string, options: GenerateOptions): GeneratedGarden {
  const { random, pick, logNormal, sentence, word } = randomText(options.seed ?? 42);
  const smallFolders = Array.from({ length: 12 }, (_, i) => `${capitalise(word())} ${word()} ${i}`);
  const tags = Array.from({ length: Math.max(20, Math.round(options.notes / 10)) }, (_, i) =>
    i % 5 === 0 ? `${word()}/${word()}-${i}` : `${word()}-${i}`,
  );

  const names = new Set<string>();
  const uniqueName = (make: () => string) => {
    let name = make();
    while (names.has(name.toLowerCase())) name = `${make()} ${names.size}`;
    names.add(name.toLowerCase());
    return name;
  };
  const notes: VaultNote[] = [];
  for (let i = 0; i < options.notes; i++) {
    const folder = random() < IN_LARGE_FOLDERS ? pick(LARGE_FOLDERS) : pick(smallFolders);
    const title = uniqueName(() => `${capitalise(word())} ${word()} ${word()}`);
    const aliasCount = random() < 0.12 ? Math.min(15, Math.max(1, Math.round(logNormal(2, 0.9)))) : 0;
    const aliases = Array.from({ length: aliasCount }, () => uniqueName(() => `${capitalise(word())} ${word()}`));
    const headings = Array.from({ length: 1 + Math.floor(random() * 5) }, () => `${capitalise(word())} ${word()}`);
    notes.push({ folder, title, aliases, headings });
  }
  // A few hundred notes take most links, as the people and concepts a vault keeps coming back to.
  const popular = () => notes[Math.floor(random() ** 3 * notes.length)]!;

  rmSync(dir, { recursive: true, force: true });
  let links = 0;
  let bytes = 0;
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    bytes += Buffer.byteLength(text);
  };

  for (const note of notes) {
    const lines = ['---'];
    if (note.aliases.length > 0) lines.push('aliases:', ...note.aliases.map((alias) => `  - ${alias}`));
    const noteTags = [...new Set(Array.from({ length: Math.floor(random() * 6) }, () => pick(tags)))];
    if (noteTags.length > 0) lines.push('tags:', ...noteTags.map((tag) => `  - ${tag}`));
    lines.push(`created: 2024-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`, '---', '');
    const targetSize = Math.min(20_000, Math.max(150, logNormal(900, 0.9)));
    const linkCount = Math.max(2, Math.round(logNormal(10, 0.5)));
    const pending: string[] = [];
    for (let i = 0; i < linkCount; i++) {
      const target = popular();
      const roll = random();
      if (roll < 0.03) pending.push(`[[${capitalise(word())} ${word()} not written yet]]`);
      else if (roll < 0.15 && target.aliases.length > 0) pending.push(`[[${pick(target.aliases)}]]`);
      else if (roll < 0.6) pending.push(`[[${target.title}]]`);
      else if (roll < 0.8) pending.push(`[[${target.title}|${word()} ${word()}]]`);
      else pending.push(`[[${target.title}#${target.headings[0]}]]`);
      links++;
    }
    let size = 0;
    let heading = 0;
    while (size < targetSize || pending.length > 0) {
      let block: string;
      if (size > 0 && heading < note.headings.length && random() < 0.3) block = `## ${note.headings[heading++]}`;
      else if (random() < 0.25) {
        // Vault notes are list-heavy: one linked item after another.
        block = Array.from({ length: 2 + Math.floor(random() * 6) }, () =>
          pending.length > 0 && random() < 0.6 ? `- ${pending.shift()} ${sentence()}` : `- ${sentence()}`,
        ).join('\n');
      } else {
        const sentences = Array.from({ length: 1 + Math.floor(random() * 4) }, sentence);
        const take = Math.min(pending.length, 1 + Math.floor(random() * 3));
        for (let i = 0; i < take; i++) sentences.splice(1 + i, 0, `See ${pending.shift()}.`);
        if (random() < 0.1) sentences.push(`#${pick(tags)}`);
        block = sentences.join(' ');
      }
      lines.push(block, '');
      size += block.length + 2;
    }
    write(path.join(dir, note.folder, `${note.title}.md`), lines.join('\n'));
  }

  // One hub per large folder, listing every note in it: the biggest pages of the vault.
  for (const folder of LARGE_FOLDERS) {
    const members = notes.filter((note) => note.folder === folder);
    const items = members.map((note) => `- [[${note.title}]]: ${sentence()}`);
    links += items.length;
    write(path.join(dir, folder, `${folder} index.md`), `---\ntags: [hub]\n---\n# ${folder} index\n\n${items.join('\n')}\n`);
  }
  const start = LARGE_FOLDERS.map((folder) => `- [[${folder} index]]`).join('\n');
  write(path.join(dir, 'index.md'), `---\ntitle: Vault\n---\n# Vault\n\nA generated vault of ${options.notes} notes.\n\n${start}\n`);
  return { notes: options.notes + LARGE_FOLDERS.length + 1, links, bytes };
}
