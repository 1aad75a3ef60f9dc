import { z } from 'zod';

/**
 * The `influence` option: how the community's signal (reactions, upvotes, comments, participants of
 * each note's discussion) is blended with the link graph's PageRank. The formula is documented in
 * docs/comments.md ("Influence: links and the community"); `graph.json` keeps both parts apart.
 */

const weight = (field: string, example: number) =>
  z
    .number({ error: `\`influence.${field}\` must be a number of at least 0, e.g. ${example}.` })
    .min(0, { error: `\`influence.${field}\` must be at least 0 (0 leaves it out of the community signal).` })
    .max(1000, { error: `\`influence.${field}\` must be at most 1000.` })
    .default(example);

export const influenceSchema = z
  .object({
    community: z
      .number({ error: '`influence.community` must be a number between 0 and 1, e.g. 0.3.' })
      .min(0, { error: '`influence.community` must be between 0 (links only) and 1 (the community only), e.g. 0.3.' })
      .max(1, { error: '`influence.community` must be between 0 (links only) and 1 (the community only), e.g. 0.3.' })
      .default(0.3),
    reactions: weight('reactions', 1),
    upvotes: weight('upvotes', 2),
    comments: weight('comments', 1),
    participants: weight('participants', 2),
  })
  .strict();

/** The blend's share of the community and the weight of each kind of activity in the community signal. */
export type InfluenceWeights = z.output<typeof influenceSchema>;
