import { describe, expect, it } from 'vitest';
import { GardenConfigError, resolveGardenConfig, type GardenOptions } from '../../src/core/config/config.ts';

const valid = { repo: 'acme/handbook', repoId: 'R_kgDOH1a2b3', category: 'Comments', categoryId: 'DIC_kwDOH1a2b34CQ7xy' };

/** The validation message for these options, or a failure if they are accepted. */
function problems(options: GardenOptions, env: Record<string, string> = {}): string[] {
  try {
    resolveGardenConfig(options, env);
  } catch (error) {
    expect(error).toBeInstanceOf(GardenConfigError);
    const [heading, ...lines] = (error as Error).message.split('\n');
    expect(heading).toBe('Invalid garden options in astro.config.mjs:');
    return lines.map((line) => line.replace(/^ {2}- /, ''));
  }
  throw new Error('the options were accepted');
}

describe('comment options', () => {
  it('are off when absent or false, which is not an error', () => {
    expect(resolveGardenConfig({}, {}).comments).toBeUndefined();
    expect(resolveGardenConfig({ comments: false }, {}).comments).toBeUndefined();
  });

  it('need only the four ids from giscus.app, and default the rest', () => {
    expect(resolveGardenConfig({ comments: valid }, {}).comments).toEqual({
      ...valid,
      host: 'https://giscus.app',
      lang: 'en',
      reactionsEnabled: true,
      inputPosition: 'bottom',
      loading: 'lazy',
      themes: { light: 'light', dark: 'dark' },
    });
  });

  it('accept every documented option, a self-hosted giscus and older base64 ids', () => {
    const comments = resolveGardenConfig(
      {
        comments: {
          ...valid,
          repoId: 'MDEwOlJlcG9zaXRvcnkxMjM0NTY3OA==',
          host: 'https://comments.acme.example/',
          lang: 'zh-CN',
          reactionsEnabled: false,
          inputPosition: 'top',
          loading: 'eager',
          themes: { light: 'noborder_light', dark: 'https://acme.example/giscus-dark.css' },
        },
      },
      {},
    ).comments;
    expect(comments).toMatchObject({
      repoId: 'MDEwOlJlcG9zaXRvcnkxMjM0NTY3OA==',
      host: 'https://comments.acme.example',
      lang: 'zh-CN',
      reactionsEnabled: false,
      inputPosition: 'top',
      loading: 'eager',
      themes: { light: 'noborder_light', dark: 'https://acme.example/giscus-dark.css' },
    });
  });

  it('say which ids are missing and where to find them', () => {
    expect(problems({ comments: { repo: 'acme/handbook' } as never })).toEqual([
      'comments.repoId: `repoId` is missing: giscus.app shows it as `data-repo-id` once you enter the repository (docs/comments.md).',
      'comments.category: `category` is missing: the name of the Discussions category for the threads, e.g. "Comments".',
      'comments.categoryId: `categoryId` is missing: giscus.app shows it as `data-category-id` once you enter the repository (docs/comments.md).',
    ]);
  });

  it('explain each bad value, all at once', () => {
    const lines = problems({
      comments: {
        repo: 'https://github.com/acme/handbook',
        repoId: 'R_kgDO H1',
        category: ' ',
        categoryId: 'DIC_kwDOH1a2b34CQ7xy',
        host: 'https://giscus.app/widget',
        lang: 'English',
        reactionsEnabled: '1' as never,
        inputPosition: 'middle' as never,
        loading: true as never,
        themes: { light: 'javascript:alert(1)' },
      },
    });
    expect(lines).toEqual([
      'comments.repo: `repo` must be the GitHub repository as "owner/name", e.g. "acme/handbook" (not a URL).',
      'comments.repoId: `repoId` must be an id such as "R_kgDOH1a2b3", copied from `data-repo-id` on giscus.app.',
      'comments.category: `category` is empty: give the name of the Discussions category, e.g. "Comments".',
      'comments.host: `host` must be the address of a giscus server with http(s) and no path, e.g. "https://giscus.app" or "https://comments.example.com".',
      'comments.lang: `lang` must be a language code such as "en", "de" or "zh-CN".',
      "comments.reactionsEnabled: `reactionsEnabled` must be true or false (reactions on the thread's first post).",
      'comments.inputPosition: `inputPosition` must be "top" or "bottom" (where the comment box goes).',
      'comments.loading: `loading` must be "lazy" (load the thread when the reader scrolls near it) or "eager" (right after the page has loaded).',
      'comments.themes.light: `themes.light` must be a giscus theme name such as "light", or the https:// address of a CSS file.',
    ]);
  });

  it('reject a host that is not http(s)', () => {
    expect(problems({ comments: { ...valid, host: 'javascript:alert(1)' } })).toEqual([expect.stringMatching(/^comments\.host: /)]);
    expect(problems({ comments: { ...valid, host: 'giscus.app' } })).toEqual([expect.stringMatching(/^comments\.host: /)]);
  });

  it('explain the giscus settings the garden fixes itself, and catch typos', () => {
    expect(problems({ comments: { ...valid, mapping: 'pathname', strict: '0', reactionEnabled: false } as never })).toEqual([
      "`comments.mapping` cannot be set: the garden always maps a note to its thread by the note's `id` (docs/comments.md). Remove it.",
      "`comments.strict` cannot be set: strict matching is always on, so that one note never shows another note's thread. Remove it.",
      'unknown option(s) `reactionEnabled` in `comments`: remove them or check their spelling',
    ]);
  });

  it('must be an object or false', () => {
    expect(problems({ comments: true as never })).toEqual([
      'comments: `comments` must be an object such as { repo, repoId, category, categoryId } (docs/comments.md), or false.',
    ]);
  });

  it("report comment problems together with the other options' problems", () => {
    expect(problems({ strict: 'yes' as never, comments: { ...valid, repo: 'acme' } })).toEqual([
      'strict: `strict` must be true or false.',
      'comments.repo: `repo` must be the GitHub repository as "owner/name", e.g. "acme/handbook" (not a URL).',
    ]);
  });
});

