import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Environment } from '../../core/config/config.ts';
import { runGit } from '../../core/history/git.ts';
import { builtInTemplate, fileNameForTitle, fillTemplate, localDate, newNoteId, type NoteType } from '../../core/new-note/new-note.ts';
import { NOTE_TYPES } from '../../core/scan/schema.ts';
import { slugForNotePath } from '../../core/links/slug.ts';
import { asContentPath } from '../../core/common/types.ts';
import { EXIT, UsageError, type Command } from '../command.ts';
import { assertNoSymlinkBelow, createFileNoFollow, isBelow, readTextNoFollow, SymlinkError } from '../no-follow.ts';
import { displayPath, loadProject } from '../project.ts';

interface NewValues {
  type?: string;
  folder?: string;
  owner?: string;
  tag?: string[];
  content?: string;
}

export const newCommand: Command<NewValues> = {
  name: 'new',
  summary: 'create a note from a template, with a fresh id',
  usage: 'garden new "Title" [--type faq|idea|insight|howto|decision] [--folder <folder>] [--owner <name>] [--tag <tag>…]',
  description: [
    'Creates a note in the content folder from the template for its type (in the templates folder,',
    "e.g. content/templates/faq.md), with its title, a fresh stable id, its owner, today's date and",
    "its tags filled in, and prints the new file's path. It never overwrites a file.",
  ].join('\n'),
  options: {
    type: { type: 'string', short: 't' },
    folder: { type: 'string', short: 'f' },
    owner: { type: 'string' },
    tag: { type: 'string', multiple: true },
  },
  help: [
    { flag: '-t, --type <type>', text: `the kind of note: ${NOTE_TYPES.join(', ')} (default: a plain note)` },
    { flag: '-f, --folder <folder>', text: 'the folder inside the content folder, created if needed (default: the top)' },
    { flag: '--owner <name>', text: 'who keeps the note up to date (default: git config user.name)' },
    { flag: '--tag <tag>', text: "a tag to add to the template's tags; repeat it for more" },
  ],
  examples: [
    'npx garden new "How do I book a meeting room"  --type faq --folder FAQ',
    'npx garden new "Use Postgres for the billing service" --type decision --folder Decisions',
    'npx garden new "Onboarding checklist" --type howto --tag onboarding --owner "Ada Lovelace"',
  ],

  async run({ values, positionals }, { io, out, err }) {
    if (positionals.length === 0) throw new UsageError('Give the new note\'s title, e.g. garden new "How we run retros".');
    if (positionals.length > 1) {
      throw new UsageError(`Give the title as one argument, in quotes: garden new "${positionals.join(' ')}".`);
    }
    const title = positionals[0]!.trim();
    const fileName = fileNameForTitle(title);
    if (!fileName) throw new UsageError('The title has no letters or digits to name the file after.');
    const type = parseType(values.type);
    const project = await loadProject(io, values.content);
    const { config } = project;

    const folder = await resolveFolder(config.contentDir, values.folder ?? '', config.ignoredPaths);
    const contentPath = asContentPath(folder ? `${folder}/${fileName}` : fileName);
    const absolute = path.join(config.contentDir, ...contentPath.split('/'));
    try {
      return await createNote();
    } catch (error) {
      if (!(error instanceof SymlinkError)) throw error;
      err.line(
        `${err.paint('red', 'Not created:')} ${displayPath(io, error.link)} is a symbolic link, which \`garden new\` never follows: it could lead outside the content folder. Replace it with a real folder or file.`,
      );
      return EXIT.problems;
    }

    async function createNote(): Promise<number> {
      await assertNoSymlinkBelow(config.contentDir, path.dirname(absolute));
      const clash = await noteWithSameAddress(path.dirname(absolute), contentPath);
      if (clash === fileName) {
        err.line(
          `${err.paint('red', 'Not created:')} ${displayPath(io, absolute)} already exists. Choose another title, or edit that note.`,
        );
        return EXIT.problems;
      }
      if (clash) {
        err.line(
          `${err.paint('red', 'Not created:')} ${displayPath(io, path.join(path.dirname(absolute), clash))} already has the address ` +
            `/${slugForNotePath(contentPath)}/. Choose another title, or edit that note.`,
        );
        return EXIT.problems;
      }

      const templateName = `${type ?? 'note'}.md`;
      const templatePath = path.join(config.templatesDir, templateName);
      // The templates folder is inside the content folder (by default): trusted only from there down.
      const templatesBase = isBelow(config.contentDir, config.templatesDir) ? config.contentDir : config.templatesDir;
      const template = await readTextNoFollow(templatesBase, templatePath);
      if (template === undefined) {
        err.line(err.paint('yellow', `No template ${displayPath(io, templatePath)}: using a minimal one.`));
      }
      const owner = values.owner?.trim() || (await gitUserName(config.contentDir, config.gitEnv));
      const id = newNoteId();
      let text: string;
      try {
        text = fillTemplate(template ?? builtInTemplate(type), {
          title,
          id,
          ...(type ? { type } : {}),
          ...(owner ? { owner } : {}),
          created: localDate(io.now()),
          tags: values.tag ?? [],
        });
      } catch (error) {
        throw new UsageError(`${displayPath(io, templatePath)}: ${error instanceof Error ? error.message : String(error)}`);
      }

      // Created only if nothing is there, atomically, through no symbolic link: nothing is ever overwritten.
      if (!(await createFileNoFollow(config.contentDir, absolute, text))) {
        err.line(
          `${err.paint('red', 'Not created:')} ${displayPath(io, absolute)} already exists. Choose another title, or edit that note.`,
        );
        return EXIT.problems;
      }

      out.line(displayPath(io, absolute));
      err.line(
        `${err.paint('green', '✓')} Created a ${type ?? 'plain'} note with id ${err.paint('bold', id)}` +
          `${owner ? `, owned by ${owner}` : ''}${template === undefined ? '' : ` (template ${displayPath(io, templatePath)})`}.`,
      );
      if (!owner)
        err.line(err.paint('yellow', 'No owner: set one with --owner "Your Name", or `git config --global user.name "Your Name"`.'));
      err.line(
        `Next: write the note, then run ${err.paint('cyan', 'npx garden check')} to find broken links before you open a pull request.`,
      );
      return EXIT.ok;
    }
  },
};

