import type { CommentsConfig } from '../config/comments.ts';
import type { CommentThreadPlan } from './threads.ts';

const SHOWN_NOTES = 15;

/**
 * The build's lines about comments. Without configuration: one line saying how to turn them on
 * (not an error: a garden without comments is a valid garden). With it: where the threads live and
 * which notes would lose their thread on a rename because they have no `id`.
 */
export function formatCommentsReport(config: CommentsConfig | undefined, plan: CommentThreadPlan | undefined, verbose = false): string[] {
  if (!config || !plan) {
    return [
      'comments: off. To give every note a discussion thread (giscus, on GitHub Discussions), add ' +
        '`comments: { repo, repoId, category, categoryId }` to garden() in astro.config.mjs (docs/comments.md).',
    ];
  }
  const opted = plan.optedOut.length;
  const lines = [
    `comments: giscus threads in ${config.repo}, category "${config.category}", via ${config.host}: ` +
      `${plan.threads.size} notes${opted ? `, ${opted} with \`comments: false\`` : ''}.`,
  ];
  if (plan.withoutId.length > 0) {
    const count = plan.withoutId.length;
    lines.push(
      `comments: ${count} ${count === 1 ? 'note has' : 'notes have'} no \`id\`, so ${count === 1 ? 'its thread follows its' : 'their thread follows their'} ` +
        'address and is lost on a rename or move. Give each a unique `id` in its frontmatter (letters, digits, `._:-`; never changed afterwards):',
      ...listed(plan.withoutId, verbose),
    );
  }
  if (plan.duplicateId.length > 0) {
    lines.push(
      "comments: these notes reuse another note's `id`; each shows the thread of its address until it gets an id of its own:",
      ...listed(
        plan.duplicateId.map(({ path, id, holder }) => `${path} (\`${id}\` belongs to ${holder})`),
        verbose,
      ),
    );
  }
  return lines;
}

function listed(items: readonly string[], verbose: boolean): string[] {
  const shown = verbose ? items : items.slice(0, SHOWN_NOTES);
  const lines = shown.map((item) => `  ${item}`);
  if (shown.length < items.length) lines.push(`  … and ${items.length - shown.length} more (set GARDEN_VERBOSE=1 to list them all).`);
  return lines;
}
