import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { fromHtml } from 'hast-util-from-html';
import type { Nodes } from 'hast';
import { describe, expect, it } from 'vitest';
import { resolveGardenConfig } from '../../src/core/config/config.ts';
import { loadGarden } from '../../src/core/build/build.ts';
import { ParallelBuild } from '../../src/core/build/workers/parallel-build.ts';
import { SiteUrls } from '../../src/core/links/urls.ts';
import { isRenderFailure } from '../../src/core/render/render-note.ts';
import { unsafeMarkup } from '../support/html-safety.ts';

/**
 * Property-based test of the whole pipeline: random notes (frontmatter and Markdown assembled from
 * fragments that attack the sanitizer, the parser and the garden's dialect, mixed with random text)
 * go through `loadGarden` (scan, limits, frontmatter, parse, index) and the render pipeline, parsed and
 * rendered in the build's worker threads, for a bounded number of gardens. For every one: nothing
 * throws or runs out of its time budget, no frontmatter code runs, and every published page is safe
 * HTML (tests/support/html-safety.ts) whose ids and names never take the page's own (`kg-…`).
 *
 * In workers with a time budget, as in a build, so that a note that sends the parser into an endless
 * loop (as a `%%` comment spanning lines once did) fails this test with the note's text, instead of
 * hanging the test run: a loop on the test's own thread cannot be interrupted.
 */
const NOTE_BUDGET_MS = 20_000;

const MARKDOWN_FRAGMENTS = [
  // structure
  '\n',
  '\n\n',
  '# ',
  '## ',
  '> ',
  '>> ',
  '- ',
  '* ',
  '1. ',
  '    ',
  '\t',
  '---\n',
  '***',
  '|',
  '| a | b |\n|---|---|\n',
  '```\n',
  '```js\n',
  '```mermaid\n',
  '~~~\n',
  '$$\n',
  '$',
  '%%',
  '^block',
  ' ^id\n',
  '> [!warning] Title\n> ',
  '> [!faq]- Folded\n> ',
  '[^1]',
  '[^1]: note\n',
  '- [ ] ',
  '- [x] ',
  // inline markers
  '*',
  '**',
  '_',
  '__',
  '~~',
  '==',
  '`',
  '``',
  '\\',
  '[',
  ']',
  '(',
  ')',
  '!',
  '<',
  '>',
  '"',
  "'",
  '&',
  ';',
  ':',
  '#tag ',
  '#a/b ',
  '&amp;',
  '&#x6A;',
  '&#106;',
  '&#9;',
  // links, embeds and addresses
  '[x](',
  '](',
  '[[',
  ']]',
  '![[',
  '[[Other note]]',
  '![[Other note]]',
  '![[A]]',
  '![[B#Heading]]',
  '[[#Heading]]',
  '[[Other note|label]]',
  '[x][ref]',
  '[ref]: ',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'jav&#x09;ascript:alert(1)',
  '&#106;avascript:alert(1)',
  'vbscript:msgbox(1)',
  'data:text/html,<script>alert(1)</script>',
  'data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+',
  '//evil.example/x',
  '/\\evil.example',
  '\\\\evil.example',
  '../../../etc/passwd',
  '![](',
  '<javascript:alert(1)>',
  'https://example.com/a.png',
  // raw HTML
  '<script>alert(1)</script>',
  '<script src="//evil.example/x.js"></script>',
  '</script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<svg><a xlink:href="javascript:alert(1)">x</a></svg>',
  '<iframe src="//evil.example"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>">',
  '<a href="javascript:alert(1)">',
  '<a href=" javascript:alert(1)">',
  '</a>',
  '<div style="background:url(x)">',
  '</div>',
  '<style>*{}</style>',
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<template><img src=x onerror=alert(1)></template>',
  '<!--',
  '-->',
  '<![CDATA[',
  ']]>',
  '<details open ontoggle=alert(1)>',
  '<object data="x"></object>',
  '<embed src="x">',
  '<form action="//evil.example"><input name=q autofocus onfocus=alert(1)>',
  '<button formaction="javascript:alert(1)">',
  '<textarea>',
  '<title>',
  '<xmp>',
  '<plaintext>',
  '<base href="//evil.example/">',
  '<meta http-equiv="refresh" content="0;url=//evil.example">',
  '<link rel=stylesheet href=//evil.example>',
  '<h2 id="kg-main">',
  '<a name="kg-toc">',
  '<img name="getElementById">',
  '<video src=x onerror=alert(1)>',
  '<audio src=x>',
  '<source src=x onerror=alert(1)>',
  '<p onclick="alert(1)" style="x">',
  ' onmouseover=alert(1) ',
  '<div class="kg-callout" data-callout="warning">',
  '<pre data-language="js" class="kg-code">',
  '<input type=checkbox checked>',
  '<span class="internal wanted">',
  // headings that would take the page's ids
  '# kg main\n',
  '## kg toc\n',
  '## dkg mermaid 1\n',
  '# giscus\n',
];