function parseType(value: string | undefined): NoteType | undefined {
  if (value === undefined) return undefined;
  const type = value.trim().toLowerCase();
  if ((NOTE_TYPES as readonly string[]).includes(type)) return type as NoteType;
  throw new UsageError(`Unknown note type "${value}": use one of ${NOTE_TYPES.join(', ')}.`);
}

/**
 * `--folder` names a folder inside the content folder. Each part matches an existing folder
 * regardless of case (`faq` finds `FAQ/`), so a note does not start a second folder by accident.
 * Folders that are never published (hidden, ignored, templates) are refused.
 */
async function resolveFolder(contentDir: string, folder: string, ignoredPaths: readonly string[]): Promise<string> {
  const parts = folder
    .replaceAll('\\', '/')
    .split('/')
    .map((part) => part.trim().normalize('NFC'))
    .filter((part) => part !== '');
  const resolved: string[] = [];
  for (const part of parts) {
    if (part === '..' || part === '.' || part.startsWith('.') || part === 'node_modules') {
      throw new UsageError(`--folder "${folder}": "${part}" is not allowed; give a folder inside the content folder, e.g. --folder FAQ.`);
    }
    const here = path.join(contentDir, ...resolved);
    const entries = await fs.readdir(here, { withFileTypes: true }).catch(() => []);
    const existing = entries.find((entry) => entry.isDirectory() && entry.name.normalize('NFC').toLowerCase() === part.toLowerCase());
    resolved.push(existing ? existing.name.normalize('NFC') : part);
  }
  const relative = resolved.join('/');
  const ignored = ignoredPaths.find((ignoredPath) => relative === ignoredPath || relative.startsWith(`${ignoredPath}/`));
  if (ignored !== undefined) {
    throw new UsageError(
      `--folder "${folder}": notes in ${ignored}/ are never published (it is the templates folder or ignored). Choose another folder.`,
    );
  }
  return relative;
}

/** A note in the same folder that would be published at the same address (`My note.md`, `my-note.md`). */
async function noteWithSameAddress(dir: string, contentPath: ReturnType<typeof asContentPath>): Promise<string | undefined> {
  const slug = slugForNotePath(contentPath);
  const folder = contentPath.includes('/') ? contentPath.slice(0, contentPath.lastIndexOf('/') + 1) : '';
  const entries = await fs.readdir(dir).catch(() => [] as string[]);
  return entries.find((name) => /\.md$/i.test(name) && slugForNotePath(asContentPath(`${folder}${name.normalize('NFC')}`)) === slug);
}

async function gitUserName(cwd: string, env: Environment): Promise<string | undefined> {
  try {
    return (await runGit(['config', 'user.name'], cwd, env)).toString('utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}
