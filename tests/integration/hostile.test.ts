import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckReportJson } from '../../src/cli/check-report.ts';
import { resolveGardenConfig } from '../../src/core/config/config.ts';
import { loadGarden, type Garden } from '../../src/core/build/build.ts';
import { LIMITS } from '../../src/core/common/limits.ts';
import { renderFailureDiagnostic, renderNote, renderOnDemand } from '../../src/core/render/render-note.ts';
import { handOverSiteData } from '../../src/site/site-data.ts';
import { noteContent } from '../../src/site/note-page.ts';
import { htmlOf } from '../support/render.ts';
import { asContentPath } from '../../src/core/common/types.ts';
import { SiteUrls } from '../../src/core/links/urls.ts';
import { projectRoot } from '../support/build-site.ts';
import { runGarden } from '../support/cli.ts';
import { createHostileGarden, HOSTILE_GLOBAL } from '../support/hostile-garden.ts';
import { unsafeMarkup } from '../support/html-safety.ts';
import { NO_DISCUSSIONS } from '../../src/core/comments/read-discussions.ts';

/**
 * The hostile garden (tests/support/hostile-garden.ts) through `garden check` and the render
 * pipeline: each hostile note must produce exactly the problems listed here (rule, line, column),
 * nothing else, and every note that is published must render to safe HTML. The built site is
 * tested in the browser by tests/e2e/hostile.test.ts.
 */

const RLO = '\u202E';

