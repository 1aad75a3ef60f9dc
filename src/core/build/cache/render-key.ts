import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { GardenIndex, IndexedNote } from '../../index/types.ts';
import type { Resolution } from '../../links/resolver.ts';
import type { ContentPath } from '../../common/types.ts';

const projectRoot = path.resolve(import.meta.dirname, '..', '..', '..', '..');

/**
 * A hash of the code that turns a note into HTML (the pipeline, the garden core, the locked
 * dependency versions): a cached render, or graph file, is only reused by the very same code.
 */
export function renderCodeVersion(): string {
  codeVersion ??= hashCode();
  return codeVersion;
}

/** Computed once per process: it reads every source file of the core (the render cache and the graph file cache both ask). */
let codeVersion: string | undefined;

function hashCode(): string {
  const hash = createHash('sha256');
  for (const dir of ['plugins', path.join('src', 'core')]) {
    const files = (readdirSync(path.join(projectRoot, dir), { recursive: true }) as string[]).filter((file) => file.endsWith('.ts')).sort();
    for (const file of files) hash.update(file).update(readFileSync(path.join(projectRoot, dir, file)));
  }
  hash.update(readFileSync(path.join(projectRoot, 'package-lock.json')));
  return hash.digest('hex').slice(0, 16);
}

/**
 * Everything a note's HTML depends on, hashed: its own bytes, which of its `#tags` count, and, for each of its links, what the
 * link resolved to (kind, target, published, anchor); for each note it embeds, the same again, and
 * the embedded note's title. When none of it changed, the HTML cannot have changed either.
 */
export function renderKey(index: GardenIndex, note: IndexedNote, salt: string): string {
  const hash = createHash('sha256').update(salt);
  const visited = new Set<ContentPath>();
  const visit = (current: IndexedNote) => {
    if (visited.has(current.path)) return;
    visited.add(current.path);
    hash.update('\0note\0').update(current.path).update('\0').update(current.hash).update('\0').update(current.title);
    // Which of its `#tags` are links depends on the `tags.inline` option and on other notes' tags.
    hash.update('\0tags\0').update(current.inlineTags.join('\0'));
    for (const link of index.outgoing.get(current.path) ?? []) {
      hash.update('\0').update(summarize(index, link.resolution));
      if (link.embed && link.resolution.kind === 'note') {
        const target = index.byPath.get(link.resolution.path);
        if (target) visit(target);
      }
    }
  };
  visit(note);
  return hash.digest('hex').slice(0, 32);
}

function summarize(index: GardenIndex, resolution: Resolution): string {
  switch (resolution.kind) {
    case 'note': {
      const target = index.byPath.get(resolution.path);
      const anchor = resolution.anchor ? (resolution.anchor.found ? `#${resolution.anchor.id}` : `?${resolution.anchor.wanted}`) : '';
      return `note|${resolution.path}|${target?.published ? 'published' : 'hidden'}|${anchor}`;
    }
    case 'self':
      return `self|${resolution.anchor.found ? resolution.anchor.id : `?${resolution.anchor.wanted}`}`;
    case 'attachment':
      return `attachment|${resolution.path}|${index.attachmentsUsed.has(resolution.path) ? 'published' : 'refused'}`;
    case 'site':
      return `site|${resolution.url}`;
    case 'missing':
      return `missing|${resolution.reason}`;
    default:
      return resolution.kind;
  }
}

/** The notes a note embeds, directly or through the notes it embeds (what a worker must parse). */
export function embeddedNotes(index: GardenIndex, note: IndexedNote): IndexedNote[] {
  const found = new Map<ContentPath, IndexedNote>();
  const visit = (current: IndexedNote) => {
    for (const link of index.outgoing.get(current.path) ?? []) {
      if (!link.embed || link.resolution.kind !== 'note' || found.has(link.resolution.path)) continue;
      const target = index.byPath.get(link.resolution.path);
      if (!target || target === note) continue;
      found.set(target.path, target);
      visit(target);
    }
  };
  visit(note);
  return [...found.values()];
}
