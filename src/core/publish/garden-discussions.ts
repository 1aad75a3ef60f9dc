import type { Garden } from '../build/build.ts';
import { communitySignal } from '../comments/community-signal.ts';
import { noteDiscussions, type NoteDiscussion } from '../comments/note-discussions.ts';
import type { DiscussionsRead } from '../comments/read-discussions.ts';
import { commentThreadPlan } from '../comments/threads.ts';
import type { Slug } from '../common/types.ts';
import { blendInfluence, type BlendedInfluence } from '../graph/blended-influence.ts';
import { gardenGraph } from '../graph/garden-graph.ts';

/** A garden's notes with their discussions, and the influence that blends links with the community. */
export interface GardenDiscussions {
  readonly read: DiscussionsRead;
  readonly byNote: ReadonlyMap<Slug, NoteDiscussion>;
  readonly influence: BlendedInfluence;
}

const computed = new WeakMap<Garden, WeakMap<DiscussionsRead, GardenDiscussions>>();

/** Computed once per garden and read (the dev server's garden changes with every edit; the read does not). */
export function gardenDiscussions(garden: Garden, read: DiscussionsRead): GardenDiscussions {
  let byRead = computed.get(garden);
  if (!byRead) computed.set(garden, (byRead = new WeakMap()));
  let result = byRead.get(read);
  if (!result) {
    const byNote = noteDiscussions(read.snapshot, commentThreadPlan(garden)?.threads);
    const { influence } = garden.config;
    const community = communitySignal(byNote, influence);
    result = { read, byNote, influence: blendInfluence(gardenGraph(garden.index).ranks, community, influence.community) };
    byRead.set(read, result);
  }
  return result;
}
