import { describe, expect, it } from 'vitest';
import { splitFrontmatter } from '../../src/core/scan/frontmatter.ts';

describe('splitFrontmatter', () => {
  it('reads YAML and keeps body positions as file positions', () => {
    const split = splitFrontmatter('---\ntitle: Hello\ntags: [a, b]\n---\n# Body\n');
    expect(split.data).toEqual({ title: 'Hello', tags: ['a', 'b'] });
    expect(split.body.split('\n')[4]).toBe('# Body');
    expect(split.problem).toBeUndefined();
  });

  it('treats a note without frontmatter as all body', () => {
    expect(splitFrontmatter('# Just a note\n')).toMatchObject({ data: undefined, body: '# Just a note\n' });
  });

  it('does not mistake a leading thematic break (----) for frontmatter', () => {
    expect(splitFrontmatter('----\ntext\n').data).toBeUndefined();
  });

  it('reports unclosed frontmatter at line 1 and keeps the whole text as body', () => {
    const split = splitFrontmatter('---\ntitle: x\n# Heading\nText\n');
    expect(split.problem).toMatchObject({ rule: 'frontmatter-unclosed', at: { line: 1, column: 1 } });
    expect(split.body).toContain('Text');
  });

  it('refuses ---js frontmatter without running it', () => {
    const marker = '__gardenFrontmatterRan';
    const split = splitFrontmatter(`---js\n{ title: (globalThis.${marker} = 'ran') }\n---\nBody\n`);
    expect(split.problem?.rule).toBe('frontmatter-language');
    expect((globalThis as Record<string, unknown>)[marker]).toBeUndefined();
  });

  it('refuses ---javascript frontmatter without running it', () => {
    const split = splitFrontmatter('---javascript\nmodule.exports = { title: process.exit(1) }\n---\nBody\n');
    expect(split.problem?.rule).toBe('frontmatter-language');
  });

  it('points a YAML syntax error at its line in the file', () => {
    const split = splitFrontmatter('---\ntitle: ok\ndescription: Why: a story\n---\nBody\n');
    expect(split.problem).toMatchObject({ rule: 'frontmatter-syntax', at: { line: 3 } });
    expect(split.problem?.hint).toContain('quoted');
  });

  it('reports duplicate keys', () => {
    const split = splitFrontmatter('---\ntitle: a\ntitle: b\n---\n');
    expect(split.problem).toMatchObject({ rule: 'frontmatter-syntax', at: { line: 3 } });
    expect(split.problem?.hint).toContain('only once');
  });

  it('bounds YAML alias expansion (billion laughs)', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 0; i < 8; i++)
      bomb.push(
        `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`,
      );
    const split = splitFrontmatter(`---\n${bomb.join('\n')}\n---\nBody\n`);
    expect(split.problem?.rule).toBe('frontmatter-syntax');
    expect(split.data).toBeUndefined();
  });

  it('keeps dates as text (the YAML core schema has no timestamps)', () => {
    expect(splitFrontmatter('---\ncreated: 2024-05-31\n---\n').data).toEqual({ created: '2024-05-31' });
  });

  it('refuses a frontmatter block over the size limit', () => {
    const split = splitFrontmatter(`---\ndescription: "${'x'.repeat(70_000)}"\n---\nBody\n`);
    expect(split.problem?.rule).toBe('frontmatter-too-large');
  });

  it('refuses YAML tags that other readers turn into code, at their line', () => {
    const split = splitFrontmatter('---\ntitle: ok\nrun: !!js/function "function () {}"\n---\nBody\n');
    expect(split.problem).toMatchObject({ rule: 'frontmatter-syntax', at: { line: 3, column: 6 } });
    expect(split.problem?.message).toBe('The frontmatter uses the YAML tag `!!js/function`, which the garden does not read.');
    expect(split.data).toBeUndefined();
  });
});
