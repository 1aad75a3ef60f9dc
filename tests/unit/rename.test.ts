import { describe, expect, it } from 'vitest';
import { Resolver, type ResolvableNote } from '../../src/core/links/resolver.ts';
import { namesFileDirectly, urlDestination, wikiLinkName } from '../../src/core/rename/link-forms.ts';
import { linkSitesOf } from '../../src/core/rename/link-sites.ts';
import { rewriteNoteLinks, type LinkIntent } from '../../src/core/rename/rewrite.ts';
import { asContentPath, type ContentPath } from '../../src/core/common/types.ts';

const note = (path: string, aliases: string[] = []): ResolvableNote => ({
  path: asContentPath(path),
  headings: [],
  blockIds: [],
  htmlAnchors: [],
  aliases,
});
const p = asContentPath;
const garden = (notes: string[], attachments: string[] = []) =>
  new Resolver(
    notes.map((path) => note(path)),
    attachments.map(p),
  );

describe('link sites', () => {
  it('are the links of the parsed note, at their offsets in the file (frontmatter, BOM, CRLF)', () => {
    const text =
      '\uFEFF---\r\ntitle: "[[Not a link]]"\r\n---\r\n# T\r\n\r\nSee [[A|x]], [y](b%20c.md "t") and `[[code]]`.\r\n\r\n[r]: <d e.md>\r\n';
    const sites = linkSitesOf(text);
    expect(sites.map((site) => text.slice(site.range.start, site.range.end))).toEqual(['A', 'b%20c.md', '<d e.md>']);
    expect(sites.map((site) => [site.at.line, site.at.column])).toEqual([
      [6, 5],
      [6, 14],
      [8, 1],
    ]);
  });

  it('find HTML href and src values, in a blockquote too, with their quotes', () => {
    const text = 'Text <a href=\'one.md\'>1</a>\n\n> <p>\n> <img alt="x" src="two%20b.png">\n> </p>\n';
    const sites = linkSitesOf(text);
    expect(sites.map((site) => [text.slice(site.range.start, site.range.end), site.syntax === 'html' ? site.quote : ''])).toEqual([
      ['one.md', "'"],
      ['two%20b.png', '"'],
    ]);
  });

  it('skip same-note links and text that only looks like a link', () => {
    expect(linkSitesOf('[[#Heading]] %% [[c]] %% <!-- [[h]] --> \\[[e]]\n\n    [[indented code]]\n')).toEqual([]);
  });
});

describe('wikilink names', () => {
  it('are the shortest suffix that leads to the note alone', () => {
    const resolver = garden(['a/Name.md', 'b/Name.md', 'c/Other.md', 'guides/index.md']);
    expect(wikiLinkName('Old', p('c/Other.md'), { kind: 'note', path: p('c/Other.md') }, resolver)).toBe('Other');
    expect(wikiLinkName('Old', p('c/Other.md'), { kind: 'note', path: p('b/Name.md') }, resolver)).toBe('b/Name');
    // From a/, [[Name]] is a/Name.md, but still ambiguous: qualified anyway.
    expect(wikiLinkName('Old', p('a/x.md'), { kind: 'note', path: p('a/Name.md') }, resolver)).toBe('a/Name');
    expect(wikiLinkName('Old', p('c/Other.md'), { kind: 'note', path: p('guides/index.md') }, resolver)).toBe('guides');
  });

  it('keep the written style: .md, relative, root', () => {
    const resolver = garden(['x/New.md', 'y/z/Here.md']);
    const to = { kind: 'note' as const, path: p('x/New.md') };
    expect(wikiLinkName('Old.md', p('y/z/Here.md'), to, resolver)).toBe('New.md');
    expect(wikiLinkName('../../Old', p('y/z/Here.md'), to, resolver)).toBe('../../x/New');
    expect(wikiLinkName('/Old', p('y/z/Here.md'), to, resolver)).toBe('/x/New');
  });

  it('name attachments with their extension, and refuse paths a wikilink cannot hold', () => {
    const resolver = garden(['n.md'], ['img/a b.png', 'Hash#tag.md']);
    expect(wikiLinkName('old.png', p('n.md'), { kind: 'attachment', path: p('img/a b.png') }, resolver)).toBe('a b.png');
    const odd = new Resolver([note('n.md'), note('Q#A.md')], []);
    expect(wikiLinkName('old', p('n.md'), { kind: 'note', path: p('Q#A.md') }, odd)).toBeUndefined();
  });
});

