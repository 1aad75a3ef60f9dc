import path from 'node:path';
import { z } from 'zod';
import { LIMITS } from '../common/limits.ts';
import {
  COMMENTS_ENV,
  commentsOptionsSchema,
  commentsOptionsWithEnv,
  FIXED_GISCUS_SETTINGS,
  type CommentsConfig,
  type CommentsOptions,
} from './comments.ts';
import { influenceSchema, type InfluenceWeights } from './influence.ts';

const httpUrl = (field: string) =>
  z
    .string({ error: `\`${field}\` must be a web address such as "https://github.com/acme/garden".` })
    .trim()
    .regex(/^https?:\/\/[^\s/]+/, { error: `\`${field}\` must start with https:// (for example "https://github.com/acme/garden").` })
    .transform((value) => value.replace(/\/+$/, ''));

/**
 * Where the garden's files live on the web, for the "Edit this note" and "history" links on each
 * page. Without `url` the pages have no such links: no link is better than a wrong one.
 */
const repositorySchema = z
  .object({
    url: httpUrl('repository.url'),
    branch: z
      .string({ error: '`repository.branch` must be the name of the branch the site is built from, e.g. "main".' })
      .trim()
      .min(1)
      .default('main'),
    contentPath: z
      .string({ error: '`repository.contentPath` must be the content folder\'s path inside the repository, e.g. "content".' })
      .optional(),
    editUrl: httpUrl('repository.editUrl').optional(),
    historyUrl: httpUrl('repository.historyUrl').optional(),
  })
  .strict();

/**
 * A CSS value that is copied into a generated stylesheet: it must not be able to end the declaration
 * and start another rule, so `;`, braces, `<`, backslashes and comments are refused.
 */
const cssValue = (field: string, example: string) =>
  z
    .string({ error: `\`${field}\` must be text, for example ${example}.` })
    .trim()
    .min(1, { error: `\`${field}\` is empty: give it a value or remove it.` })
    .max(300, { error: `\`${field}\` is too long (at most 300 characters).` })
    .refine((value) => !/[;{}<>\\]|\/\*|\*\//.test(value), {
      error: `\`${field}\` must be a single CSS value without \`;\`, braces or comments, for example ${example}.`,
    });

const colour = (field: string) => cssValue(field, `"#1f6f50" or "oklch(55% 0.12 160)"`);

/** The look a company can give the garden without writing CSS (docs/configuration.md, "Branding"). */
export const brandSchema = z
  .object({
    logo: z
      .string({ error: '`brand.logo` must be the path of an image in `public/`, e.g. "/logo.svg", or an https:// URL.' })
      .trim()
      .refine((value) => /^\/(?!\/)/.test(value) || /^https:\/\//i.test(value), {
        error: '`brand.logo` must start with "/" (a file in `public/`, e.g. "/logo.svg") or be an https:// URL.',
      })
      .optional(),
    accent: colour('brand.accent').optional(),
    accentDark: colour('brand.accentDark').optional(),
    font: cssValue('brand.font', `'"Inter", system-ui, sans-serif'`).optional(),
    headingFont: cssValue('brand.headingFont', `'Georgia, serif'`).optional(),
    monoFont: cssValue('brand.monoFont', `'"JetBrains Mono", monospace'`).optional(),
    css: z
      .array(z.string().min(1), {
        error: '`brand.css` must be a list of stylesheet paths relative to the project, e.g. ["./brand/brand.css"].',
      })
      .default([]),
  })
  .strict();

/** How the explorer (the folder tree beside every page) orders its entries. */
export const explorerSchema = z
  .object({
    order: z
      .array(z.string().min(1), {
        error:
          '`explorer.order` must be a list of folder or note paths relative to the content folder, e.g. ["Getting started", "Writing"].',
      })
      .default([]),
    foldersFirst: z.boolean({ error: '`explorer.foldersFirst` must be true or false.' }).default(true),
  })
  .strict();

/** The garden health page (`/health/`): when a note counts as not updated for too long. */
export const healthSchema = z
  .object({
    staleAfterDays: z
      .number({ error: '`health.staleAfterDays` must be a number of days, e.g. 180 (about six months).' })
      .int({ error: '`health.staleAfterDays` must be a whole number of days, e.g. 180.' })
      .min(1, { error: '`health.staleAfterDays` must be at least 1 (day); 180 is about six months.' })
      .default(180),
  })
  .strict();

/**
 * Which `#words` in the text are tags. Obsidian counts every `#word` that follows its tag rule; a
 * handbook that mentions Slack channels (`#ask-people-team`) or issue numbers wants fewer.
 */
