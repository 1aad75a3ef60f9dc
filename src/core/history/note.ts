import type { GardenConfig, RepositoryConfig } from '../config/config.ts';
import type { ContentPath } from '../common/types.ts';
import type { Contributor, GardenHistory } from './history.ts';

/** What a page says about a note's life: dates, people, and where to edit it. */
export interface NoteTimeline {
  /** ISO date or date-time. */
  created?: string;
  updated?: string;
  /** Most commits first; empty without git history. */
  contributors: Contributor[];
}

/**
 * Frontmatter `created` wins over git (a note imported from elsewhere was created before its first
 * commit); `updated` is the later of git's last commit and frontmatter `updated`.
 */
export function noteTimeline(
  note: { path: ContentPath; frontmatter: { created?: string | undefined; updated?: string | undefined } },
  history: GardenHistory | undefined,
): NoteTimeline {
  const file = history?.files.get(note.path);
  const created = note.frontmatter.created ?? file?.created;
  const updated = later(file?.updated, note.frontmatter.updated);
  return {
    ...(created === undefined ? {} : { created }),
    ...(updated === undefined ? {} : { updated }),
    contributors: file?.contributors ?? [],
  };
}

function later(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Date.parse(b) > Date.parse(a) ? b : a;
}

export interface RepositoryLinks {
  /** The repository's web editor for the file. */
  edit: string;
  /** The list of commits that changed the file. */
  history: string;
}

/**
 * Links to a note's file on the repository's website, or `undefined` when no repository is
 * configured. The content folder's place in the repository is `repository.contentPath`, else what
 * git says, else where the project keeps it (see `assumedContentPath`): a site built from a copy
 * without `.git` (a CI cache, an archive) still has its edit links.
 */
export function repositoryLinks(config: GardenConfig, history: GardenHistory | undefined, path: ContentPath): RepositoryLinks | undefined {
  const repository = config.repository;
  if (!repository) return undefined;
  const contentPath = contentPathInRepository(repository, history);
  const file = [...(contentPath ? contentPath.split('/') : []), ...path.split('/')].map(encodeURIComponent).join('/');
  return { edit: `${repository.editUrl}/${file}`, history: `${repository.historyUrl}/${file}` };
}

/** The content folder's path inside the repository (see `repositoryLinks`); `''` is its root. */
export function contentPathInRepository(repository: RepositoryConfig, history: GardenHistory | undefined): string {
  return repository.contentPath ?? history?.repository.prefix ?? repository.assumedContentPath;
}
