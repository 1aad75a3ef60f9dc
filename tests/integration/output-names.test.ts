import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveGardenConfig } from '../../src/core/config/config.ts';
import { loadGarden } from '../../src/core/build/build.ts';
import { LIMITS } from '../../src/core/common/limits.ts';
import { listPublicFiles, ReservedOutputPaths } from '../../src/core/links/reserved.ts';
import { asContentPath } from '../../src/core/common/types.ts';

/** Output names that depend on files on disk (names that fit the file system: tests/unit/output-names.test.ts). */
describe('the reserved output paths', () => {
  it('hold every page, the files the build writes, its folders and the public files', async () => {
    const publicDir = mkdtempSync(path.join(tmpdir(), 'garden-public-'));
    mkdirSync(path.join(publicDir, 'brand'));
    writeFileSync(path.join(publicDir, 'brand', 'Logo.png'), '');
    const reserved = new ReservedOutputPaths(await listPublicFiles(publicDir));
    expect(reserved.owner('index.html')).toBe('a page of the site (`index.html`)');
    expect(reserved.owner('guides/how-to/index.html')).toBe('a page of the site (`guides/how-to/index.html`)');
    expect(reserved.owner('404.html')).toBe("the build's own `404.html`");
    expect(reserved.owner('favicon.ico')).toBe("the build's own `favicon.ico`");
    expect(reserved.owner('sitemap-3.xml')).toBe("the build's own `sitemap-3.xml`");
    expect(reserved.owner('_astro/x.png')).toBe("the build's own `_astro/` folder");
    expect(reserved.owner('tags/x.png')).toBe("the build's own `tags/` folder");
    // The search index, its list of parts and the parts themselves (src/core/publish/search-index.ts).
    for (const file of ['pagefind/garden-parts.json', 'pagefind/part-3/pagefind-entry.json', 'Pagefind/part-1/x.png'])
      expect(reserved.owner(file), file).toBe("the build's own `pagefind/` folder");
    expect(reserved.owner('brand/logo.png')).toBe("the build's own `brand/logo.png`");
    expect(reserved.owner('feed.xml/x.png')).toBe("the build's own `feed.xml`");
    expect(reserved.owner('media/diagram.png')).toBeUndefined();
    expect(reserved.owner('guides/how-to/diagram.png')).toBeUndefined();
  });
});

describe('tag pages per garden', () => {
  it('are bounded: the note that would take the garden past the limit is not published, and says why', async () => {
    const content = mkdtempSync(path.join(tmpdir(), 'garden-tag-pages-'));
    const perNote = LIMITS.maxTagsPerNote;
    const notes = Math.floor(LIMITS.maxTagPages / perNote) + 1;
    for (let note = 0; note < notes; note++) {
      const tags = Array.from({ length: perNote }, (_, index) => `#n${note}t${index}`).join(' ');
      writeFileSync(path.join(content, `Note ${String(note).padStart(3, '0')}.md`), `# Note ${note}\n\n${tags}\n`);
    }
    const garden = await loadGarden(resolveGardenConfig({ content }, {}));
    expect(garden.index.tags.size).toBe(LIMITS.maxTagPages);
    const last = `Note ${String(notes - 1).padStart(3, '0')}.md`;
    expect(garden.index.byPath.get(asContentPath(last))?.published).toBe(false);
    expect(garden.diagnostics.filter((d) => d.rule === 'tag-pages-too-many').map((d) => `${d.file}: ${d.message}`)).toEqual([
      `${last}: The garden already has 10,000 tag pages; this note's tags would add 200, more than the 10,000 a garden may have. The note is not published.`,
    ]);
  });
});
