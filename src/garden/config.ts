import path from 'node:path';
import { z } from 'zod';

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
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const key = issue.path.join('.') || '(options)';
      return issue.code === 'unrecognized_keys'
        ? `unknown option(s) ${issue.keys.map((k) => `\`${k}\``).join(', ')}: remove them or check their spelling`
        : `${key}: ${issue.message}`;
    });
    throw new GardenConfigError(`Invalid garden options in astro.config.mjs:\n  - ${lines.join('\n  - ')}`);
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
  };
}

function normaliseRelative(value: string): string {
  return value.replaceAll('\\', '/').replace(/^\.?\/+|\/+$/g, '').normalize('NFC');
}
