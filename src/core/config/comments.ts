import { z } from 'zod';

/**
 * The `comments` option of `garden({...})`: where the giscus threads live. The keys are the ones
 * giscus.app shows in the snippet it generates (`data-repo`, `data-repo-id`, …), so that a
 * maintainer can copy the values across. What the garden decides itself (the mapping, strict
 * matching, the term, the theme that follows the page) is not an option.
 */

export const GISCUS_DEFAULT_HOST = 'https://giscus.app';

/** Lets a message say "is missing" when the key is absent, and what it should be otherwise. */
const required = (missing: string, wrong: string) => (issue: { input: unknown }) => (issue.input === undefined ? missing : wrong);

// GitHub node ids: `R_kgDO…` / `DIC_kwDO…` today, base64 (`MDEwOlJlcG9zaXRvcnk…`) for older repositories.
const NODE_ID = /^[A-Za-z0-9_+/=-]+$/;

const repo = z
  .string({
    error: required(
      '`repo` is missing: the GitHub repository that holds the discussions, as "owner/name".',
      '`repo` must be text: the GitHub repository as "owner/name", e.g. "acme/handbook".',
    ),
  })
  .trim()
  .regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/, {
    error: '`repo` must be the GitHub repository as "owner/name", e.g. "acme/handbook" (not a URL).',
  });

const nodeId = (field: string, shownAs: string, example: string) =>
  z
    .string({
      error: required(
        `\`${field}\` is missing: giscus.app shows it as \`${shownAs}\` once you enter the repository (docs/comments.md).`,
        `\`${field}\` must be text such as "${example}", copied from \`${shownAs}\` on giscus.app.`,
      ),
    })
    .trim()
    .regex(NODE_ID, { error: `\`${field}\` must be an id such as "${example}", copied from \`${shownAs}\` on giscus.app.` });

const category = z
  .string({
    error: required(
      '`category` is missing: the name of the Discussions category for the threads, e.g. "Comments".',
      '`category` must be text: the name of the Discussions category, e.g. "Comments".',
    ),
  })
  .trim()
  .min(1, { error: '`category` is empty: give the name of the Discussions category, e.g. "Comments".' });

/**
 * The giscus server. The widget compares the origin of the frame's messages with this value, so it
 * must be an origin (scheme, host, port) with no path; a trailing slash is forgiven.
 */
const host = z
  .string({ error: '`host` must be the address of a giscus server, e.g. "https://giscus.app".' })
  .trim()
  .transform((value) => value.replace(/\/+$/, ''))
  .refine(isOrigin, {
    error:
      '`host` must be the address of a giscus server with http(s) and no path, e.g. "https://giscus.app" or "https://comments.example.com".',
  })
  .default(GISCUS_DEFAULT_HOST);

const lang = z
  .string({ error: '`lang` must be a language code such as "en", "de" or "zh-CN".' })
  .trim()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { error: '`lang` must be a language code such as "en", "de" or "zh-CN".' })
  .default('en');

/** A giscus theme name (`light`, `noborder_dark`, …) or the https address of a theme's CSS file. */
const themeName = (which: string, fallback: string) =>
  z
    .string({ error: `\`themes.${which}\` must be a giscus theme name such as "${fallback}", or the https:// address of a CSS file.` })
    .trim()
    .regex(/^(?:[a-z][a-z0-9_]*|https:\/\/\S+)$/, {
      error: `\`themes.${which}\` must be a giscus theme name such as "${fallback}", or the https:// address of a CSS file.`,
    })
    .default(fallback);

export const commentsOptionsSchema = z
  .object(
    {
      repo,
      repoId: nodeId('repoId', 'data-repo-id', 'R_kgDOH1a2b3'),
      category,
      categoryId: nodeId('categoryId', 'data-category-id', 'DIC_kwDOH1a2b34CQ7xy'),
      host,
      lang,
      reactionsEnabled: z
        .boolean({ error: "`reactionsEnabled` must be true or false (reactions on the thread's first post)." })
        .default(true),
      inputPosition: z
        .enum(['top', 'bottom'], { error: '`inputPosition` must be "top" or "bottom" (where the comment box goes).' })
        .default('bottom'),
      loading: z
        .enum(['lazy', 'eager'], {
          error: '`loading` must be "lazy" (load the thread when the reader scrolls near it) or "eager" (right after the page has loaded).',
        })
        .default('lazy'),
      themes: z
        .object(
          { light: themeName('light', 'light'), dark: themeName('dark', 'dark') },
          { error: '`themes` must be an object such as { light: "light", dark: "dark" }.' },
        )
        .strict()
        .default({ light: 'light', dark: 'dark' }),
    },
    { error: '`comments` must be an object such as { repo, repoId, category, categoryId } (docs/comments.md), or false.' },
  )
  .strict();

export type CommentsOptions = z.input<typeof commentsOptionsSchema>;
/** Validated comment options with every default applied. */
export type CommentsConfig = z.output<typeof commentsOptionsSchema>;

/** giscus settings the garden fixes itself, and why, for a maintainer who copied them from giscus.app. */
export const FIXED_GISCUS_SETTINGS: Record<string, string> = {
  mapping: "the garden always maps a note to its thread by the note's `id` (docs/comments.md)",
  term: "the term is each note's `id`, or its address when it has none",
  strict: "strict matching is always on, so that one note never shows another note's thread",
  theme: "the widget follows the site's light or dark theme; choose the giscus themes with `themes: { light, dark }`",
  emitMetadata: 'the garden does not use discussion metadata',
};

/** Environment variables that set comment options, e.g. from a deployment's CI variables. */
export const COMMENTS_ENV: Record<string, keyof CommentsOptions> = {
  GARDEN_GISCUS_REPO: 'repo',
  GARDEN_GISCUS_REPO_ID: 'repoId',
  GARDEN_GISCUS_CATEGORY: 'category',
  GARDEN_GISCUS_CATEGORY_ID: 'categoryId',
  GARDEN_GISCUS_HOST: 'host',
};

/**
 * The `comments` option with the environment applied: each `GARDEN_GISCUS_*` variable that is set
 * overrides its key, so a deployment can point the threads elsewhere without editing the file.
 * Returns which keys came from which variable, for error messages.
 */
export function commentsOptionsWithEnv(
  fromFile: unknown,
  env: Record<string, string | undefined>,
): { options: unknown; envKeys: Map<string, string> } {
  const envKeys = new Map<string, string>();
  const overrides: Record<string, string> = {};
  for (const [variable, key] of Object.entries(COMMENTS_ENV)) {
    const value = env[variable]?.trim();
    if (!value) continue;
    overrides[key] = value;
    envKeys.set(key, variable);
  }
  if (envKeys.size === 0) return { options: fromFile, envKeys };
  const base = typeof fromFile === 'object' && fromFile !== null ? fromFile : {};
  return { options: { ...base, ...overrides }, envKeys };
}

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}