export const tagsSchema = z
  .object({
    inline: z
      .union([z.boolean(), z.literal('declared')], {
        error:
          '`tags.inline` must be true (every `#tag` in the text is a tag), false (only the `tags` property makes tags) or "declared" (a `#tag` in the text counts when some note lists it in its `tags` property).',
      })
      .default(true),
  })
  .strict();

export type InlineTagPolicy = z.output<typeof tagsSchema>['inline'];

export type BrandOptions = z.output<typeof brandSchema>;
export type HealthOptions = z.output<typeof healthSchema>;
export type ExplorerOptions = z.output<typeof explorerSchema>;

/**
 * The garden's options, as written in `astro.config.mjs` (`garden({...})`) or read by the CLI.
 * Each message says how to fix the input, because the person reading it is editing a config file.
 */
export const gardenOptionsSchema = z
  .object({
    content: z
      .string({ error: '`content` must be the path of the folder that holds the notes, e.g. "content".' })
      .min(1)
      .default('content'),
    title: z.string({ error: '`title` must be text: the name of the garden shown in the header.' }).default('Knowledge Garden'),
    description: z.string().default('What we know, kept as linked notes.'),
    templatesFolder: z
      .string({ error: '`templatesFolder` must be a folder path relative to the content folder, e.g. "templates".' })
      .default('templates'),
    ignore: z.array(z.string(), { error: '`ignore` must be a list of folder or file paths relative to the content folder.' }).default([]),
    strict: z.boolean({ error: '`strict` must be true or false.' }).default(false),
    repository: repositorySchema.optional(),
    /** giscus threads on every note (docs/comments.md); validated on its own by `commentsOptionsSchema`. */
    comments: z.custom<CommentsOptions | false>().optional(),
    brand: brandSchema.prefault({}),
    explorer: explorerSchema.prefault({}),
    health: healthSchema.prefault({}),
    tags: tagsSchema.prefault({}),
    /** How the community's reactions and participation weigh in the notes' influence (docs/comments.md). */
    influence: influenceSchema.prefault({}),
  })
  .strict();

export type GardenOptions = z.input<typeof gardenOptionsSchema>;

/** The key under which the Astro integration keeps its options, for the CLI to find them. */
export const GARDEN_OPTIONS = Symbol.for('knowledge-garden.options');

export interface GardenConfig {
  /** Absolute path of the content folder. */
  contentDir: string;
  title: string;
  description: string;
  /** Content-relative paths (POSIX) of folders and files that are never read. */
  ignoredPaths: string[];
  strict: boolean;
  /** Absolute path of the templates folder (`garden new` reads its templates there). */
  templatesDir: string;
  /** Absolute path of the project's `public/` folder, copied into the site as it is: its files are
   * reserved, no attachment may replace them. */
  publicDir: string;
  /** The repository on the web, when configured: the base of edit and history links. */
  repository?: RepositoryConfig;
  /** Where the comment threads live; `undefined` when comments are not configured (no widget). */
  comments: CommentsConfig | undefined;
  brand: BrandOptions;
  explorer: ExplorerOptions;
  health: HealthOptions;
  /** Which `#words` in the text count as tags (`tags.inline`). */
  tags: { inline: InlineTagPolicy };
  /** The blend of link influence (PageRank) and the community's signal from the discussions. */
  influence: InfluenceWeights;
  /** Where the discussions are read: GitHub's API (`GARDEN_GITHUB_API`; GitHub Enterprise's, or a test's stand-in). */
  githubApi: string;
  /**
   * The token the build reads the discussions with (`GARDEN_GITHUB_TOKEN`, else `GITHUB_TOKEN`);
   * `undefined`: no request is made. Never written anywhere, never shown.
   */
  githubToken: string | undefined;
  /** `GARDEN_VERBOSE=1`: the build's summary lists every problem and every note without a comment id, not only the first ones. */
  verbose: boolean;
  /** Where renderings, parse results and the graph's layout are kept between builds; safe to delete (`GARDEN_CACHE_DIR`). */
  cacheDir: string;
  /** How many worker threads parse and render a build (`GARDEN_WORKERS`); `undefined`: both cores, at most four. */
  workers: number | undefined;
  /** How long one note may take to parse or to render in a worker, in milliseconds (`GARDEN_NOTE_BUDGET_MS`). */
  noteBudgetMs: number;
  /** Where the build writes its stage timings, peak memory and CPU time as JSON, for `npm run bench` (`GARDEN_TIMINGS_FILE`). */
  timingsFile: string | undefined;
  /**
   * At most how many pages each part of the search index holds (`GARDEN_SEARCH_PART_PAGES`;
   * src/core/publish/search-parts.ts); `undefined`: one index, however large the garden.
   */
  searchPartPages: number | undefined;
  /**
   * The environment the configuration was resolved from, in which the garden runs git: the process's
   * for a build or the CLI, the one a test gives. Nothing reads the garden's variables from it (they
   * are the fields above), and it is never written anywhere: it holds the process's secrets too.
   */
  gitEnv: Environment;
}

