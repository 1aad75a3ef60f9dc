import { describe, expect, it } from 'vitest';
import { asContentPath, asPageUrl, asSlug, HOME_SLUG } from '../../src/core/common/types.ts';

describe('the constructors of paths, slugs and URLs', () => {
  it('accept what their kind promises', () => {
    expect(asContentPath('Guides/How to.md')).toBe('Guides/How to.md');
    expect(asContentPath('weird\\name...md')).toBe('weird\\name...md');
    expect(asSlug('guides/how-to')).toBe('guides/how-to');
    expect(HOME_SLUG).toBe('');
    expect(asPageUrl('/handbook/guides/how-to/#who')).toBe('/handbook/guides/how-to/#who');
  });

  it('refuse a slug or URL where a path belongs, and the other way round', () => {
    for (const bad of ['', '/Guides/a.md', 'Guides//a.md', 'Guides/../a.md', './a.md', 'Guides/'])
      expect(() => asContentPath(bad)).toThrow(/Not a content path/);
    for (const bad of ['/guides', 'guides/', 'a//b', 'a/../b']) expect(() => asSlug(bad)).toThrow(/Not a slug/);
    for (const bad of ['guides/how-to/', '//evil.example/', 'https://example.com/']) expect(() => asPageUrl(bad)).toThrow(/Not a page URL/);
  });
});
