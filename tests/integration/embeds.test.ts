import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveGardenConfig } from '../../src/core/config/config.ts';
import { formatDiagnostic } from '../../src/core/common/diagnostics.ts';
import { loadGarden, type Garden } from '../../src/core/build/build.ts';
import { LIMITS } from '../../src/core/common/limits.ts';
import { htmlOf } from '../support/render.ts';
import { asContentPath } from '../../src/core/common/types.ts';

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
    // _garden/Embeds/Deep 1.md to Deep 32.md: a chain two levels deeper than the limit.
    const limit = LIMITS.maxEmbedDepth;
    expect(limit).toBe(30);
    const deep = (level: number) => `_garden/Embeds/Deep ${level}.md`;
    const path = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => deep(from + index)).join(' → ');
    expect(byRule('embed-too-deep')).toEqual([
      `${deep(limit)}:3:1  warning  embed-too-deep  ![[Deep ${limit + 1}]] is not shown: embeds nest at most ${limit} levels deep, and it is reached through embed-depth/input.md → ${path(1, limit + 1)}. Link to the note instead of embedding it, or embed a note that embeds less.`,
      `${deep(limit + 1)}:3:1  warning  embed-too-deep  ![[Deep ${limit + 2}]] is not shown: embeds nest at most ${limit} levels deep, and it is reached through ${path(1, limit + 2)}. Link to the note instead of embedding it, or embed a note that embeds less.`,
    ]);
  });

  it('reports missing embedded files as missing attachments, missing notes as broken links, missing sections as broken anchors', () => {
    const of = (file: string) =>
      garden.diagnostics.filter((diagnostic) => diagnostic.file === file).map((diagnostic) => `${diagnostic.at?.line} ${diagnostic.rule}`);
    expect(of('attachments/input.md')).toEqual(['17 missing-attachment', '17 missing-attachment']);
    expect(of('embed-missing/input.md')).toEqual(['5 broken-anchor', '9 broken-anchor', '13 broken-link']);
  });

  it('counts embeds as embed edges of the graph', () => {
    const embeds = garden.index.edges.filter((edge) => edge.kind === 'embed' && edge.source === 'embed-diamond/input');
    expect(embeds.map((edge) => edge.target)).toEqual(['garden/embeds/diamond-top']);
    expect(
      garden.index.edges.filter((edge) => edge.kind === 'embed' && edge.source === 'garden/embeds/diamond-left').map((edge) => edge.target),
    ).toEqual(['garden/embeds/diamond-bottom']);
  });
});

describe('a page that would expand too many embeds', () => {
  let garden: Garden;
  beforeAll(async () => {
    // Top embeds A seven times, A embeds B seven times, B embeds C seven times: 7 + 49 + 343 = 399.
    const dir = mkdtempSync(path.join(tmpdir(), 'garden-embeds-'));
    mkdirSync(path.join(dir, 'notes'));
    const fan = (target: string) => Array.from({ length: 7 }, () => `![[${target}]]`).join('\n\n');
    writeFileSync(path.join(dir, 'notes', 'Top.md'), `# Top\n\n${fan('A')}\n`);
    writeFileSync(path.join(dir, 'notes', 'A.md'), `A\n\n${fan('B')}\n`);
    writeFileSync(path.join(dir, 'notes', 'B.md'), `B\n\n${fan('C')}\n`);
    writeFileSync(path.join(dir, 'notes', 'C.md'), 'C\n');
    garden = await loadGarden(resolveGardenConfig({ content: dir }, {}));
  });

  it('is reported by the index', () => {
    expect(garden.diagnostics.map(formatDiagnostic)).toEqual([
      `notes/Top.md  warning  embed-limit  This page would show 399 embedded notes (nested ones included); pages show at most ${LIMITS.maxEmbedsPerPage}, the rest as notices. Embed fewer notes, or link to some of them instead.`,
    ]);
  });

  it('shows the first embeds up to the limit and a notice for the rest', () => {
    const top = garden.index.byPath.get(asContentPath('notes/Top.md'))!;
    const html = htmlOf(garden, top);
    expect(html.match(/<div class="kg-embed">/g)).toHaveLength(LIMITS.maxEmbedsPerPage);
    // Depth first: each A takes 57 expansions (itself, 7 B, 49 C); A1 to A4 take 228, A5 the last
    // 22 (itself, two B with their C, the third B and its first four C). Notices: that B's last
    // three C, A5's last four B, A6 and A7.
    expect(html.match(/<div class="kg-embed kg-embed-too-many">/g)).toHaveLength(3 + 4 + 2);
  });
});

describe('a page that would show too much embedded text', () => {
  let garden: Garden;
  beforeAll(async () => {
    // Three embeds of a note of about 900 KB: the third would take the page past 2 MiB of embedded Markdown.
    const dir = mkdtempSync(path.join(tmpdir(), 'garden-embeds-'));
    writeFileSync(path.join(dir, 'Top.md'), '# Top\n\n![[Big]]\n\n![[Big#Part]]\n\n![[Big]]\n');
    writeFileSync(path.join(dir, 'Big.md'), `# Big\n\n## Part\n\n${`${'Words to embed, many of them. '.repeat(10)}\n\n`.repeat(3_000)}`);
    garden = await loadGarden(resolveGardenConfig({ content: dir }, {}));
  });

  it('is reported by the index, with the size', () => {
    expect(LIMITS.maxEmbeddedBytesPerPage).toBe(2 * 1024 * 1024);
    expect(garden.diagnostics.map(formatDiagnostic)).toEqual([
      'Top.md  warning  embed-limit  This page would show about 2.6 MiB of embedded notes (nested ones included); pages show at most 2 MiB, the rest as notices. Embed sections or blocks (`![[Note#Heading]]`) instead of whole notes, or link to some of them instead.',
    ]);
  });

  it('shows the embeds that fit and a notice for the rest, without copying what it does not show', () => {
    const html = htmlOf(garden, garden.index.byPath.get(asContentPath('Top.md'))!);
    expect(html.match(/<div class="kg-embed">/g)).toHaveLength(2);
    expect(html).toContain('<p class="kg-embed-notice">Not embedded: a page shows at most 2 MiB of embedded notes.</p>');
  });
});
