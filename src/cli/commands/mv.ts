import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Garden } from '../../core/build/build.ts';
import type { Environment } from '../../core/config/config.ts';
import { locateInGit } from '../../core/history/git.ts';
import { UnsafeFileOperation } from '../../core/rename/files.ts';
import { asContentPath, type ContentPath } from '../../core/common/types.ts';
import { EXIT, UsageError, type Command } from '../command.ts';
import { Progress } from '../io.ts';
import { displayPath, loadProject } from '../project.ts';

interface MvValues {
  'dry-run'?: boolean;
  content?: string;
}

export const mvCommand: Command<MvValues> = {
  name: 'mv',
  summary: 'rename or move a note, an attachment or a folder, and rewrite every link to it',
  usage: 'garden mv <from> <to> [--dry-run]',
  description: [
    'Moves a note, an attachment or a folder inside the content folder (with `git mv` when git tracks',
    'it), then rewrites every link that pointed at it, in every note: wikilinks (keeping their label,',
    '#heading and #^block, in the shortest form that still leads to it alone), embeds, relative and',
    'root Markdown links (keeping their style: .md or not, %20 or <…>), HTML links, and the links',
    'inside the moved notes that were relative to their old folder. Code, comments and text that is',
    'not a link are never touched. Before anything changes, the garden as it will be is read again:',
    'every link that led somewhere must lead to the same file, or nothing is changed at all.',
    'A destination that exists is never replaced; a folder given as destination receives <from>.',
  ].join('\n'),
  options: {
    'dry-run': { type: 'boolean', short: 'n' },
  },
  help: [{ flag: '-n, --dry-run', text: 'change nothing: print the changes as a unified diff (a patch for `git apply`)' }],
  examples: [
    'npx garden mv content/nomad-life.md content/working-remotely.md',
    'npx garden mv "content/FAQ/Parking.md" content/Office/      # into an existing folder',
    'npx garden mv content/Guides content/Handbook/Guides --dry-run',
  ],

  async run({ values, positionals }, { io, out, err }) {
    if (positionals.length !== 2) throw new UsageError('Give what to move and where: garden mv <from> <to>.');
    const { config } = await loadProject(io, values.content);
    const from = contentPathOf(io.cwd, config.contentDir, positionals[0]!);
    let to = contentPathOf(io.cwd, config.contentDir, positionals[1]!);
    const toFolder =
      positionals[1]!.endsWith('/') ||
      (await fs.lstat(path.join(config.contentDir, to)).then(
        (stat) => stat.isDirectory(),
        () => false,
      ));
    if (toFolder) to = asContentPath(`${to}/${from.slice(from.lastIndexOf('/') + 1)}`);

    const progress = new Progress(err, io.env);
    progress.update('Reading the garden…');
    const { loadGarden } = await import('../../core/build/build.ts');
    const garden = await loadGarden(config, { keepScan: true }).finally(() => progress.stop());

    const kind = kindOf(garden, from);
    if (!kind) {
      const exists = await fs.lstat(path.join(config.contentDir, from)).then(
        () => true,
        () => false,
      );
      throw new UsageError(
        exists
          ? `${positionals[0]} is not part of the garden (a hidden, ignored or template file, or a symbolic link): move it with git mv.`
          : `${positionals[0]} does not exist.`,
      );
    }
    if (kind === 'note' && !/\.md$/i.test(to)) to = asContentPath(`${to}.md`);
    if (kind === 'attachment' && /\.md$/i.test(to))
      throw new UsageError(`${positionals[1]}: an attachment cannot become a note (.md); keep its extension.`);
    if (to === from) throw new UsageError(`${positionals[0]} is already there.`);
    if (kind === 'folder' && to.startsWith(`${from}/`)) throw new UsageError(`A folder cannot move into itself (${to}).`);
    const hidden = to.split('/').find((segment) => segment.startsWith('.') || segment === 'node_modules');
    const ignored = config.ignoredPaths.find((ignoredPath) => to === ignoredPath || to.startsWith(`${ignoredPath}/`));
    if (hidden !== undefined || ignored !== undefined) {
      throw new UsageError(
        `${positionals[1]} is ${ignored !== undefined ? 'in the templates or an ignored folder' : 'hidden'}: notes there are not part of the garden, so links to them would break.`,
      );
    }

    // Loaded here, not at the top: `--help` and the other commands need none of the pipeline.
    const { movesFor, planMove } = await import('../../core/rename/plan.ts');
    const { carryOut, listChanges, planPatch, refuseUnsafePlan } = await import('../rename-report.ts');
    const moves = movesFor(garden, from, to);
    const existing = new Set<string>([...garden.index.notes.map((note) => note.path), ...garden.index.resolver.attachmentPaths()]);
    const taken = [...moves.values()].find((target) => existing.has(target) && !moves.has(target));
    if (taken) {
      err.line(
        `${err.paint('red', 'Not moved:')} ${displayPath(io, path.join(config.contentDir, taken))} already exists; a move never replaces a file.`,
      );
      return EXIT.problems;
    }
    progress.update('Planning the links…');
    const plan = await planMove(garden, moves).finally(() => progress.stop());

    const git = await locateInGit(config.contentDir, config.gitEnv);
    const refusal = refuseUnsafePlan(garden, plan, err, 'errors-and-warnings');
    if (refusal !== undefined) return refusal;
    const links = plan.rewritten.reduce((sum, file) => sum + file.changes.length, 0);
    const rewrote = `${links} link${links === 1 ? '' : 's'} in ${plan.rewritten.length} note${plan.rewritten.length === 1 ? '' : 's'}`;
    if (values['dry-run']) {
      out.line(planPatch(plan, io, config.contentDir, git).trimEnd());
      err.line(
        `Dry run: moving ${from} to ${to}${moves.size > 1 ? ` (${moves.size} files)` : ''} would rewrite ${rewrote}. Nothing was changed.`,
      );
      return EXIT.ok;
    }
    let how: Awaited<ReturnType<typeof carryOut>>;
    try {
      how = await carryOut(config.contentDir, plan, { from, to, git, gitEnv: config.gitEnv });
    } catch (error) {
      if (error instanceof UnsafeFileOperation) {
        err.line(`${err.paint('red', 'Not moved:')} ${error.message}`);
        return EXIT.problems;
      }
      throw error;
    }
    listChanges(plan, out);
    err.line(
      `${err.paint('green', '✓')} Moved ${from} to ${to}${moves.size > 1 ? ` (${moves.size} files)` : ''}${how === 'git' ? ' with git' : ''}; rewrote ${rewrote}.`,
    );
    const unseen = how === 'git' ? await renamesGitWillMiss(config.contentDir, moves, config.gitEnv) : [];
    if (unseen.length > 0) {
      // Old addresses redirect from git's rename history: a short note whose own links changed may
      // differ too much from its old text for git to call it a rename.
      err.line(
        err.paint(
          'yellow',
          `git will not see ${unseen.length === 1 ? `${unseen[0]} as renamed` : `${unseen.length} of the moved notes as renamed (${unseen.join(', ')})`}: `,
        ) +
          'the rewritten links changed too much of it. Commit the move first, on its own (`git commit -m "Move …"` before `git add` of the link changes), and merge without squashing, so that its old address keeps redirecting.',
      );
    }
    err.line(
      `Next: ${err.paint('cyan', git ? 'git diff' : 'npx garden check')} to review, then commit${unseen.length > 0 ? '' : ' the move and the link changes together'}.`,
    );
    return EXIT.ok;
  },
};