/** `file:line:column severity rule` for every problem, grouped by what the notes attack. */
const EXPECTED: Record<string, string[]> = {
  // Raw HTML and addresses. Every `javascript:`, `vbscript:` and `data:` address is an error, in
  // every Markdown form (inline, reference, entity-encoded, autolink, angle brackets, numeric
  // entities, image) and in raw HTML (any case, entity-encoded, with a tab or a leading space).
  // Raw HTML positions are those of the HTML block. The missing files are the raw `<img>`,
  // `<video>` and `<source>` sources, and the `<img src=x>` that an HTML reader finds in the
  // `<noscript>` mutation attack (the page shows it as text of an attribute, see below).
  // `//evil.example` links are external (no problem, no resolution in the garden).
  attacks: [
    'Attacks/Clobbering.md:5:36 error missing-attachment',
    'Attacks/Markdown links.md:3:8 error unsafe-url',
    'Attacks/Markdown links.md:3:49 error unsafe-url',
    'Attacks/Markdown links.md:3:69 error unsafe-url',
    'Attacks/Markdown links.md:5:10 error unsafe-url',
    'Attacks/Markdown links.md:5:60 error unsafe-url',
    'Attacks/Markdown links.md:7:18 error unsafe-url',
    'Attacks/Markdown links.md:9:10 error unsafe-url',
    'Attacks/Markdown links.md:9:63 error unsafe-url',
    'Attacks/Markdown links.md:11:13 error unsafe-url',
    'Attacks/Markdown links.md:11:84 error unsafe-url',
    'Attacks/Raw HTML.md:5:1 error missing-attachment',
    'Attacks/Raw HTML.md:23:1 error missing-attachment',
    'Attacks/Raw HTML.md:23:57 error missing-attachment',
    'Attacks/Raw HTML.md:31:11 error missing-attachment',
    'Attacks/Raw HTML.md:33:1 error unsafe-url',
    'Attacks/Raw HTML.md:33:60 error unsafe-url',
    'Attacks/Raw HTML.md:34:1 error unsafe-url',
    'Attacks/Raw HTML.md:34:63 error unsafe-url',
    'Attacks/Raw HTML.md:35:1 error unsafe-url',
    'Attacks/Raw HTML.md:35:57 error unsafe-url',
    'Attacks/Raw HTML.md:37:1 error unsafe-url',
    'Attacks/Raw HTML.md:39:1 error unsafe-url',
  ],
  // The build's output: a file named like a page, `404.html`, a feed or a sitemap is not passive
  // (unsafe-attachment); a passive one at an address the build writes (`favicon.svg`,
  // `robots.txt`, `graph.json`, inside `pagefind/`) is reserved. Every link to them is reported.
  output: [
    'Attacks/Build output.md:3:74 error unsafe-attachment', // index.html
    'Attacks/Build output.md:4:5 error unsafe-attachment', // 404.html
    'Attacks/Build output.md:4:48 error unsafe-attachment', // Features/Links/index.html
    'Attacks/Build output.md:5:1 error unsafe-attachment', // feed.xml
    'Attacks/Build output.md:5:26 error unsafe-attachment', // sitemap.xml
    'Attacks/Build output.md:5:57 error reserved-output-path', // favicon.svg
    'Attacks/Build output.md:5:81 error reserved-output-path', // robots.txt
    'Attacks/Build output.md:6:5 error reserved-output-path', // graph.json
    'Attacks/Build output.md:6:32 error reserved-output-path', // pagefind/pagefind-entry.json
  ],
  // Files a browser runs, and files static hosts read as their configuration; the SVG is
  // published sanitized, with a warning that names what was removed.
  active: [
    'Attacks/Active files.md:3:50 error unsafe-attachment', // page.html
    'Attacks/Active files.md:3:81 error unsafe-attachment', // page.xhtml
    'Attacks/Active files.md:4:1 error unsafe-attachment', // worker.js
    'Attacks/Active files.md:4:34 error unsafe-attachment', // register.html
    'Attacks/Active files.md:5:1 error unsafe-attachment', // theme.css
    'Attacks/Active files.md:5:38 error unsafe-attachment', // app.wasm
    'Attacks/Active files.md:5:73 error unsafe-attachment', // app.webmanifest
    'Attacks/Active files.md:6:5 error unsafe-attachment', // data.xml
    'Attacks/Active files.md:8:54 error unsafe-attachment', // CNAME
    'Attacks/Active files.md:8:73 error unsafe-attachment', // _headers
    'Attacks/Active files.md:9:1 error unsafe-attachment', // _redirects
    'Attacks/Active files.md:9:30 error unsafe-attachment', // vercel.json
    'Attacks/Active files.md:9:61 error unsafe-attachment', // staticwebapp.config.json
    'active/drawing.svg:-:- warning svg-sanitized',
  ],
  // Names: too long for a file system once they are addresses (shortened, with a warning), and
  // names that read like another one.
  names: [
    'Names/Long alias.md:-:- warning name-shortened',
    'Names/Long tag.md:-:- warning name-shortened',
    'Names/Vic\u034Ftim.md:-:- error slug-collision', // addresses drop invisible characters: /names/victim/ is Victim.md's
    'Names/Vic\u034Ftim.md:-:- warning confusable-name', // an invisible character…
    'Names/Vic\u034Ftim.md:-:- warning confusable-name', // …and so it reads like Victim
    'Names/Viсtim.md:-:- warning confusable-name', // reads like Victim…
    'Names/Viсtim.md:-:- warning confusable-name', // …with a Cyrillic letter in a Latin word
    `Names/${'b'.repeat(249)}.md:-:- warning name-shortened`,
    `Names/${'İ'.repeat(120)}.md:-:- warning name-shortened`,
  ],
  // Frontmatter: code is refused (`---js`, `---javascript`, YAML tags), an alias bomb is stopped,
  // every other fault is reported at its line and the note is published from its body.
  frontmatter: [
    'Frontmatter/Alias bomb.md:1:1 error frontmatter-syntax',
    'Frontmatter/Dates.md:3:10 warning frontmatter-invalid', // 2024-02-30 does not exist
    'Frontmatter/Dates.md:4:10 info frontmatter-vault-value', // "last week": the vault's own
    'Frontmatter/Duplicate keys.md:4:1 error frontmatter-syntax',
    'Frontmatter/Huge.md:1:1 error frontmatter-too-large',
    'Frontmatter/JS engine.md:1:4 error frontmatter-language',
    'Frontmatter/JavaScript engine.md:1:4 error frontmatter-language',
    'Frontmatter/Prototype.md:3:12 info frontmatter-unknown-key',
    'Frontmatter/Prototype.md:4:14 info frontmatter-unknown-key',
    'Frontmatter/Unclosed.md:1:1 error frontmatter-unclosed',
    'Frontmatter/Wrong types.md:2:8 warning frontmatter-invalid', // a title that is a list
    'Frontmatter/Wrong types.md:3:7 warning frontmatter-invalid', // `5` is no tag
    'Frontmatter/Wrong types.md:3:7 info frontmatter-read-as', // one value read as a list
    'Frontmatter/Wrong types.md:4:8 error frontmatter-invalid', // `draft: maybe`: kept unpublished
    'Frontmatter/Wrong types.md:5:10 warning frontmatter-invalid', // aliases that are a set of fields
    'Frontmatter/YAML tags.md:2:8 error frontmatter-syntax',
  ],
  // Size and pathological Markdown: refused before parsing (src/core/common/limits.ts).
  size: [
    'Size/Aliases.md:3:3 error aliases-too-many',
    'Size/Brackets.md:3:33 error brackets-too-deep',
    'Size/Emphasis.md:502:1 error markers-too-many',
    'Size/Five megabytes.md:-:- error file-too-large',
    'Size/Headings.md:2001:1 error headings-too-many',
    'Size/Indented lists.md:73:141 error nesting-too-deep',
    'Size/Links.md:10003:1 error links-too-many',
    `Size/Long line.md:3:${LIMITS.maxLineLength + 1} error line-too-long`,
    'Size/Long list.md:50003:1 error list-items-too-many',
    'Size/Long table.md:3:1 error table-too-large',
    'Size/Nested lists.md:3:141 error nesting-too-deep',
    'Size/Nested quotes.md:3:71 error nesting-too-deep',
    'Size/Tags.md:-:- error tags-too-many',
    'Size/Wide table.md:3:1 error table-too-large',
  ],
  // Structure: cycles and depth named with their path; the diamond, the folder named `Folder.md`
  // and the empty notes are fine; nothing resolves outside the content folder; links are refused.
  structure: [
    `Structure/Chain ${LIMITS.maxEmbedDepth + 1}.md:3:1 warning embed-too-deep`,
    `Structure/Chain ${LIMITS.maxEmbedDepth + 2}.md:3:1 warning embed-too-deep`,
    'Structure/Cycle B.md:3:1 error embed-cycle',
    'Structure/Linked folder:-:- error symlink',
    'Structure/Linked note.md:-:- error symlink',
    'Structure/Self embed.md:3:1 error embed-cycle',
    'Structure/Traversal.md:3:1 warning link-outside-content', // ![[../../.env]]
    'Structure/Traversal.md:5:1 warning link-outside-content', // ![passwd](../../../etc/passwd)
    'Structure/Traversal.md:7:1 warning link-outside-content', // <img src="../../../../etc/passwd">
    'Structure/Traversal.md:9:1 warning link-outside-content',
    'Structure/Traversal.md:9:33 warning link-outside-content',
    'Structure/Traversal.md:11:1 warning unsupported-url', // file:///etc/passwd
    'Structure/Traversal.md:13:25 error missing-attachment', // the symbolic link secret.png
    'Structure/passwd.md:-:- error symlink',
    'Structure/secret.png:-:- error symlink',
  ],
  // Text: encodings, invisible characters, names that read alike.
  text: [
    'Text/Bidi in links.md:3:39 error broken-link',
    'Text/Bidi in links.md:3:48 error bidi-control',
    'Text/Bidi in links.md:5:22 error broken-link',
    'Text/Café.md:-:- error duplicate-name', // NFC and NFD spellings of one name
    'Text/Control characters.md:3:7 warning control-character',
    'Text/Invalid UTF-8.md:3:4 error invalid-utf8',
    `Text/Payroll${RLO}fdp.exe.md:-:- error unsafe-file-name`,
    'Text/Q&A.md:-:- error slug-collision', // and Text/Q A.md
    'Text/Tab\tin name.md:-:- error unsafe-file-name',
    'Text/read me first.md:-:- error slug-collision', // and Text/Read me first.md
  ],
  home: ['index.md:12:76 warning link-to-draft'], // [[Five megabytes]], refused
  // A template that is a link: `garden new` would copy what it points at into a note.
  templates: ['templates/faq.md:-:- error symlink'],
};

