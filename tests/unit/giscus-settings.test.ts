import { describe, expect, it } from 'vitest';
import { giscusDataAttributes, readGiscusSettings, type GiscusSettings } from '../../src/client/comments/settings.ts';

/** What the browser's `element.dataset` makes of `data-*` attributes (`data-repo-id` → `repoId`). */
function asDataset(attributes: Record<string, string>): DOMStringMap {
  return Object.fromEntries(
    Object.entries(attributes)
      .filter(([name]) => name.startsWith('data-'))
      .map(([name, value]) => [name.slice(5).replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase()), value]),
  );
}

const settings: GiscusSettings = {
  host: 'https://comments.acme.example',
  repo: 'acme/handbook',
  repoId: 'R_kgDOH1a2b3',
  category: 'Note comments',
  categoryId: 'DIC_kwDOH1a2b34CQ7xy',
  term: '/guides/how-to/',
  lang: 'zh-CN',
  reactionsEnabled: false,
  inputPosition: 'top',
  loading: 'eager',
  themes: { light: 'noborder_light', dark: 'https://acme.example/giscus-dark.css' },
};

describe('the giscus settings handed from the page to its script', () => {
  it('survive the trip through data-* attributes, every option included', () => {
    const attributes = giscusDataAttributes(settings);
    expect(attributes['data-kg-giscus']).toBe('');
    expect(readGiscusSettings(asDataset(attributes))).toEqual(settings);
    const defaults = { ...settings, reactionsEnabled: true, inputPosition: 'bottom', loading: 'lazy' } as const;
    expect(readGiscusSettings(asDataset(giscusDataAttributes(defaults)))).toEqual(defaults);
  });

  it('are refused when one is missing, so that no half-configured widget is made', () => {
    const { 'data-term': _term, ...withoutTerm } = giscusDataAttributes(settings);
    expect(readGiscusSettings(asDataset(withoutTerm))).toBeUndefined();
  });
});
