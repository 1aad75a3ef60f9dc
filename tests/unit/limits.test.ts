import { describe, expect, it } from 'vitest';
import { checkNoteText, LIMITS } from '../../src/core/common/limits.ts';

const rule = (text: string) => checkNoteText(text)?.rule;
const at = (text: string) => checkNoteText(text)?.at;

describe('checkNoteText (the text limits, checked before parsing)', () => {
  it('accepts ordinary notes', () => {
    const note = [
      '# Title',
      '',
      'A paragraph with *emphasis*, **strong**, ==highlight==, ~~strike~~, [[a link]] and [a link](x.md).',
      '',
      '> [!note] A callout',
      '> > nested quote',
      '',
      '- a list',
      '  - nested',
      '    1. deeper',
      '',
      '| a | b |',
      '|---|---|',
      '| 1 | 2 |',
      '',
      '```python',
      'def __init__(self, *args, **kwargs): pass  # [[[ unbalanced in code',
      '```',
    ].join('\n');
    expect(checkNoteText(note)).toBeUndefined();
  });

  it('refuses a line longer than the limit, at the first character beyond it', () => {
    expect(checkNoteText(`# T\n\n${'x'.repeat(LIMITS.maxLineLength + 1)}`)).toMatchObject({
      rule: 'line-too-long',
      at: { line: 3, column: LIMITS.maxLineLength + 1 },
    });
    expect(rule('x'.repeat(LIMITS.maxLineLength))).toBeUndefined();
  });

  it('refuses deep nesting of quotes, lists and both, however it is written', () => {
    const over = LIMITS.maxNesting + 1;
    expect(checkNoteText(`${'>'.repeat(over)} x`)).toMatchObject({ rule: 'nesting-too-deep', at: { line: 1, column: over } });
    expect(rule(`${'> '.repeat(LIMITS.maxNesting)}x`)).toBeUndefined();
    expect(rule(`${'- '.repeat(over)}x`)).toBe('nesting-too-deep');
    expect(rule(`${'> - '.repeat(Math.ceil(over / 2))}x`)).toBe('nesting-too-deep');
    // Lists nested by indentation: the level beyond the limit is indented by 2 × the limit columns.
    const indented = Array.from({ length: over + 7 }, (_, index) => `${' '.repeat(index * 2)}- level ${index + 1}`).join('\n');
    expect(checkNoteText(indented)).toMatchObject({ rule: 'nesting-too-deep', at: { line: over, column: 2 * LIMITS.maxNesting + 1 } });
    // A long thematic break is not nesting.
    expect(rule('* '.repeat(LIMITS.maxNesting + 20))).toBeUndefined();
  });

  it('refuses a note with too many list items, nested ones included, but not lines in code', () => {
    expect(checkNoteText('- a\n  - b\n'.repeat(LIMITS.maxListItems / 2 + 1))).toMatchObject({
      rule: 'list-items-too-many',
      at: { line: LIMITS.maxListItems + 1, column: 1 },
    });
    expect(rule('- a\n'.repeat(LIMITS.maxListItems))).toBeUndefined();
    expect(rule(`\`\`\`yaml\n${'- a\n'.repeat(LIMITS.maxListItems + 1)}\`\`\`\n`)).toBeUndefined();
    expect(rule('- - -\n'.repeat(LIMITS.maxListItems + 1))).toBeUndefined();
  });

  it('refuses too many open brackets in one paragraph, across lines, but not in separate paragraphs', () => {
    expect(checkNoteText(`a\n${'[\n'.repeat(40)}`)).toMatchObject({ rule: 'brackets-too-deep', at: { line: 34, column: 1 } });
    expect(rule('[a]'.repeat(1000))).toBeUndefined();
    expect(checkNoteText('[a]\n'.repeat(LIMITS.maxBrackets + 1))).toMatchObject({
      rule: 'brackets-too-many',
      at: { line: LIMITS.maxBrackets + 1, column: 1 },
    });
    expect(rule('[a]\n\n'.repeat(LIMITS.maxBrackets + 1))).toBeUndefined();
    expect(rule('[\n\n'.repeat(100))).toBeUndefined();
    expect(rule('\\['.repeat(100))).toBeUndefined();
  });

  it('refuses a paragraph with too many emphasis markers, counting runs', () => {
    expect(rule('*_\n'.repeat(LIMITS.maxInlineMarkers))).toBe('markers-too-many');
    expect(rule('*_\n'.repeat(LIMITS.maxInlineMarkers / 2))).toBeUndefined();
    expect(rule(`${'***'.repeat(10)} a`)).toBeUndefined();
    // A blank line, a heading or a new list item starts a new paragraph.
    expect(rule('*_\n\n'.repeat(LIMITS.maxInlineMarkers))).toBeUndefined();
    expect(rule('- **a** b\n'.repeat(LIMITS.maxInlineMarkers))).toBeUndefined();
    // An ordered item numbered 2 does not interrupt a paragraph, so it counts on.
    expect(rule(`x\n${'2. *_*_\n'.repeat(LIMITS.maxInlineMarkers / 2)}`)).toBe('markers-too-many');
  });

  it('refuses notes with too many formulas or footnote references', () => {
    expect(rule(`${'$a$ '.repeat(LIMITS.maxDollarRuns / 2)}\n\n$b$`)).toBe('formulas-too-many');
    expect(rule('$$x$$ '.repeat(LIMITS.maxDollarRuns / 2))).toBeUndefined();
    expect(rule('\\$5 '.repeat(LIMITS.maxDollarRuns + 1))).toBeUndefined();
    expect(rule(`${'A claim.[^1]\n\n'.repeat(LIMITS.maxFootnoteReferences)}[^1]: The source.\n`)).toBe('footnotes-too-many');
    expect(rule(`${'A claim.[^1]\n\n'.repeat(LIMITS.maxFootnoteReferences - 1)}[^1]: The source.\n`)).toBeUndefined();
  });

  it('skips fenced code only while the lines stay inside the fence', () => {
    expect(rule(`\`\`\`\n${'*_\n'.repeat(3000)}\`\`\`\n`)).toBeUndefined();
    // A fence opened in a quote or a list ends with it: what follows is Markdown again.
    expect(rule(`> \`\`\`\n${'*_\n'.repeat(3000)}`)).toBe('markers-too-many');
    expect(rule(`- \`\`\`\n${'*_\n'.repeat(3000)}`)).toBe('markers-too-many');
    // Indented four spaces, it is no fence at all.
    expect(rule(`    \`\`\`\n${'*_\n'.repeat(3000)}`)).toBe('markers-too-many');
    // A fence opened with backticks is not closed by tildes.
    expect(rule(`\`\`\`\n~~~\n${'*_\n'.repeat(3000)}\`\`\`\n`)).toBeUndefined();
  });

  it('refuses tables wider than the limit, and tables whose rows would make too many cells', () => {
    const header = (columns: number) =>
      `|${Array.from({ length: columns }, (_, index) => ` c${index} `).join('|')}|\n|${'---|'.repeat(columns)}\n`;
    expect(checkNoteText(`# T\n\n${header(LIMITS.maxTableColumns + 1)}`)).toMatchObject({
      rule: 'table-too-large',
      at: { line: 3, column: 1 },
    });
    expect(rule(header(LIMITS.maxTableColumns) + '| x |\n'.repeat(10))).toBeUndefined();
    expect(rule(header(50) + 'x\n'.repeat(LIMITS.maxTableCells / 50))).toBe('table-too-large');
    // A header row without as many cells is no table: its lines are a paragraph.
    expect(rule(`a | b\n---\n${'x\n'.repeat(LIMITS.maxTableCells)}`)).toBeUndefined();
  });

  it('says what to do', () => {
    const violation = checkNoteText('>'.repeat(100));
    expect(violation?.message).toBe(
      `Line 1 nests block quotes, callouts or lists 100 levels deep; at most ${LIMITS.maxNesting} levels are allowed.`,
    );
    expect(violation?.hint).toMatch(/split the quote or list/);
    expect(at('a\n'.repeat(5) + '['.repeat(40))).toEqual({ line: 6, column: 33 });
  });

  it('accepts the largest allowed ordinary note', () => {
    const note = 'Some *text* with [[a link]] and `code`.\n\n'.repeat(Math.floor(LIMITS.maxNoteBytes / 42));
    expect(checkNoteText(note)).toBeUndefined();
  });
});
