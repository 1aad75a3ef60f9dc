import type { Slug } from '../common/types.ts';
import type { InfluenceWeights } from '../config/influence.ts';
import type { NoteDiscussion } from './note-discussions.ts';

/**
 * How much the community engages with each note, as shares that sum to 1 (like PageRank, so that
 * the two can be blended): a note's activity is
 *   reactions × w.reactions + upvotes × w.upvotes + (comments + replies) × w.comments + participants × w.participants,
 * its signal ln(1 + activity), and its share its signal over the sum of all signals. The logarithm
 * keeps one heated thread from outweighing the rest of the garden. Empty when nobody engaged.
 */
export function communitySignal(byNote: ReadonlyMap<Slug, NoteDiscussion>, weights: InfluenceWeights): Map<Slug, number> {
  const signals = new Map<Slug, number>();
  let total = 0;
  for (const [slug, discussion] of byNote) {
    const activity =
      discussion.reactionCount * weights.reactions +
      discussion.upvotes * weights.upvotes +
      (discussion.comments + discussion.replies) * weights.comments +
      discussion.participants * weights.participants;
    const signal = Math.log1p(activity);
    if (signal <= 0) continue;
    signals.set(slug, signal);
    total += signal;
  }
  for (const [slug, signal] of signals) signals.set(slug, signal / total);
  return signals;
}
