import { describe, expect, it } from 'vitest';
import { hasSlugWords, slugForAttachmentPath, slugForNotePath, slugForTag, slugifySegment } from '../../src/core/links/slug.ts';
import { asContentPath } from '../../src/core/common/types.ts';

describe('slugs', () => {
  it('keep letters of every language and digits, lower-cased, and turn the rest into single dashes', () => {
    expect(slugifySegment('How we run Retros?')).toBe('how-we-run-retros');
    expect(slugifySegment('Café')).toBe('café');
    expect(slugifySegment('Cafe\u0301')).toBe('café');
    expect(slugifySegment('日本語のノート')).toBe('日本語のノート');
    expect(slugifySegment('नमस्ते दुनिया')).toBe('नमस्ते-दुनिया');
    expect(slugifySegment('C++ & Rust')).toBe('c-rust');
  });

  it('never contain invisible characters or a combining mark without its letter, and never start or end with a dash', () => {
    expect(slugifySegment('🗂️ Index')).toBe('index'); // 🗂 + U+FE0F, the variation selector
    expect(slugifySegment('👨\u200d👩\u200d👧 Family')).toBe('family'); // zero-width joiners
    expect(slugifySegment('soft\u00adhyphen')).toBe('softhyphen');
    expect(slugifySegment('\u0301abc')).toBe('abc');
    expect(slugifySegment('— Intro —')).toBe('intro');
    expect(slugForNotePath(asContentPath('🗂️ Index/📅 Daily/2024-01-05.md'))).toBe('index/daily/2024-01-05');
    expect(slugForAttachmentPath(asContentPath('🖼️ Images/Chart 📈.PNG'))).toBe('images/chart.png');
    expect(slugForTag('📚/Reading')).toBe('📚/reading');
    for (const name of ['🗂️ Index', '-x-', '🚀', '!!!', '\ufe0f', 'a\u200b', '🇫🇷 France']) {
      const slug = slugifySegment(name);
      expect(slug, name).not.toMatch(/^-|-$|\p{Default_Ignorable_Code_Point}|^\p{M}|-\p{M}/u);
      expect(slug, name).not.toBe('');
    }
  });

  it('keep the symbols of a name that has nothing else, or call it untitled', () => {
    expect(slugifySegment('🚀')).toBe('🚀');
    expect(slugifySegment('🗂️')).toBe('🗂');
    expect(slugifySegment('!!!')).toBe('untitled');
    expect(hasSlugWords('🚀')).toBe(false);
    expect(hasSlugWords('🚀 Launch')).toBe(true);
  });
});
