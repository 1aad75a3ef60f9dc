import type { Diagnostic, SourcePoint } from '../common/diagnostics.ts';
import { runGit } from '../history/git.ts';
import type { GardenHistory } from '../history/history.ts';
import type { GardenIndex, IndexedNote } from './types.ts';
import type { ContentPath } from '../common/types.ts';
import type { Environment } from '../config/config.ts';

/**
 * A note's stable `id` carries its discussion thread (and its identity in `graph.json`). When two
 * published notes claim the same id, the thread must stay with the note that had the id first;
 * otherwise a new note could take an old note's discussion just by copying its id, and the error
 * would ask the old note's owner to change it.
 *
 * "First" is the earliest commit that gave each note that id: `git log -S<id> --follow` on the
 * note's file (renames followed), oldest commit. A note whose id is not committed yet comes after
 * every committed one. Without git history (a plain folder), the note first in path order keeps the
 * id, and the message says that this is the rule that applied. Git is asked only about ids that are
 * claimed more than once, which a healthy garden has none of.
 */

export interface IdClaim {
  /** The commit that first gave this note the id, or `undefined` when it is not committed. */
  since?: { commit: string; date: string } | undefined;
}

export interface IdOwnership {
  /** For every id that more than one published note claims: the note that keeps it. */
  owners: Map<string, ContentPath>;
  diagnostics: Diagnostic[];
}

/** At most this many notes are looked up in git (one `git log` each); the rest count as not committed. */
const MAX_GIT_LOOKUPS = 100;

export async function decideIdOwners(
  index: GardenIndex,
  history: GardenHistory | undefined,
  contentDir: string,
  env: Environment,
): Promise<IdOwnership> {
  const claims = new Map<string, IndexedNote[]>();
  for (const note of index.bySlug.values()) {
    const id = note.frontmatter.id;
    if (id === undefined) continue;
    const list = claims.get(id);
    if (list) list.push(note);
    else claims.set(id, [note]);
  }
  const owners = new Map<string, ContentPath>();
  const diagnostics: Diagnostic[] = [];
  let lookups = 0;
  for (const [id, notes] of claims) {
    if (notes.length < 2) continue;
    const dated = await Promise.all(
      notes.map(async (note) => ({
        note,
        since: history && lookups++ < MAX_GIT_LOOKUPS ? await firstCommitWithId(contentDir, note.path, id, env) : undefined,
      })),
    );
    // Earliest commit first; a note not committed after every committed one; then path order.
    dated.sort(
      (a, b) =>
        (a.since && b.since ? a.since.date.localeCompare(b.since.date) : a.since ? -1 : b.since ? 1 : 0) ||
        (a.note.path < b.note.path ? -1 : 1),
    );
    const [owner, ...others] = dated;
    owners.set(id, owner!.note.path);
    for (const other of others) diagnostics.push(duplicateIdError(id, owner!, other, history !== undefined, other.note.keyPositions.id));
  }
  return { owners, diagnostics };
}

async function firstCommitWithId(contentDir: string, path: ContentPath, id: string, env: Environment): Promise<IdClaim['since']> {
  // `-S` finds the commits that changed how often the id occurs in the file; the oldest added it.
  const output = await runGit(['log', '--format=%H%x00%cI', `-S${id}`, '--follow', '--', path], contentDir, env).catch(() => undefined);
  const oldest = output?.toString('utf8').trim().split('\n').filter(Boolean).at(-1);
  if (!oldest) return undefined;
  const [commit = '', date = ''] = oldest.split('\0');
  return { commit, date };
}

function duplicateIdError(
  id: string,
  owner: { note: IndexedNote; since?: IdClaim['since'] },
  other: { note: IndexedNote; since?: IdClaim['since'] },
  withHistory: boolean,
  at: SourcePoint | undefined,
): Diagnostic {
  const when = (since: IdClaim['since']) =>
    since ? `since commit ${since.commit.slice(0, 7)} (${since.date.slice(0, 10)})` : 'in no commit yet';
  const rule = withHistory
    ? `${owner.note.path} has had it ${when(owner.since)}, this note ${when(other.since)}: the note that had the id first keeps it`
    : 'the content folder has no git history, so the note first in path order keeps it';
  return {
    file: other.note.path,
    ...(at ? { at } : {}),
    severity: 'error',
    rule: 'duplicate-id',
    message: `The id \`${id}\` belongs to ${owner.note.path} (${rule}), with its discussion thread; this note shows its own thread, by address, until it has an id of its own.`,
    hint: 'Give this note a new id (`npx garden new` makes one: copy it from a new note), or remove the `id` line. Never change the id of the note that had it first.',
  };
}