let content: string;
let report: CheckReportJson;
let exitCode: number;
let garden: Garden;

beforeAll(async () => {
  content = createHostileGarden();
  const result = await runGarden(['check', '--format', 'json', '--verbose', '--content', content], { cwd: projectRoot });
  exitCode = result.code;
  report = JSON.parse(result.stdout) as CheckReportJson;
  garden = await loadGarden(resolveGardenConfig({ content }, {}));
});

afterAll(() => {
  if (content) rmSync(content, { recursive: true, force: true });
});

const diagnostic = (file: string) => report.diagnostics.filter((d) => d.file === file);
const renderedHtml = (file: string) => {
  const note = garden.index.byPath.get(asContentPath(file));
  if (!note) throw new Error(`${file} was not indexed`);
  return htmlOf(garden, note);
};

describe('garden check on the hostile garden', () => {
  it('reports exactly the expected problems, each at its line and column, and fails', () => {
    const short = report.diagnostics.map((d) => `${d.file}:${d.line ?? '-'}:${d.column ?? '-'} ${d.severity} ${d.rule}`);
    expect(short).toEqual(Object.values(EXPECTED).flat().sort(byFileThenPosition));
    expect(exitCode).toBe(1);
  });

  it('never runs frontmatter code, and no key pollutes Object.prototype', () => {
    expect((globalThis as Record<string, unknown>)[HOSTILE_GLOBAL]).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(diagnostic('Frontmatter/JS engine.md')[0]?.message).toContain('code in notes is never run');
    // A note whose YAML cannot be read is still published, from its body, titled by its file name.
    const note = garden.index.byPath.get(asContentPath('Frontmatter/JS engine.md'));
    expect(note).toMatchObject({ published: true, title: 'JS engine', frontmatter: {} });
    // A draft flag that cannot be read keeps the note unpublished (fail closed).
    expect(garden.index.byPath.get(asContentPath('Frontmatter/Wrong types.md'))?.published).toBe(false);
  });

  it('refuses pathological notes before the parser sees them, and keeps them as unpublished notes', () => {
    for (const file of EXPECTED.size!.map((line) => line.slice(0, line.indexOf('.md:') + 3))) {
      const note = garden.index.byPath.get(asContentPath(file));
      expect(note, file).toMatchObject({ published: false });
      // Refused notes reach the index with an empty body: nothing of them was parsed.
      expect(note?.tree.children, file).toEqual([]);
    }
    expect(diagnostic('Size/Nested quotes.md')[0]?.message).toBe(
      'Line 3 nests block quotes, callouts or lists 5000 levels deep; at most 70 levels are allowed. The note is not published.',
    );
    expect(diagnostic('Size/Wide table.md')[0]?.message).toContain('has 1000 columns; tables may have at most 100');
    expect(diagnostic('Size/Five megabytes.md')[0]?.message).toBe('The note is 5.0 MiB; notes larger than 1 MiB are not published.');
  });

  it('refuses notes beyond a quantity limit whole: none of their tags, aliases or links reach the garden', () => {
    for (const file of ['Size/Tags.md', 'Size/Aliases.md', 'Size/Headings.md', 'Size/Links.md']) {
      const note = garden.index.byPath.get(asContentPath(file))!;
      expect(note, file).toMatchObject({ published: false, tags: [] });
      expect(note.facts.links, file).toEqual([]);
    }
    expect([...garden.index.tags.keys()].filter((tag) => /^t\d+$/.test(tag))).toEqual([]);
    expect(garden.redirects.filter((redirect) => redirect.source.startsWith('Alias '))).toEqual([]);
    expect(diagnostic('Size/Tags.md')[0]?.message).toBe(
      'The note has more than 200 tags (each level of a nested tag counts: `#a/b` is `a` and `a/b`); every tag is a page of the site. The note is not published.',
    );
  });

  it('publishes long names shortened with a hash, every part within what file systems take', () => {
    const bytes = (text: string) => Buffer.byteLength(text);
    const names = [
      ...garden.index.bySlug.keys(),
      ...[...garden.index.tags.values()].map((tag) => `tags/${tag.slug}`),
      ...garden.redirects.map((redirect) => redirect.from),
    ];
    expect(names.filter((name) => name.split('/').some((segment) => bytes(segment) > 200))).toEqual([]);
    expect(garden.index.byPath.get(asContentPath(`Names/${'b'.repeat(249)}.md`))?.slug).toMatch(/^names\/b{189}-[0-9a-f]{10}$/);
    expect(garden.index.tags.get(`${'漢'.repeat(63)}-2d272e70a9`)?.name).toBe('漢'.repeat(150));
    expect(diagnostic('Names/Long tag.md')[0]?.message).toContain(`it is published shortened, as /${'漢'.repeat(63)}-2d272e70a9.`);
  });

  it('publishes only passive attachments, an SVG sanitized, and none at a path the build writes', () => {
    expect([...garden.index.attachmentsUsed].sort()).toEqual([
      'active/drawing.svg',
      'active/numbers.csv',
      'media/diagram.png',
      'media/handbook.pdf',
    ]);
    const svg = garden.attachments.get(asContentPath('active/drawing.svg'))?.sanitized ?? '';
    expect(svg).toContain('<rect width="40" height="20" fill="#2b6a4f"/>');
    expect(svg).not.toMatch(/script|onload|foreignObject|iframe|javascript:|evil\.example/i);
    expect(diagnostic('active/drawing.svg')[0]?.message).toBe(
      'This SVG is published without what could run or load something when it is opened: xlink:href="javascript:alert(\'link\')", href="https://evil.example/pixel.png", onload, <script>, <foreignObject>.',
    );
    expect(diagnostic('Attacks/Active files.md')[2]?.message).toBe(
      "`../active/worker.js` points at active/worker.js, which is not published: `.js` files are not on the list of passive types (a script, which a page or a service worker would run at the site's address). The link is shown as plain text.",
    );
    // The links to refused files are text; the passive file is a link.
    const html = renderedHtml('Attacks/Active files.md');
    expect(html).not.toMatch(/href="[^"]*(page|worker|register|theme|app|data|cname|headers|redirects|vercel|staticwebapp)\b/i);
    expect(html).toContain('<a href="/active/numbers.csv" class="attachment">a data file</a>');
    expect(html).toContain('<img src="/active/drawing.svg" alt="drawing"');
    expect(renderedHtml('Attacks/Build output.md')).not.toMatch(/<a href/);
  });

  it('names embed cycles and deep chains by their path', () => {
    expect(diagnostic('Structure/Cycle B.md')[0]?.message).toContain('Structure/Cycle A.md → Structure/Cycle B.md → Structure/Cycle A.md');
    expect(diagnostic('Structure/Self embed.md')[0]?.message).toContain('Structure/Self embed.md → Structure/Self embed.md');
    const chain = Array.from({ length: LIMITS.maxEmbedDepth + 2 }, (_, index) => `Structure/Chain ${index + 1}.md`).join(' → ');
    expect(diagnostic(`Structure/Chain ${LIMITS.maxEmbedDepth + 1}.md`)[0]?.message).toContain(chain);
    expect(renderedHtml('Structure/Diamond top.md').match(/Shown twice on the top note/g)).toHaveLength(2);
  });

  it('publishes the folder named like a note and the empty notes', () => {
    for (const file of [
      'Structure/Folder.md/index.md',
      'Structure/Folder.md/Inside.md',
      'Structure/Empty.md',
      'Structure/Whitespace only.md',
      'Structure/Only frontmatter.md',
    ]) {
      expect(garden.index.byPath.get(asContentPath(file))?.published, file).toBe(true);
    }
    expect(garden.index.byPath.get(asContentPath('Structure/Empty.md'))?.title).toBe('Empty');
  });

  it('reads nothing outside the content folder and through no symbolic link', () => {
    const paths = [...garden.index.byPath.keys(), ...garden.index.attachmentsUsed];
    expect(paths.filter((file) => /passwd|hostname|Linked|secret|\.env/.test(file))).toEqual([]);
    expect(renderedHtml('Structure/Traversal.md')).not.toMatch(/etc\/passwd"|\.env"|root:/);
  });

  it('escapes invisible characters in the messages about file names', () => {
    expect(diagnostic(`Text/Payroll${RLO}fdp.exe.md`)[0]?.message).toContain('Payroll\\u{202e}fdp.exe.md');
    expect(diagnostic('Text/Tab\tin name.md')[0]?.message).toContain('Tab\\u{9}in name.md');
  });
});

