import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { NoteFacts } from '../../markdown/facts.ts';

/**
 * Facts added since the pack was last written, kept in small files beside it until there are this
 * many: a build that parsed a few notes writes only those, not the whole pack again.
 */
export const MAX_ADDED_BESIDE = 2_000;

/**
 * The notes' facts (headings, links, tags, …) from earlier builds, by the hash of each note's
 * bytes: a warm build parses only the notes whose bytes are not in it. Stored per code version in
 * `<cache>/facts/`: a pack, `<code version>.json`, and beside it the facts added since it was
 * written, one small file per build (`<code version>.added-<random>.json`).
 *
 * A pack rather than a file per note: writing 6,500 small files took 1.5 s of a cold build's main
 * thread, one file of the same 22 MB a tenth of that. Rewriting the pack takes most of a second,
 * so a build that parsed only a few notes adds a small file instead; when those hold
 * `MAX_ADDED_BESIDE` facts, the next build writes a new pack with only its own notes' facts, so the
 * cache never grows far beyond the garden. Other code versions' files are removed then.
 */
export class FactsPack {
  private readonly pack: string;
  private readonly maxAddedBeside: number;
  private readonly loaded: {
    previous: ReadonlyMap<string, NoteFacts>;
    /** Whether the pack was there and could be read: else the next save writes one. */
    packRead: boolean;
    addedFiles: readonly string[];
    addedBeside: number;
  };
  private readonly current = new Map<string, NoteFacts>();
  private readonly added = new Map<string, NoteFacts>();

  private constructor(pack: string, loaded: FactsPack['loaded'], maxAddedBeside: number) {
    this.pack = pack;
    this.loaded = loaded;
    this.maxAddedBeside = maxAddedBeside;
  }

  /** The facts of this code version in `cacheDir`; none when there are none or they cannot be read. */
  static load(cacheDir: string, codeVersion: string, maxAddedBeside = MAX_ADDED_BESIDE): FactsPack {
    const pack = path.join(cacheDir, 'facts', `${codeVersion}.json`);
    const packed = readFacts(pack);
    const previous = new Map(packed);
    const addedFiles = addedFilesOf(pack);
    let addedBeside = 0;
    for (const file of addedFiles) {
      for (const [hash, facts] of readFacts(file) ?? []) {
        previous.set(hash, facts);
        addedBeside++;
      }
    }
    return new FactsPack(pack, { previous, packRead: packed !== undefined, addedFiles, addedBeside }, maxAddedBeside);
  }

  /** The facts of a note with these bytes, if a build parsed them. */
  get(hash: string): NoteFacts | undefined {
    const facts = this.current.get(hash) ?? this.loaded.previous.get(hash);
    if (facts) this.current.set(hash, facts);
    return facts;
  }

  /** Facts just parsed, for the next build. */
  add(hash: string, facts: NoteFacts): void {
    this.current.set(hash, facts);
    this.added.set(hash, facts);
  }

  /**
   * Keeps what this build parsed for the next one: beside the pack while that stays small, else in
   * a new pack of this build's notes. Each file is written whole or not at all (aside, then
   * renamed), so two builds sharing a cache never read half of one; facts one of them loses are
   * parsed again next time.
   */
  save(): void {
    const folder = path.dirname(this.pack);
    mkdirSync(folder, { recursive: true });
    const { packRead, addedFiles, addedBeside } = this.loaded;
    if (packRead && addedBeside + this.added.size <= this.maxAddedBeside) {
      if (this.added.size > 0) writeWhole(this.pack.replace(/\.json$/, `.added-${randomBytes(6).toString('hex')}.json`), this.added);
      return;
    }
    writeWhole(this.pack, this.current);
    // Merged into the pack just written; files another build adds meanwhile are kept.
    for (const file of addedFiles) rmSync(file, { force: true });
    const version = path.basename(this.pack, '.json');
    for (const entry of readdirSync(folder)) {
      if (!entry.startsWith(`${version}.`) && !entry.endsWith('.tmp')) rmSync(path.join(folder, entry), { recursive: true, force: true });
    }
  }
}

function addedFilesOf(pack: string): string[] {
  const folder = path.dirname(pack);
  const prefix = `${path.basename(pack, '.json')}.added-`;
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((entry) => entry.startsWith(prefix) && entry.endsWith('.json'))
    .map((entry) => path.join(folder, entry));
}

/** The facts in a file; `undefined` when there is no such file or it cannot be read (its notes are parsed again). */
function readFacts(file: string): [string, NoteFacts][] | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, NoteFacts>);
  } catch {
    return undefined;
  }
}

function writeWhole(file: string, facts: ReadonlyMap<string, NoteFacts>): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(Object.fromEntries(facts)));
  renameSync(temporary, file);
}
