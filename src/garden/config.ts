import path from 'node:path';
import { z } from 'zod';

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

/** The look a company can give the garden without writing CSS (README: "Branding"). */
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
      .array(z.string().min(1), { error: '`brand.css` must be a list of stylesheet paths relative to the project, e.g. ["./brand/brand.css"].' })
      .default([]),
  })
  .strict();

/** How the explorer (the folder tree beside every page) orders its entries. */
export const explorerSchema = z
  .object({
    order: z
      .array(z.string().min(1), {
        error: '`explorer.order` must be a list of folder or note paths relative to the content folder, e.g. ["Getting started", "Writing"].',
      })
      .default([]),
    foldersFirst: z.boolean({ error: '`explorer.foldersFirst` must be true or false.' }).default(true),
  })
  .strict();

export type BrandOptions = z.output<typeof brandSchema>;
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
    ignore: z
      .array(z.string(), { error: '`ignore` must be a list of folder or file paths relative to the content folder.' })
      .default([]),
    strict: z.boolean({ error: '`strict` must be true or false.' }).default(false),
    brand: brandSchema.prefault({}),
    explorer: explorerSchema.prefault({}),
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
  brand: BrandOptions;
  explorer: ExplorerOptions;
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
    brand: options_.brand,
    explorer: { ...options_.explorer, order: options_.explorer.order.map(normaliseRelative).filter(Boolean) },
  };
}

function normaliseRelative(value: string): string {
  return value.replaceAll('\\', '/').replace(/^\.?\/+|\/+$/g, '').normalize('NFC');
}
