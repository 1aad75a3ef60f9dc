import { z } from 'zod';
import type { CommentFacts, Discussion } from './discussion.ts';
import { endsWithQuestion } from './question.ts';

/**
 * The GraphQL query that reads one page of the threads' category, and the reading of its answer.
 * Sizes keep a page far below GitHub's node limit (500,000) and cheap in rate-limit points:
 * 25 discussions × (their last 50 comments × the last 20 replies of each).
 */
export const DISCUSSION_LIMITS = { perPage: 25, comments: 50, replies: 20 } as const;

/** Only the last comment's `body` is asked for: to tell whether it ends with a question, then dropped. */
export const DISCUSSIONS_QUERY = `query GardenDiscussions($owner: String!, $name: String!, $categoryId: ID!, $after: String) {
  repository(owner: $owner, name: $name) {
    discussions(first: ${DISCUSSION_LIMITS.perPage}, after: $after, categoryId: $categoryId, orderBy: { field: UPDATED_AT, direction: DESC }) {
      pageInfo { hasNextPage endCursor }
      nodes {
        title
        url
        createdAt
        upvoteCount
        isAnswered
        category { isAnswerable }
        reactionGroups { content reactors { totalCount } }
        firstComment: comments(first: 1) { nodes { author { login } createdAt } }
        lastComment: comments(last: 1) { nodes { author { login } createdAt body replies { totalCount } } }
        comments(last: ${DISCUSSION_LIMITS.comments}) {
          totalCount
          nodes {
            author { login }
            createdAt
            replies(last: ${DISCUSSION_LIMITS.replies}) { totalCount nodes { author { login } createdAt } }
          }
        }
      }
    }
  }
}`;

const author = z.object({ login: z.string() }).nullable();
const commentStamp = z.object({ author, createdAt: z.string() });

const discussionNode = z.object({
  title: z.string(),
  url: z.string().regex(/^https?:\/\//),
  createdAt: z.string(),
  upvoteCount: z.number().int().nonnegative(),
  isAnswered: z.boolean().nullable().optional(),
  category: z.object({ isAnswerable: z.boolean() }),
  reactionGroups: z.array(z.object({ content: z.string(), reactors: z.object({ totalCount: z.number().int().nonnegative() }) })).nullable(),
  firstComment: z.object({ nodes: z.array(commentStamp) }),
  lastComment: z.object({
    nodes: z.array(commentStamp.extend({ body: z.string(), replies: z.object({ totalCount: z.number().int().nonnegative() }) })),
  }),
  comments: z.object({
    totalCount: z.number().int().nonnegative(),
    nodes: z.array(
      commentStamp.extend({ replies: z.object({ totalCount: z.number().int().nonnegative(), nodes: z.array(commentStamp) }) }),
    ),
  }),
});

const pageAnswer = z.object({
  data: z.object({
    repository: z
      .object({
        discussions: z.object({
          pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }),
          nodes: z.array(discussionNode.nullable()),
        }),
      })
      .nullable(),
  }),
});

export interface DiscussionPage {
  discussions: Discussion[];
  /** The cursor of the next page; `undefined` on the last one. */
  next: string | undefined;
}

/** Why the discussions could not be read (unreachable, refused, rate-limited, an unexpected answer); the message says which. */
export class DiscussionsReadError extends Error {
  override name = 'DiscussionsReadError';
}

/**
 * One page of discussions from the API's JSON answer. GraphQL reports problems (a rate limit, a
 * repository the token cannot see, a wrong category id) as `errors` with status 200: those throw.
 */
export function readDiscussionPage(answer: unknown, repo: string): DiscussionPage {
  const errors = (answer as { errors?: { type?: string; message?: string }[] } | null)?.errors;
  if (Array.isArray(errors) && errors.length > 0) {
    const first = errors[0]!;
    const rateLimited = errors.some((error) => error.type === 'RATE_LIMITED');
    throw new DiscussionsReadError(
      rateLimited ? `rate limit reached (${first.message ?? 'RATE_LIMITED'})` : `GitHub answered: ${first.message ?? first.type}`,
    );
  }
  const parsed = pageAnswer.safeParse(answer);
  if (!parsed.success)
    throw new DiscussionsReadError(`unexpected answer from the API (${parsed.error.issues[0]?.message ?? 'wrong shape'})`);
  const { repository } = parsed.data.data;
  if (!repository) throw new DiscussionsReadError(`the repository ${repo} was not found, or the token cannot read it`);
  const { pageInfo, nodes } = repository.discussions;
  return {
    discussions: nodes.flatMap((node) => (node ? [discussionOf(node)] : [])),
    next: pageInfo.hasNextPage && pageInfo.endCursor ? pageInfo.endCursor : undefined,
  };
}

type DiscussionNode = z.output<typeof discussionNode>;

/** The facts of one discussion: the last comment's body is read here for its question mark, and goes no further. */
function discussionOf(node: DiscussionNode): Discussion {
  const people = new Set<string>();
  let lastCommentAt: string | undefined;
  let replies = 0;
  for (const comment of node.comments.nodes) {
    replies += comment.replies.totalCount;
    for (const stamp of [comment, ...comment.replies.nodes]) {
      if (stamp.author) people.add(stamp.author.login);
      if (lastCommentAt === undefined || later(stamp.createdAt, lastCommentAt)) lastCommentAt = stamp.createdAt;
    }
  }
  const reactions: Record<string, number> = {};
  for (const group of node.reactionGroups ?? []) if (group.reactors.totalCount > 0) reactions[group.content] = group.reactors.totalCount;
  const first = node.firstComment.nodes[0];
  const last = node.lastComment.nodes[0];
  return {
    title: node.title,
    url: node.url,
    createdAt: node.createdAt,
    comments: node.comments.totalCount,
    replies,
    reactions,
    upvotes: node.upvoteCount,
    participants: people.size,
    lastCommentAt,
    lastActivityAt: lastCommentAt !== undefined && later(lastCommentAt, node.createdAt) ? lastCommentAt : node.createdAt,
    answerable: node.category.isAnswerable,
    answered: node.isAnswered === true,
    firstComment: first && stampOf(first),
    lastComment: last && { ...stampOf(last), endsWithQuestion: endsWithQuestion(last.body), replies: last.replies.totalCount },
  };
}

function stampOf(comment: { author: { login: string } | null; createdAt: string }): CommentFacts {
  // GitHub shows a deleted account as "ghost".
  return { author: comment.author?.login ?? 'ghost', at: comment.createdAt };
}

function later(a: string, b: string): boolean {
  return Date.parse(a) > Date.parse(b);
}