describe('comment options from the environment', () => {
  const env = {
    GARDEN_GISCUS_REPO: 'acme/staging-handbook',
    GARDEN_GISCUS_REPO_ID: 'R_kgDOStage',
    GARDEN_GISCUS_CATEGORY: 'Staging comments',
    GARDEN_GISCUS_CATEGORY_ID: 'DIC_kwDOStage',
  };

  it('turn comments on without editing the file', () => {
    expect(resolveGardenConfig({}, env).comments).toMatchObject({
      repo: 'acme/staging-handbook',
      category: 'Staging comments',
      host: 'https://giscus.app',
    });
  });

  it('override the file key by key, and win over comments: false', () => {
    const comments = resolveGardenConfig(
      { comments: { ...valid, lang: 'de' } },
      { GARDEN_GISCUS_HOST: 'https://giscus.acme.example' },
    ).comments;
    expect(comments).toMatchObject({ ...valid, lang: 'de', host: 'https://giscus.acme.example' });
    expect(resolveGardenConfig({ comments: false }, env).comments?.repo).toBe('acme/staging-handbook');
  });

  it('ignore empty variables', () => {
    expect(resolveGardenConfig({}, { GARDEN_GISCUS_REPO: ' ' }).comments).toBeUndefined();
  });

  it('name the variable a bad value came from, and the variables that would complete it', () => {
    expect(problems({}, { GARDEN_GISCUS_REPO: 'acme', GARDEN_GISCUS_REPO_ID: 'R_1', GARDEN_GISCUS_CATEGORY_ID: 'DIC_1' })).toEqual([
      'comments.repo (from GARDEN_GISCUS_REPO): `repo` must be the GitHub repository as "owner/name", e.g. "acme/handbook" (not a URL).',
      'comments.category: `category` is missing: the name of the Discussions category for the threads, e.g. "Comments". Or set GARDEN_GISCUS_CATEGORY.',
    ]);
  });
});