/** A path typed on the command line, as a content path; it may not exist yet. */
function contentPathOf(cwd: string, contentDir: string, given: string): ContentPath {
  const relative = path.relative(contentDir, path.resolve(cwd, given));
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new UsageError(`${given} is not inside the content folder ${path.relative(cwd, contentDir) || '.'}.`);
  }
  return asContentPath(relative.split(path.sep).join('/').normalize('NFC'));
}

/** The moved notes that git, comparing the last commit with the working tree, does not pair as renames. */
async function renamesGitWillMiss(
  contentDir: string,
  moves: ReadonlyMap<ContentPath, ContentPath>,
  gitEnv: Environment,
): Promise<ContentPath[]> {
  const { gitRenamesSince } = await import('../../core/diff/base.ts');
  const seen = await gitRenamesSince(contentDir, 'HEAD', gitEnv).catch(() => undefined);
  if (!seen) return [];
  return [...moves].filter(([from, to]) => /\.md$/i.test(from) && seen.get(from) !== to).map(([from]) => from);
}

function kindOf(garden: Garden, from: ContentPath): 'note' | 'attachment' | 'folder' | undefined {
  if (garden.index.byPath.has(from)) return 'note';
  const attachments = garden.index.resolver.attachmentPaths();
  if (attachments.includes(from)) return 'attachment';
  const inside = (file: string) => file.startsWith(`${from}/`);
  if (garden.index.notes.some((note) => inside(note.path)) || attachments.some(inside)) return 'folder';
  return undefined;
}