/** Environment variables: the process's, or those a test or the CLI's caller passes. */
export type Environment = Readonly<Record<string, string | undefined>>;

export interface RepositoryConfig {
  /** e.g. `https://github.com/acme/garden`, without a trailing slash. */
  url: string;
  branch: string;
  /** The content folder's path inside the repository (POSIX, no leading or trailing slash), as
   * configured; `undefined` means "ask git" (see `history/`). */
  contentPath?: string;
  /** Where edit links assume the content folder is when neither `contentPath` nor git tells (a
   * build from a copy without `.git`): its path from the project folder, whose root is normally
   * the repository's, or `''` (the repository holds only the notes) when it lies outside it. */
  assumedContentPath: string;
  /** Base URLs to which a file's path in the repository is appended. */
  editUrl: string;
  historyUrl: string;
}

export class GardenConfigError extends Error {
  override name = 'GardenConfigError';
}

/**
 * Validates the options and applies the environment: `GARDEN_CONTENT` points the build at another
 * folder of notes, `GARDEN_TITLE` and `GARDEN_DESCRIPTION` name it, and `GARDEN_STRICT=1` makes
 * problems fail the build, all without editing the config. The one place where the garden reads
 * environment variables (the build's tuning variables too: `buildSettings`); the rest of the code
 * gets their values from the result.
 */
export function resolveGardenConfig(
  options: GardenOptions = {},
  env: Environment = process.env,
  cwd: string = process.cwd(),
): GardenConfig {
  const parsed = gardenOptionsSchema.safeParse(options);
  const { options: commentOptions, envKeys } = commentsOptionsWithEnv(options.comments, env);
  const comments = commentOptions === undefined || commentOptions === false ? undefined : commentsOptionsSchema.safeParse(commentOptions);
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((issue) => describeIssue(issue, []))),
    ...(comments && !comments.success ? comments.error.issues.map((issue) => describeIssue(issue, ['comments'], envKeys)) : []),
  ];
  if (!parsed.success || (comments && !comments.success)) {
    throw new GardenConfigError(`Invalid garden options in astro.config.mjs:\n  - ${problems.join('\n  - ')}`);
  }
  const options_ = parsed.data;
  const content = env.GARDEN_CONTENT?.trim() || options_.content;
  const strictFromEnv = env.GARDEN_STRICT === undefined ? undefined : /^(1|true|yes)$/i.test(env.GARDEN_STRICT);
  const contentDir = path.resolve(cwd, content);
  return {
    contentDir,
    title: env.GARDEN_TITLE?.trim() || options_.title,
    description: env.GARDEN_DESCRIPTION?.trim() || options_.description,
    ignoredPaths: [options_.templatesFolder, ...options_.ignore].map(normaliseRelative).filter(Boolean),
    strict: strictFromEnv ?? options_.strict,
    templatesDir: path.resolve(cwd, content, options_.templatesFolder),
    publicDir: path.resolve(cwd, 'public'),
    ...repositoryConfig(options_.repository, env, projectRelative(cwd, contentDir)),
    comments: comments?.data,
    brand: options_.brand,
    explorer: { ...options_.explorer, order: options_.explorer.order.map(normaliseRelative).filter(Boolean) },
    health: options_.health,
    tags: options_.tags,
    influence: options_.influence,
    ...githubSettings(env),
    ...buildSettings(env, cwd),
    gitEnv: { ...env },
  };
}

export const GITHUB_DEFAULT_API = 'https://api.github.com';

/**
 * Where and with which token the build reads the comment threads' discussions. `GARDEN_GITHUB_TOKEN`
 * wins over `GITHUB_TOKEN`, so that a deployment can give the garden a token of its own.
 */
function githubSettings(env: Environment): Pick<GardenConfig, 'githubApi' | 'githubToken'> {
  const api = env.GARDEN_GITHUB_API?.trim().replace(/\/+$/, '') || GITHUB_DEFAULT_API;
  if (!/^https?:\/\/[^\s/]+/.test(api)) {
    throw new GardenConfigError(`GARDEN_GITHUB_API must be the address of GitHub's API, such as ${GITHUB_DEFAULT_API}, not "${api}".`);
  }
  return { githubApi: api, githubToken: env.GARDEN_GITHUB_TOKEN?.trim() || env.GITHUB_TOKEN?.trim() || undefined };
}

/**
 * How a build runs, from the environment only (a machine's or a benchmark's business, not the
 * garden's options): empty or invalid values keep the defaults.
 */
