import type { Slug } from '../common/types.ts';

/** Influence that listens to the community as well as to the links (docs/comments.md, "Influence"). */
export interface BlendedInfluence {
  /** The community's share of each note (they sum to 1, or are all 0 when nobody engaged). */
  community: Map<Slug, number>;
  /** (1 − share) × rank + share × community; the link rank alone when nobody engaged. */
  blend: Map<Slug, number>;
  /** 1 for the note with the highest blend, then 2, …; ties by slug. */
  order: Map<Slug, number>;
}

/**
 * Blends link influence (`ranks`, PageRank) with the community's shares: `share` is
 * `influence.community` (0: links only; 1: the community only). Both sum to 1 over the garden, so
 * the blend does too. Without any community signal the blend is the rank, so nothing moves.
 */
export function blendInfluence(ranks: ReadonlyMap<Slug, number>, community: ReadonlyMap<Slug, number>, share: number): BlendedInfluence {
  const weight = community.size > 0 ? share : 0;
  const blend = new Map<Slug, number>();
  const shares = new Map<Slug, number>();
  for (const [slug, rank] of ranks) {
    const part = community.get(slug) ?? 0;
    shares.set(slug, part);
    blend.set(slug, (1 - weight) * rank + weight * part);
  }
  const ordered = [...blend].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return { community: shares, blend, order: new Map(ordered.map(([slug], i) => [slug, i + 1])) };
}
