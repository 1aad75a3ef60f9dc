import { describe, expect, it } from 'vitest';
import { INFLUENCE_TIE_BREAK, preferInfluentialByMetadata, primaryLanguage, tieBreakCandidates } from '../../src/client/search/engine.ts';
import { pageGlobs, partCount, partOf, searchableBytes } from '../../src/core/publish/search-index.ts';

describe('the parts of the search index', () => {
  it('are one for a garden within a part, then a power of two, each part within its size', () => {
    expect([0, 1, 1000].map((pages) => partCount(pages, 1000))).toEqual([1, 1, 1]);
    expect(partCount(50_000, undefined)).toBe(1);
    expect([1001, 2000, 2001, 6504, 9000].map((pages) => partCount(pages, 1000))).toEqual([2, 2, 4, 8, 16]);
  });

  it('keep a page in its part whatever other pages come and go, and spread pages evenly', () => {
    const files = Array.from({ length: 8000 }, (_, i) => `area-${i % 7}/note-${i}/index.html`);
    const sizes = new Array<number>(8).fill(0);
    for (const file of files) sizes[partOf(file, 8)]!++;
    expect(Math.min(...sizes)).toBeGreaterThan(900);
    expect(Math.max(...sizes)).toBeLessThan(1100);
    expect(partOf('guides/setup/index.html', 8)).toBe(partOf('guides/setup/index.html', 8));
    expect(partOf('guides/setup/index.html', 1)).toBe(0);
  });

  it("are keyed on what Pagefind reads of a page: its language and the note's article, not the rest", () => {
    const page = (lang: string, article: string, backlinks: string) =>
      Buffer.from(
        `<!doctype html><html lang="${lang}" data-base="/"><head><title>T</title></head><body><nav>explorer</nav>` +
          `<article class="kg-note" data-pagefind-body>${article}</article><section>${backlinks}</section></body></html>`,
      );
    const key = (bytes: Buffer) => {
      const searchable = searchableBytes(bytes);
      return searchable && Buffer.concat([searchable.root, searchable.article]).toString();
    };
    expect(key(page('en', '<p>Text</p>', 'one backlink'))).toBe(key(page('en', '<p>Text</p>', 'two backlinks')));
    expect(key(page('en', '<p>Text</p>', 'x'))).not.toBe(key(page('en', '<p>Other text</p>', 'x')));
    expect(key(page('en', '<p>Text</p>', 'x'))).not.toBe(key(page('ja', '<p>Text</p>', 'x')));
    // A page without an indexed body (a folder listing, a tag page) is not in the index.
    expect(searchableBytes(Buffer.from('<html lang="en"><body><main>Listing</main></body></html>'))).toBeUndefined();
  });
});

describe('the patterns Pagefind reads a part with', () => {
  it('name every page of the part, at most a thousand a pattern, with the pattern characters escaped', () => {
    const pages = Array.from({ length: 2500 }, (_, i) => ({ file: `notes/n-${i}/index.html`, hash: '' }));
    const globs = pageGlobs(pages) as string[];
    expect(globs).toHaveLength(3);
    expect(globs.map((glob) => glob.split(',').length)).toEqual([1000, 1000, 500]);
    expect(globs[0]!.startsWith('{notes/n-0/index.html,notes/n-1/index.html,')).toBe(true);
    expect(pageGlobs([{ file: 'odd/a{b},c[d]*?!/index.html', hash: '' }])).toEqual(['{odd/a\\{b\\}\\,c\\[d\\]\\*\\?\\!/index.html}']);
    // One part: the whole site, whose pages without an indexed body Pagefind leaves out.
    expect(pageGlobs('all')).toEqual([undefined]);
  });
});

describe('search results across parts', () => {
  it('start in the language Pagefind picks for the page: its own, its main subtag, else the largest', () => {
    const entry = { languages: { en: { page_count: 5 }, ja: { page_count: 9 } } };
    expect(primaryLanguage(entry, 'en')).toBe('en');
    expect(primaryLanguage(entry, 'en-GB')).toBe('en');
    expect(primaryLanguage(entry, 'de')).toBe('ja');
    expect(primaryLanguage({ languages: {} }, 'en')).toBeUndefined();
  });

  it('load the influence of only the results a tie-break could lift into the first ones', () => {
    const scored = (...scores: number[]) => scores.map((score, i) => ({ id: `r${i}`, score }));
    expect(tieBreakCandidates(scored(5, 4), 3).map((result) => result.id)).toEqual(['r0', 'r1']);
    // The third result scores 2; 1.95 could pass it with the largest rise, 1.5 could not.
    const near = 2 / (1 + INFLUENCE_TIE_BREAK) + 0.01;
    expect(tieBreakCandidates(scored(5, 4, 2, near, 1.5), 3).map((result) => result.id)).toEqual(['r0', 'r1', 'r2', 'r3']);
    // However many near-ties, at most twice the results shown.
    expect(tieBreakCandidates(scored(...new Array<number>(100).fill(1)), 10)).toHaveLength(20);
  });

  it('order near-ties by the influence place each result carries in its metadata, a result without one last', () => {
    const result = (id: string, score: number, influence?: string) => ({
      id,
      score,
      data: { meta: (influence ? { influence } : {}) as Record<string, string> },
    });
    const loaded = [
      result('fern', 1.0, '000000009'),
      result('moss', 0.99, '000000002'),
      result('poor', 0.5, '000000020'),
      result('bare', 0.985),
    ];
    expect(preferInfluentialByMetadata(loaded, 3).map(({ id }) => id)).toEqual(['moss', 'fern', 'bare']);
  });
});