describe('the hostile notes as pages', () => {
  it('render to safe HTML: no script, handler, inline style, dangerous address or foreign frame', () => {
    const problems = garden.index.notes
      .filter((note) => note.published)
      .flatMap((note) => unsafeMarkup(htmlOf(garden, note)).map((problem) => `${note.path}: ${problem}`));
    expect(problems).toEqual([]);
  });

  it('keep what GitHub keeps of raw HTML, and the text of what they drop', () => {
    const html = renderedHtml('Attacks/Raw HTML.md');
    expect(html).toContain('<div>Styled and scripted div</div>');
    expect(html).toContain('<details open><summary>Toggle</summary>Details text</details>');
    expect(html).toContain('<a>raw javascript link</a>');
    expect(html).toContain('svg link');
  });

  it('treat protocol-relative and backslash addresses as external', () => {
    const links = garden.index.outgoing.get(asContentPath('Attacks/Markdown links.md')) ?? [];
    const external = links.filter((link) => link.raw.startsWith('//')).map((link) => link.resolution.kind);
    expect(external).toEqual(['external', 'external']);
    expect(renderedHtml('Attacks/Markdown links.md')).toContain('<a href="//evil.example/path">elsewhere</a>');
  });

  it("namespace raw HTML ids and the headings that would take the page's own ids (DOM clobbering)", () => {
    const html = renderedHtml('Attacks/Clobbering.md');
    expect(html).toContain('<h2 id="user-content-giscus">');
    expect(html).toContain('name="user-content-kg-main"');
    expect(html).toContain('id="user-content-kg-search-input"');
    expect(html).toContain('<h2 id="user-content-kg-toc">kg toc</h2>');
    expect(html).not.toMatch(/ (id|name)="(d?kg-|giscus)/);
  });

  it("never let one note's failure to render stop the build: the page says so, the build reports it", () => {
    const note = garden.index.byPath.get(asContentPath('Structure/Empty.md'))!;
    // A note whose rendering throws, wherever in the pipeline: here, as its tree is read.
    const tree = Object.getOwnPropertyDescriptor(note, 'tree')!;
    Object.defineProperty(note, 'tree', {
      configurable: true,
      get: () => {
        throw new Error('the tree is broken');
      },
    });
    const urls = new SiteUrls('/');
    let rendered: ReturnType<typeof renderNote> | undefined;
    let page: ReturnType<typeof noteContent> | undefined;
    try {
      rendered = renderNote(garden, note, urls);
      handOverSiteData({ garden, urls, rendered: renderOnDemand(garden, urls), discussions: NO_DISCUSSIONS, publishing: true });
      page = noteContent(note);
    } finally {
      Object.defineProperty(note, 'tree', tree);
    }
    expect(rendered).toEqual({ failure: 'the tree is broken' });
    expect(page).toEqual({ html: expect.stringContaining('This note could not be shown.'), hasDiagram: false });
    // What the build reports for it (src/core/build/site-build.ts), which fails a strict build.
    expect(renderFailureDiagnostic(note.path, 'the tree is broken')).toEqual(
      expect.objectContaining({ file: 'Structure/Empty.md', severity: 'error', rule: 'render-failed' }),
    );
    expect(garden.diagnostics.some((d) => d.rule === 'render-failed')).toBe(false);
  });

  it('show control characters as � and keep the rest of the note', () => {
    expect(renderedHtml('Text/Control characters.md')).toContain('A NUL \uFFFD here, an escape \uFFFD[31m there, a bell \uFFFD.');
    expect(renderedHtml('Text/Invalid UTF-8.md')).toContain('Caf\uFFFD au lait');
  });
});

function byFileThenPosition(a: string, b: string): number {
  const parse = (entry: string) => {
    const match = /^(.*):(\d+|-):(\d+|-) /.exec(entry)!;
    return { file: match[1]!, line: match[2] === '-' ? 0 : Number(match[2]), column: match[3] === '-' ? 0 : Number(match[3]) };
  };
  const x = parse(a);
  const y = parse(b);
  if (x.file !== y.file) return x.file < y.file ? -1 : 1;
  return x.line - y.line || x.column - y.column;
}
