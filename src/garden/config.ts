import path from 'node:path';
import { z } from 'zod';
import { COMMENTS_ENV, commentsOptionsSchema, commentsOptionsWithEnv, FIXED_GISCUS_SETTINGS, type CommentsConfig, type CommentsOptions } from './comments/options.ts';

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
    ignore: z
      .array(z.string(), { error: '`ignore` must be a list of folder or file paths relative to the content folder.' })
      .default([]),
    strict: z.boolean({ error: '`strict` must be true or false.' }).default(false),
    /** giscus threads on every note (README: "Comments"); validated on its own by `commentsOptionsSchema`. */
    comments: z.custom<CommentsOptions | false>().optional(),
  })
  .strict();

export type GardenOptions = z.input<typeof gardenOptionsSchema>;

export interface GardenConfig {
  /** Absolute path of the content folder. */
  contentDir: string;
  title: string;
  description: string;
  /** Content-relative paths (POSIX) of folders and files that are never read. */
  ignoredPaths: string[];
  strict: boolean;
  /** Where the comment threads live; `undefined` when comments are not configured (no widget). */
  comments: CommentsConfig | undefined;
}

export class GardenConfigError extends Error {
  override name = 'GardenConfigError';
}

/**
 * Validates the options and applies the environment: `GARDEN_CONTENT` points the build at another
 * folder of notes and `GARDEN_STRICT=1` makes problems fail the build, without editing the config.
 */
export function resolveGardenConfig(
  options: GardenOptions = {},
  env: Record<string, string | undefined> = process.env,
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
  return {
    contentDir: path.resolve(cwd, content),
    title: options_.title,
    description: options_.description,
    ignoredPaths: [options_.templatesFolder, ...options_.ignore].map(normaliseRelative).filter(Boolean),
    strict: strictFromEnv ?? options_.strict,
    comments: comments?.data,
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
        ? [`unknown option(s) ${unknown.map((name) => `\`${name}\``).join(', ')}${key === '(options)' ? '' : ` in \`${key}\``}: remove them or check their spelling`]
        : []),
    ].join('\n  - ');
  }
  const field = String(issue.path[0]);
  const fromVariable = envKeys.get(field);
  // When a deployment configures comments through variables, say which variable completes it.
  const variable = envKeys.size > 0 && !fromVariable ? Object.entries(COMMENTS_ENV).find(([, name]) => name === field)?.[0] : undefined;
  return `${key}${fromVariable ? ` (from ${fromVariable})` : ''}: ${issue.message}${variable ? ` Or set ${variable}.` : ''}`;
}

function normaliseRelative(value: string): string {
  return value.replaceAll('\\', '/').replace(/^\.?\/+|\/+$/g, '').normalize('NFC');
}
