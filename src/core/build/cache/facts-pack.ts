import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { NoteFacts } from '../../markdown/facts.ts';

/**
 * The notes' facts (headings, links, tags, …) from the last build, by the hash of each note's
 * bytes, in one file per code version: `<cache>/facts/<code version>.json`. A warm build parses
 * only the notes whose bytes are not in it.
 *
 * One file rather than a file per note: writing 6,500 small files took 1.5 s of a cold build's main
 * thread (a file created, written, renamed and closed each), one file of the same 22 MB takes a
 * tenth of that; reading it back is faster too. The file holds only the notes of the build that
 * wrote it, so it never grows beyond the garden, and other code versions' files are removed.
 */
export class FactsPack {
  private readonly file: string;
  private readonly previous: ReadonlyMap<string, NoteFacts>;
  private readonly current = new Map<string, NoteFacts>();
  private added = 0;

  private constructor(file: string, previous: ReadonlyMap<string, NoteFacts>) {
    this.file = file;
    this.previous = previous;
  }

  /** The pack of this code version in `cacheDir`, empty when there is none or it cannot be read. */
  static load(cacheDir: string, codeVersion: string): FactsPack {
    const file = path.join(cacheDir, 'facts', `${codeVersion}.json`);
    return new FactsPack(file, readPack(file));
  }

  /** The facts of a note with these bytes, if a build parsed them; kept for the next build. */
  get(hash: string): NoteFacts | undefined {
    const facts = this.current.get(hash) ?? this.previous.get(hash);
    if (facts) this.current.set(hash, facts);
    return facts;
  }

  /** Facts just parsed, for the next build. */
  add(hash: string, facts: NoteFacts): void {
    this.current.set(hash, facts);
    this.added++;
  }

  /**
   * Writes the facts of this build's notes, unless they are the previous file's: whole or nothing
   * (written aside, then renamed), so that two builds sharing a cache never read half a file; the
   * last one to finish wins, and the other's notes are parsed again next time. Other code versions'
   * facts, which no build of this code reads, are removed.
   */
  save(): void {
    if (this.added === 0 && this.current.size === this.previous.size) return;
    const folder = path.dirname(this.file);
    mkdirSync(folder, { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(Object.fromEntries(this.current)));
    renameSync(temporary, this.file);
    for (const entry of readdirSync(folder)) {
      const other = path.join(folder, entry);
      if (other !== this.file && !entry.endsWith('.tmp')) rmSync(other, { recursive: true, force: true });
    }
  }
}

function readPack(file: string): ReadonlyMap<string, NoteFacts> {
  if (!existsSync(file)) return new Map();
  try {
    return new Map(Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, NoteFacts>));
  } catch {
    // A pack that cannot be read is a cold cache: every note is parsed, and the pack written again.
    return new Map();
  }
}