const FRONTMATTER_KEYS = [
  'title',
  'description',
  'tags',
  'aliases',
  'draft',
  'publish',
  'id',
  'created',
  'updated',
  'lang',
  'comments',
  'type',
  'owner',
  '__proto__',
  'constructor',
  'unknown',
];
const FRONTMATTER_VALUES = [
  'Plain title',
  '"<script>alert(1)</script>"',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '[a, b]',
  '{ a: 1 }',
  'true',
  'false',
  'yes',
  '2024-02-30',
  '2024-05-31',
  '5',
  '~',
  '',
  '&anchor [x, x]',
  '*anchor',
  '!!js/function "function () { globalThis.__gardenFuzzRan = true }"',
  '!!binary aGk=',
  '"unterminated',
  '[unclosed',
  '|\n  multi\n  line',
  '"\u202Ereversed"',
  '"a\u0000b"',
];

const markdown = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...MARKDOWN_FRAGMENTS) },
      { weight: 1, arbitrary: fc.string({ maxLength: 12, unit: 'binary' }) },
    ),
    { maxLength: 50 },
  )
  .map((parts) => parts.join(''));

const frontmatter = fc.oneof(
  fc.constant(''),
  fc
    .array(fc.tuple(fc.constantFrom(...FRONTMATTER_KEYS), fc.constantFrom(...FRONTMATTER_VALUES)), { maxLength: 6 })
    .map((pairs) => `---\n${pairs.map(([key, value]) => `${key}: ${value}`).join('\n')}\n---\n`),
  fc.constantFrom(
    '---js\n{ title: (globalThis.__gardenFuzzRan = true) }\n---\n',
    '---javascript\nglobalThis.__gardenFuzzRan = true\n---\n',
    '---\nunclosed: true\n',
    '---coffee\nx: 1\n---\n',
  ),
);

const note = fc.tuple(frontmatter, markdown).map(([head, body]) => head + body);

/**
 * The page's own ids (and Mermaid's): no element from a note may take one. (Raw HTML ids are all
 * namespaced, `<h2 id="giscus">` included, see tests/integration/hostile.test.ts; a Markdown
 * heading keeps its readable anchor, `# Giscus` → `#giscus`, unless it would take a page id.)
 */
const PAGE_ID = /^d?kg-/;

function pageIdProblems(html: string): string[] {
  const problems: string[] = [];
  const visit = (node: Nodes) => {
    if (node.type === 'element') {
      for (const key of ['id', 'name'] as const) {
        const value = node.properties[key];
        if (typeof value === 'string' && PAGE_ID.test(value)) problems.push(`<${node.tagName} ${key}="${value}">`);
      }
    }
    if ('children' in node) for (const child of node.children) visit(child as Nodes);
  };
  visit(fromHtml(html, { fragment: true }));
  return problems;
}

describe('the pipeline on random notes', () => {
  it('never crashes, never runs frontmatter code, and always renders safe HTML', async () => {
    const urls = new SiteUrls('/');
    const parallel = new ParallelBuild({ workers: 1, noteBudgetMs: NOTE_BUDGET_MS });
    try {
      await fc.assert(
        fc.asyncProperty(note, note, async (a, b) => {
          const content = mkdtempSync(path.join(tmpdir(), 'garden-fuzz-'));
          const cache = mkdtempSync(path.join(tmpdir(), 'garden-fuzz-cache-'));
          try {
            writeFileSync(path.join(content, 'A.md'), a);
            writeFileSync(path.join(content, 'B.md'), b);
            writeFileSync(path.join(content, 'Other note.md'), '# Other note\n\n## Heading\n\nText. ![[A]]\n');
            const garden = await loadGarden(resolveGardenConfig({ content }, {}), { parallel, keepScan: true });
            const tooSlow = garden.diagnostics.filter(
              (diagnostic) => diagnostic.rule === 'note-too-slow' || diagnostic.rule === 'parse-failed',
            );
            if (tooSlow.length > 0) throw new Error(tooSlow.map((diagnostic) => `${diagnostic.file}: ${diagnostic.message}`).join('\n'));
            const bodies = new Map(garden.scan!.notes.map((scanned) => [scanned.path, scanned.body]));
            const { notes } = await parallel.prerender(garden.index, urls, cache, bodies);
            for (const indexed of garden.index.notes) {
              if (!indexed.published) continue;
              const page = notes.page(indexed);
              if (isRenderFailure(page)) throw new Error(`${indexed.path} could not be rendered: ${page.failure}`);
              const problems = [...unsafeMarkup(page.html), ...pageIdProblems(page.html)];
              if (problems.length > 0) throw new Error(`${indexed.path}: ${problems.join(', ')}\n${page.html}`);
            }
            expect((globalThis as Record<string, unknown>).__gardenFuzzRan).toBeUndefined();
          } finally {
            rmSync(content, { recursive: true, force: true });
            rmSync(cache, { recursive: true, force: true });
          }
        }),
        { numRuns: Number(process.env.FUZZ_RUNS ?? 300) },
      );
    } finally {
      await parallel.close();
    }
  });
});
