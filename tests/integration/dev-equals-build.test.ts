import { mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGarden, type Garden } from '../../src/core/build/build.ts';
import { updateGarden } from '../../src/core/build/update.ts';
import { LIMITS } from '../../src/core/common/limits.ts';
import { resolveGardenConfig } from '../../src/core/config/config.ts';
import { SiteUrls } from '../../src/core/links/urls.ts';
import { renderOnDemand } from '../../src/core/render/render-note.ts';

/**
 * The dev server applies each edit to the garden it has (`updateGarden`); the build reads the end
 * state from scratch (`loadGarden`). After every edit both must give the same problems and the same
 * pages, whatever rule the edit touches: ignores, hidden files, size limits, address collisions,
 * names, symbolic links, folders.
 */

const urls = new SiteUrls('/');

/** What the site shows: every problem as reported, and every published page's HTML and backlinks. */
function site(garden: Garden) {
  const rendered = renderOnDemand(garden, urls);
  const pages = Object.fromEntries(
    garden.index.notes
      .filter((note) => note.published)
      .map((note) => [
        note.slug,
        { title: note.title, content: rendered.page(note), backlinks: garden.index.backlinks.get(note.slug)?.map((b) => b.source) ?? [] },
      ]),
  );
  const problems = garden.diagnostics.map(
    (d) => `${d.file}:${d.at?.line ?? '-'}:${d.at?.column ?? '-'} ${d.severity} ${d.rule}: ${d.message}`,
  );
  return { pages, problems, attachments: [...garden.index.attachmentsUsed].sort() };
}

describe('the dev server and the build agree', () => {
  it('gives the problems and pages of a fresh build after every kind of edit', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'garden-dev-equals-build-'));
    const file = (relative: string) => path.join(dir, ...relative.split('/'));
    const write = (relative: string, text: string) => {
      mkdirSync(path.dirname(file(relative)), { recursive: true });
      writeFileSync(file(relative), text);
      return [file(relative)];
    };
    write('Home.md', '# Home\n\nSee [[Guide]], ![[chart.png]] and [the data](data/table.csv).\n');
    write('Guide.md', '# Guide\n\n## Steps\n\nBack [[Home]].\n');
    write('chart.png', 'PNG');
    const config = resolveGardenConfig({ content: dir, ignore: ['private'] }, {});

    const edits: [string, () => string[]][] = [
      ['a note in an ignored folder', () => write('private/Secret.md', '# Secret\n\nLinked from [[Home]].\n')],
      ['a hidden file', () => write('.drafts/Hidden.md', '# Hidden\n')],
      [
        'an attachment over the size limit',
        () => {
          write('data/table.csv', '');
          truncateSync(file('data/table.csv'), LIMITS.maxAttachmentBytes + 1);
          return [file('data/table.csv')];
        },
      ],
      ['two attachments at one address', () => [...write('Chart.PNG', 'PNG too'), ...write('chart!.png', 'PNG three')]],
      ['a name with an invisible character', () => write('Gui\u200Bde.md', '# Lookalike\n')],
      [
        'a symbolic link',
        () => {
          symlinkSync(file('Guide.md'), file('Linked.md'));
          return [file('Linked.md')];
        },
      ],
      [
        'a folder of notes',
        () => [
          ...write('team/Onboarding.md', '# Onboarding\n\nStart at [[Guide#Steps]].\n'),
          ...write('team/Tools.md', '# Tools\n\n[[Onboarding]]\n'),
        ],
      ],
      [
        'a folder renamed',
        () => {
          renameSync(file('team'), file('people'));
          return [file('team'), file('people')];
        },
      ],
      ['a heading renamed', () => write('Guide.md', '# Guide\n\n## First steps\n\nBack [[Home]].\n')],
      [
        'a note deleted',
        () => {
          rmSync(file('Home.md'));
          return [file('Home.md')];
        },
      ],
      ['frontmatter that cannot be read', () => write('Guide.md', '---\ntags: [open\n---\n# Guide\n')],
    ];

    let dev = await loadGarden(config, { keepScan: true });
    for (const [label, edit] of edits) {
      dev = await updateGarden(dev, edit());
      const build = await loadGarden(config);
      expect(site(dev), label).toEqual(site(build));
    }
    // The edits did reach the rules they are about.
    const rules = new Set(dev.diagnostics.map((d) => d.rule));
    for (const rule of ['file-too-large', 'slug-collision', 'confusable-name', 'symlink', 'frontmatter-syntax'])
      expect(rules, rule).toContain(rule);
    expect(Object.keys(site(dev).pages)).toEqual(expect.arrayContaining(['people/onboarding', 'people/tools']));
    expect(Object.keys(site(dev).pages)).not.toContain('private/secret');
  });
});
