import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveGardenConfig } from '../../src/garden/config.ts';
import { formatDiagnostic } from '../../src/garden/diagnostics.ts';
import { loadGarden, type Garden } from '../../src/garden/garden.ts';
import { LIMITS } from '../../src/garden/limits.ts';
import { renderNote } from '../../src/garden/render.ts';
import { asContentPath } from '../../src/garden/types.ts';
import { SiteUrls } from '../../src/garden/urls.ts';

/** The index reports embed cycles, depths and counts as diagnostics, where the pages stop too. */
const fixtures = path.resolve(import.meta.dirname, '..', 'fixtures', 'render');

describe('embed diagnostics of the index', () => {
  let garden: Garden;
  beforeAll(async () => {
    garden = await loadGarden(resolveGardenConfig({ content: fixtures }, {}));
  });
  const byRule = (rule: string) => garden.diagnostics.filter((diagnostic) => diagnostic.rule === rule).map(formatDiagnostic);

  it('reports each cycle once, at the embed that closes it, with the cycle path', () => {
    expect(byRule('embed-cycle')).toEqual([
      '_garden/Embeds/Cycle B.md:5:1  error  embed-cycle  ![[Cycle A]] makes an embed cycle: _garden/Embeds/Cycle A.md → _garden/Embeds/Cycle B.md → _garden/Embeds/Cycle A.md. Pages show a notice instead of repeating it. Remove one of the embeds in the cycle, or link instead of embedding (drop the `!`).',
      '_garden/Embeds/Self.md:5:1  error  embed-cycle  ![[Self]] makes an embed cycle: _garden/Embeds/Self.md → _garden/Embeds/Self.md. Pages show a notice instead of repeating it. Remove one of the embeds in the cycle, or link instead of embedding (drop the `!`).',
    ]);
  });

  it('does not take a diamond for a cycle', () => {
    expect(garden.diagnostics.filter((diagnostic) => diagnostic.file.includes('Diamond'))).toEqual([]);
  });

  it('reports embeds that some page reaches below the depth limit, with the path that reaches them', () => {
    expect(LIMITS.maxEmbedDepth).toBe(4);
    expect(byRule('embed-too-deep')).toEqual([
      '_garden/Embeds/Deep 4.md:3:1  warning  embed-too-deep  ![[Deep 5]] is not shown: embeds nest at most 4 levels deep, and it is reached through embed-depth/input.md → _garden/Embeds/Deep 1.md → _garden/Embeds/Deep 2.md → _garden/Embeds/Deep 3.md → _garden/Embeds/Deep 4.md → _garden/Embeds/Deep 5.md. Link to the note instead of embedding it, or embed a note that embeds less.',
      '_garden/Embeds/Deep 5.md:3:1  warning  embed-too-deep  ![[Deep 6]] is not shown: embeds nest at most 4 levels deep, and it is reached through _garden/Embeds/Deep 1.md → _garden/Embeds/Deep 2.md → _garden/Embeds/Deep 3.md → _garden/Embeds/Deep 4.md → _garden/Embeds/Deep 5.md → _garden/Embeds/Deep 6.md. Link to the note instead of embedding it, or embed a note that embeds less.',
    ]);
  });

  it('reports missing embedded files as missing attachments, missing notes as broken links, missing sections as broken anchors', () => {
    const of = (file: string) => garden.diagnostics.filter((diagnostic) => diagnostic.file === file).map((diagnostic) => `${diagnostic.at?.line} ${diagnostic.rule}`);
    expect(of('attachments/input.md')).toEqual(['17 missing-attachment', '17 missing-attachment']);
    expect(of('embed-missing/input.md')).toEqual(['5 broken-anchor', '9 broken-anchor', '13 broken-link']);
  });

  it('counts embeds as embed edges of the graph', () => {
    const embeds = garden.index.edges.filter((edge) => edge.kind === 'embed' && edge.source === 'embed-diamond/input');
    expect(embeds.map((edge) => edge.target)).toEqual(['garden/embeds/diamond-top']);
    expect(garden.index.edges.filter((edge) => edge.kind === 'embed' && edge.source === 'garden/embeds/diamond-left').map((edge) => edge.target)).toEqual(['garden/embeds/diamond-bottom']);
  });
});

describe('a page that would expand too many embeds', () => {
  let garden: Garden;
  beforeAll(async () => {
    // Top embeds A five times, A embeds B five times, B embeds C five times: 5 + 25 + 125 = 155.
    const dir = mkdtempSync(path.join(tmpdir(), 'garden-embeds-'));
    mkdirSync(path.join(dir, 'notes'));
    const fan = (target: string) => Array.from({ length: 5 }, () => `![[${target}]]`).join('\n\n');
    writeFileSync(path.join(dir, 'notes', 'Top.md'), `# Top\n\n${fan('A')}\n`);
    writeFileSync(path.join(dir, 'notes', 'A.md'), `A\n\n${fan('B')}\n`);
    writeFileSync(path.join(dir, 'notes', 'B.md'), `B\n\n${fan('C')}\n`);
    writeFileSync(path.join(dir, 'notes', 'C.md'), 'C\n');
    garden = await loadGarden(resolveGardenConfig({ content: dir }, {}));
  });

  it('is reported by the index', () => {
    expect(garden.diagnostics.map(formatDiagnostic)).toEqual([
      `notes/Top.md  warning  embed-limit  This page would show 155 embedded notes (nested ones included); pages show at most ${LIMITS.maxEmbedsPerPage}, the rest as notices. Embed fewer notes, or link to some of them instead.`,
    ]);
  });

  it('shows the first embeds up to the limit and a notice for the rest', () => {
    const top = garden.index.byPath.get(asContentPath('notes/Top.md'))!;
    const { html } = renderNote(garden, top, new SiteUrls('/'));
    expect(html.match(/<div class="kg-embed">/g)).toHaveLength(LIMITS.maxEmbedsPerPage);
    // Depth first: A1 to A3 take 93 expansions, A4 and its first B the last 7; the other three
    // B of A4, and A5, are notices.
    expect(html.match(/<div class="kg-embed kg-embed-too-many">/g)).toHaveLength(5);
  });
});