function buildSettings(
  env: Environment,
  cwd: string,
): Pick<GardenConfig, 'verbose' | 'cacheDir' | 'workers' | 'noteBudgetMs' | 'timingsFile' | 'searchPartPages'> {
  const workers = Number(env.GARDEN_WORKERS);
  const noteBudgetMs = Number(env.GARDEN_NOTE_BUDGET_MS);
  const searchPartPages = Number(env.GARDEN_SEARCH_PART_PAGES);
  return {
    verbose: /^(1|true|yes)$/i.test(env.GARDEN_VERBOSE ?? ''),
    cacheDir: env.GARDEN_CACHE_DIR ?? path.join(cwd, 'node_modules', '.cache', 'knowledge-garden'),
    workers: Number.isInteger(workers) && workers > 0 ? workers : undefined,
    noteBudgetMs: Number.isFinite(noteBudgetMs) && noteBudgetMs > 0 ? noteBudgetMs : LIMITS.noteBudgetMs,
    timingsFile: env.GARDEN_TIMINGS_FILE || undefined,
    searchPartPages: Number.isInteger(searchPartPages) && searchPartPages > 0 ? searchPartPages : undefined,
  };
}

/**
 * `GARDEN_REPOSITORY_URL` and `GARDEN_REPOSITORY_BRANCH` set the repository from a CI workflow
 * (GitHub Actions knows both) without editing the configuration. GitHub's own URL shapes are the
 * default; other forges set `editUrl` and `historyUrl`.
 */
function repositoryConfig(
  options: z.output<typeof repositorySchema> | undefined,
  env: Environment,
  assumedContentPath: string,
): { repository?: RepositoryConfig } {
  const url = env.GARDEN_REPOSITORY_URL?.trim().replace(/\/+$/, '') || options?.url;
  if (!url) return {};
  if (!/^https?:\/\/[^\s/]+/.test(url)) {
    throw new GardenConfigError(`GARDEN_REPOSITORY_URL must be a web address such as https://github.com/acme/garden, not "${url}".`);
  }
  const branch = env.GARDEN_REPOSITORY_BRANCH?.trim() || options?.branch || 'main';
  const branchInUrl = branch.split('/').map(encodeURIComponent).join('/');
  const contentPath = options?.contentPath === undefined ? undefined : normaliseRelative(options.contentPath);
  return {
    repository: {
      url,
      branch,
      ...(contentPath === undefined ? {} : { contentPath }),
      assumedContentPath,
      editUrl: options?.editUrl ?? `${url}/edit/${branchInUrl}`,
      historyUrl: options?.historyUrl ?? `${url}/commits/${branchInUrl}`,
    },
  };
}

/** One line per problem: which key, what is wrong and how to fix it (and which variable set it). */
function describeIssue(issue: z.core.$ZodIssue, prefix: string[], envKeys = new Map<string, string>()): string {
  const key = [...prefix, ...issue.path.map(String)].join('.') || '(options)';
  if (issue.code === 'unrecognized_keys') {
    const fixed = prefix[0] === 'comments' && issue.path.length === 0 ? issue.keys.filter((unknown) => FIXED_GISCUS_SETTINGS[unknown]) : [];
    const unknown = issue.keys.filter((name) => !fixed.includes(name));
    return [
      ...fixed.map((name) => `\`comments.${name}\` cannot be set: ${FIXED_GISCUS_SETTINGS[name]}. Remove it.`),
      ...(unknown.length > 0
        ? [
            `unknown option(s) ${unknown.map((name) => `\`${name}\``).join(', ')}${key === '(options)' ? '' : ` in \`${key}\``}: remove them or check their spelling`,
          ]
        : []),
    ].join('\n  - ');
  }
  const field = String(issue.path[0]);
  const fromVariable = envKeys.get(field);
  // When a deployment configures comments through variables, say which variable completes it.
  const variable = envKeys.size > 0 && !fromVariable ? Object.entries(COMMENTS_ENV).find(([, name]) => name === field)?.[0] : undefined;
  return `${key}${fromVariable ? ` (from ${fromVariable})` : ''}: ${issue.message}${variable ? ` Or set ${variable}.` : ''}`;
}

/** The content folder's path from the project folder (POSIX), or `''` when it lies outside it. */
function projectRelative(cwd: string, contentDir: string): string {
  const relative = path.relative(cwd, contentDir);
  return relative.startsWith('..') || path.isAbsolute(relative) ? '' : normaliseRelative(relative);
}

function normaliseRelative(value: string): string {
  return value
    .replaceAll('\\', '/')
    .replace(/^\.?\/+|\/+$/g, '')
    .normalize('NFC');
}