describe('Markdown and HTML destinations', () => {
  const to = (path: string, kind: 'note' | 'attachment' = 'note') => ({ kind, path: p(path) });

  it('keep the written style', () => {
    const from = p('a/Here.md');
    expect(urlDestination('Old%20one.md#part', from, to('b/New one.md'), 'markdown')).toBe('../b/New%20one.md#part');
    expect(urlDestination('<Old one.md>', from, to('b/New <one>.md'), 'markdown')).toBe('<../b/New \\<one\\>.md>');
    expect(urlDestination('Old', from, to('a/New.md'), 'markdown')).toBe('New');
    expect(urlDestination('./Old.md', from, to('a/sub/New.md'), 'markdown')).toBe('./sub/New.md');
    expect(urlDestination('/Old.md?x=1', from, to('b/(draft) New.md'), 'markdown')).toBe('/b/%28draft%29%20New.md?x=1');
    expect(urlDestination('old/', from, to('guides/index.md'), 'markdown')).toBe('../guides/');
    expect(urlDestination('/old/', from, to('index.md'), 'markdown')).toBe('/');
    expect(urlDestination('Caf%C3%A9.md', from, to('a/Thé.md'), 'markdown')).toBe('Th%C3%A9.md');
    expect(urlDestination('Old.md', from, to('a/Thé & co.md'), 'markdown')).toBe('Thé%20&%20co.md');
    expect(urlDestination('old.md', from, to('a/"Q&A".md'), 'html')).toBe('%22Q&amp;A%22.md');
  });

  it('know a path that names its file from one found by name', () => {
    expect(namesFileDirectly(p('a/n.md'), '../img/x%20y.png', p('img/x y.png'))).toBe(true);
    expect(namesFileDirectly(p('a/n.md'), '../../site/img/x%20y.png', p('img/x y.png'))).toBe(false);
    expect(namesFileDirectly(p('a/n.md'), '/guides/', p('guides/index.md'))).toBe(true);
  });
});

describe('rewriting a note', () => {
  const intent = (path: ContentPath): LinkIntent => ({ kind: 'note', path, ambiguousBefore: false });

  it('changes only the links whose intent the garden no longer fulfils, byte for byte elsewhere', () => {
    const resolver = garden(['New.md', 'Kept.md']);
    const text = 'A [[Old#^b|label]], [[Kept]], ![[Old]] and [x](Old.md).\n';
    const result = rewriteNoteLinks(text, p('Here.md'), resolver, (site) => {
      const name = site.target.form === 'name' ? site.target.name : site.target.url;
      return name.startsWith('Old') ? intent(p('New.md')) : intent(p('Kept.md'));
    });
    expect(result.text).toBe('A [[New#^b|label]], [[Kept]], ![[New]] and [x](New.md).\n');
    expect(result.changes.map((change) => `${change.at.column}: ${change.before} → ${change.after}`)).toEqual([
      '3: Old → New',
      '31: Old → New',
      '44: Old.md → New.md',
    ]);
  });

  it('keeps what the reader sees when only a folder is added, with the table separator in a table', () => {
    const resolver = garden(['a/Budget.md', 'b/Budget.md']);
    const text = '[[Budget]]\n\n| x |\n| - |\n| [[Budget]] |\n';
    const result = rewriteNoteLinks(text, p('c.md'), resolver, () => intent(p('b/Budget.md')));
    expect(result.text).toBe('[[b/Budget|Budget]]\n\n| x |\n| - |\n| [[b/Budget\\|Budget]] |\n');
  });

  it('reports a link it cannot write', () => {
    const resolver = new Resolver([note('Here.md'), note('Q#A.md')], []);
    const result = rewriteNoteLinks('[[Old]]\n', p('Here.md'), resolver, () => intent(p('Q#A.md')));
    expect(result.text).toBe('[[Old]]\n');
    expect(result.problems).toEqual([
      'Here.md:1:1: [[Old]] cannot be rewritten to Q#A.md: a wikilink cannot name a path holding |, # or brackets. Rename the file without them.',
    ]);
  });
});
