import type { SourcePoint } from './diagnostics.ts';

/**
 * The garden's limits on untrusted input, in one place (docs/security.md, "Limits"). A note beyond a limit
 * is refused with a message that names the limit, before any parser sees it.
 *
 * The text limits exist because the Markdown parser (micromark, as every CommonMark parser) has
 * inputs that cost far more than their size: the work per line grows with the nesting depth, and
 * inside one paragraph unmatched `[` and emphasis markers are matched against every earlier one.
 * Measured with `plugins/parse.ts` (and `npm run bench:pathological`): 5,000 nested `>` on one line
 * take seconds, a thousand nested list levels a minute, 10,000 lines of `[` almost a minute, 20,000
 * `*_` many seconds, and a table header of 1,000 columns makes every one-character row 1,000 cells.
 * Each limit is set at least ten times above the largest value found in real and generated gardens,
 * and its cost at the limit is measured: the table is in docs/security.md, "Limits" (`npm run bench --
 * --limits` measures a garden).
 */
export const LIMITS = {
  /** The largest note that is read. Real notes are far smaller (the largest in both corpora is 86 KB). */
  maxNoteBytes: 1024 * 1024,
  /** The largest attachment copied into the site. */
  maxAttachmentBytes: 50 * 1024 * 1024,
  /** How deep embeds may nest before the expansion stops (a page's own embeds are level 1). */
  maxEmbedDepth: 30,
  /**
   * How many embeds one page expands in all, nested ones included. Without it, a few notes that each
   * embed the next one ten times would make a page of 10^4 copies (depth alone bounds nothing).
   */
  maxEmbedsPerPage: 250,
  /**
   * How much embedded Markdown one page shows in all, nested embeds included (the size of each
   * embedded part's source): 250 embeds of a 100 KB note make a page that exhausts a 4 GB heap.
   */
  maxEmbeddedBytesPerPage: 2 * 1024 * 1024,
  /**
   * How long one note may take to parse or to render in a build worker before it is stopped and
   * left out (reported as `note-too-slow`): one note must never stall the build. Normal notes take
   * milliseconds.
   */
  noteBudgetMs: 30_000,
  /** The longest line, in characters (code highlighting and parsing work line by line). */
  maxLineLength: 25_000,
  /**
   * Code lines longer than this are shown without colours: highlighting reads a line with regular
   * expressions, which can take long on a long line (minified code, data).
   */
  maxHighlightedLineLength: 15_000,
  /** How deep block quotes, callouts and lists may nest. */
  maxNesting: 70,
  /**
   * How many list items one note may hold. Lists are parsed in linear time (the patched
   * `micromark-util-edit-map` in vendor/ removes the quadratic step that made 10,000 nested items
   * take a minute), so this only bounds the size of the page: big index notes (a hub listing every
   * person or plugin, thousands of items) are ordinary content.
   */
  maxListItems: 50_000,
  /** How many `[` may be open (not yet closed by `]`) at once in one paragraph. */
  maxOpenBrackets: 32,
  /** How many `[` one paragraph may hold in all (a table counts as one paragraph: at most 48 in the corpora). */
  maxBrackets: 1_000,
  /** How many runs of emphasis markers (`*`, `_`, `~`, and `==`) one paragraph may hold. */
  maxInlineMarkers: 1_000,
  /**
   * How many formulas (runs of `$`, two per formula) a note may hold: each is typeset when the
   * site is built, in about a millisecond. The corpora have at most 51 dollar signs in a note.
   */
  maxDollarRuns: 2_000,
  /**
   * How many footnote references (`[^…]`) a note may hold: 65,000 references to one footnote
   * overflow the stack of the Markdown-to-HTML step. The corpora have at most 8.
   */
  maxFootnoteReferences: 1_000,
  /** The widest table, in columns. */
  maxTableColumns: 100,
  /** The largest table, in cells (columns × rows: short rows are filled up to the header's width). */
  maxTableCells: 50_000,
  /*
   * Quantities per note, checked once the note is parsed (src/core/index/quantities.ts): each
   * costs pages, redirects or work for the whole garden, so one note must not bring thousands.
   * Measured on the two corpora (1,000 notes) and with `npm run bench:pathological`.
   */
  /**
   * How many tag pages one note's tags may make: each distinct tag, and each level of a nested tag
   * (`#a/b/c` makes `a`, `a/b` and `a/b/c`). Every tag page is a page of the site. The corpora have
   * at most 12 tags on a note.
   */
  maxTagsPerNote: 200,
  /** How many aliases a note may have: each is a name the resolver knows and a redirect page. The corpora have at most 2. */
  maxAliasesPerNote: 100,
  /** How many headings a note may have: each is an anchor, a table-of-contents entry and a search section. The corpora have at most 147. */
  maxHeadingsPerNote: 1_000,
  /** How many links and embeds a note may hold: each is resolved, drawn in the graph and shown as a backlink. The corpora have at most 311. */
  maxLinksPerNote: 5_000,
  /**
   * How many tag pages the whole garden may have: at the limit a build writes 10,000 more pages
   * (npm run bench:pathological -- --build). The corpora have 14 and 264.
   */
  maxTagPages: 10_000,
} as const;

export type TextLimitRule =
  | 'line-too-long'
  | 'nesting-too-deep'
  | 'list-items-too-many'
  | 'brackets-too-deep'
  | 'brackets-too-many'
  | 'markers-too-many'
  | 'formulas-too-many'
  | 'footnotes-too-many'
  | 'table-too-large';

/** A note beyond one of the text limits: where, which, and how to fix it. */
export interface TextLimitViolation {
  rule: TextLimitRule;
  at: SourcePoint;
  message: string;
  hint: string;
}

type Limits = { readonly [K in keyof typeof LIMITS]: number };

/**
 * The largest value of each quantity the text limits count, in one note: what `bench/limits.ts`
 * gathers over whole gardens to set the limits from measurement (docs/security.md, "Limits").
 */
export interface TextMeasures {
  lineLength: number;
  nesting: number;
  listItems: number;
  openBrackets: number;
  brackets: number;
  inlineMarkers: number;
  dollarRuns: number;
  footnoteReferences: number;
  tableColumns: number;
  tableCells: number;
}

export const emptyTextMeasures = (): TextMeasures => ({
  lineLength: 0,
  nesting: 0,
  listItems: 0,
  openBrackets: 0,
  brackets: 0,
  inlineMarkers: 0,
  dollarRuns: 0,
  footnoteReferences: 0,
  tableColumns: 0,
  tableCells: 0,
});

const EMPHASIS = new Set(['*', '_', '~', '=']);
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const ATX_HEADING = /^ {0,3}#{1,6}(?:[ \t]|$)/;
const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const DELIMITER_ROW = /^\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;

/** A line's container prefix: the block quotes and list markers it opens, and where its text starts. */
interface LinePrefix {
  /** `>` markers and list markers, plus the nesting implied by the indentation before the first one. */
  nesting: number;
  /** The column (0-based, in characters) of the marker that took `nesting` over the limit, if any. */
  overAt: number | undefined;
  quotes: number;
  /** Whether the line starts a list item that begins a new paragraph (see `startsNewParagraph`). */
  startsListItem: boolean;
  /** How many list markers the line starts with. */
  lists: number;
  /** The width of the whitespace after the last container marker, in columns. */
  indentAfterPrefix: number;
  /** Where the line's own text starts, after the prefix and its whitespace (index and column). */
  textStart: number;
  textColumn: number;
}

/** Columns of whitespace from `start`, tabs to the next multiple of 4; returns width and end. */
function whitespace(line: string, start: number, column: number): { width: number; end: number } {
  let index = start;
  let col = column;
  while (index < line.length) {
    const char = line[index];
    if (char === ' ') col++;
    else if (char === '\t') col += 4 - (col % 4);
    else break;
    index++;
  }
  return { width: col - column, end: index };
}

function readPrefix(line: string, maxNesting: number): LinePrefix {
  let index = 0;
  let column = 0;
  let nesting = 0;
  let quotes = 0;
  let overAt: number | undefined;
  let startsListItem = false;
  let lists = 0;
  let indentAfterPrefix = 0;
  let first = true;
  for (;;) {
    const space = whitespace(line, index, column);
    index = space.end;
    column += space.width;
    indentAfterPrefix = space.width;
    const char = line[index];
    let markerLength = 0;
    if (char === '>') markerLength = 1;
    else if ((char === '-' || char === '*' || char === '+') && /^[ \t]|^$/.test(line.slice(index + 1, index + 2))) markerLength = 1;
    else {
      const ordered = /^\d{1,9}[.)](?=[ \t]|$)/.exec(line.slice(index, index + 11));
      if (ordered) markerLength = ordered[0].length;
    }
    if (markerLength === 0) break;
    const isList = char !== '>';
    if (first) {
      // Nested lists are written by indentation: a list item at level k is indented by at least
      // 2(k - 1) columns, so the indentation before a line's first marker counts as nesting too.
      if (isList) nesting += Math.floor(space.width / 2);
      first = false;
    }
    if (isList && lists === 0) {
      // A bullet, or an ordered item numbered 1, always starts a new block (and so a new paragraph)
      // when it has text after it and is not indented like code; other list items may not.
      const marker = line.slice(index, index + markerLength);
      startsListItem =
        space.width < (quotes > 0 ? 5 : 4) && (markerLength === 1 || /^1[.)]$/.test(marker)) && /\S/.test(line.slice(index + markerLength));
    }
    if (char === '>') quotes++;
    else lists++;
    nesting++;
    if (nesting > maxNesting && overAt === undefined) overAt = index;
    index += markerLength;
    column += markerLength;
  }
  return { nesting, overAt, quotes, startsListItem, lists, indentAfterPrefix, textStart: index, textColumn: column };
}

/** The `>` markers a line starts with and the column after them and their whitespace (list markers not included). */
function quoteLead(line: string): { quotes: number; column: number } {
  let quotes = 0;
  let column = 0;
  for (const char of line) {
    if (char === '>') quotes++;
    else if (char === '\t') column += 3 - (column % 4);
    else if (char !== ' ') break;
    column++;
  }
  return { quotes, column };
}

/** Table cells split as GFM splits them: on every `|` not escaped by a backslash. */
function countCells(text: string): number {
  const trimmed = text
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '');
  return trimmed.split(/(?<!\\)\|/).length;
}

/**
 * Checks a note's text (its body, frontmatter blanked) against the text limits in one linear pass,
 * before it is parsed. Returns the first limit exceeded, with the line and column where it happens.
 *
 * The pass estimates, conservatively, what the parser will build: nesting from each line's `>` and
 * list markers; paragraphs as runs of lines ended only by what certainly ends a paragraph (a blank
 * line, a heading, a fence, a new list item); fenced code is skipped only while the lines certainly
 * stay inside the fence. Where it cannot be sure, it counts, so that no input reaches the parser
 * beyond a limit; a real note would have to be very unusual to be refused wrongly, and the message
 * points at the line.
 */
export function checkNoteText(text: string, limits: Limits = LIMITS, measures?: TextMeasures): TextLimitViolation | undefined {
  const raise = measures
    ? (key: keyof TextMeasures, value: number) => void (value > measures[key] && (measures[key] = value))
    : () => undefined;
  let paragraph = { openBrackets: 0, brackets: 0, markers: 0 };
  const newParagraph = () => (paragraph = { openBrackets: 0, brackets: 0, markers: 0 });
  let fence: { char: string; length: number; quotes: number; indent: number } | undefined;
  let table: { columns: number; cells: number; startLine: number } | undefined;
  let previousText: string | undefined;
  let listItems = 0;
  let dollarRuns = 0;
  let footnoteReferences = 0;

  let lineStart = 0;
  for (let lineNumber = 1; lineStart <= text.length; lineNumber++) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd).replace(/\r$/, '');
    lineStart = lineEnd + 1;
    raise('lineLength', line.length);

    if (line.length > limits.maxLineLength) {
      return {
        rule: 'line-too-long',
        at: { line: lineNumber, column: limits.maxLineLength + 1 },
        message: `Line ${lineNumber} is ${line.length.toLocaleString('en')} characters long; lines may be at most ${limits.maxLineLength.toLocaleString('en')}.`,
        hint: 'Break the line into several lines or paragraphs; attach long data as a file and link to it.',
      };
    }

    const prefix = readPrefix(line, limits.maxNesting);
    const rest = line.slice(prefix.textStart);
    const blank = rest.trim() === '';

    if (fence) {
      // Inside fenced code nothing is Markdown, as long as the line stays in the fence's containers:
      // as many `>`, and indented at least as far as the fence when it was opened in a list item.
      const lead = quoteLead(line);
      if (lead.quotes >= fence.quotes && (blank || lead.column >= fence.indent)) {
        const closing = /^(`{3,}|~{3,})[ \t]*$/.exec(rest);
        if (closing && closing[1]![0] === fence.char && closing[1]!.length >= fence.length) fence = undefined;
        continue;
      }
      fence = undefined;
    }

    if (prefix.nesting > 0 && !THEMATIC_BREAK.test(line)) raise('nesting', prefix.nesting);
    if (prefix.overAt !== undefined && !THEMATIC_BREAK.test(line)) {
      return {
        rule: 'nesting-too-deep',
        at: { line: lineNumber, column: prefix.overAt + 1 },
        message: `Line ${lineNumber} nests block quotes, callouts or lists ${prefix.nesting} levels deep; at most ${limits.maxNesting} levels are allowed.`,
        hint: 'Flatten the structure: split the quote or list, or use headings to organise the content.',
      };
    }

    if (prefix.lists > 0 && !THEMATIC_BREAK.test(line)) {
      listItems += prefix.lists;
      raise('listItems', listItems);
      if (listItems > limits.maxListItems) {
        return {
          rule: 'list-items-too-many',
          at: { line: lineNumber, column: 1 },
          message: `The note has more than ${limits.maxListItems.toLocaleString('en')} list items (this is item ${listItems.toLocaleString('en')}).`,
          hint: 'Split the note into several notes, or turn part of the list into a table.',
        };
      }
    }

    const opening = FENCE.exec(rest);
    if (opening && !(opening[1]![0] === '`' && opening[2]!.includes('`')) && prefix.indentAfterPrefix < 4 + (prefix.quotes > 0 ? 1 : 0)) {
      const lead = quoteLead(line);
      fence = {
        char: opening[1]![0]!,
        length: opening[1]!.length,
        quotes: lead.quotes,
        indent: prefix.lists > 0 ? prefix.textColumn : lead.column,
      };
      table = undefined;
      newParagraph();
      previousText = undefined;
      continue;
    }

    if (blank) {
      table = undefined;
      newParagraph();
      previousText = undefined;
      continue;
    }

    if (table) {
      table.cells += table.columns;
      raise('tableCells', table.cells);
      if (table.cells > limits.maxTableCells) {
        return {
          rule: 'table-too-large',
          at: { line: table.startLine, column: 1 },
          message: `The table on line ${table.startLine} has more than ${limits.maxTableCells.toLocaleString('en')} cells (${table.columns} columns; short rows are filled up to every column).`,
          hint: 'Split the table, or attach the data as a CSV file and link to it.',
        };
      }
    } else if (
      DELIMITER_ROW.test(rest) &&
      rest.includes('-') &&
      previousText !== undefined &&
      (rest.includes('|') || previousText.includes('|'))
    ) {
      const columns = countCells(rest);
      raise('tableColumns', columns);
      if (columns > limits.maxTableColumns) {
        return {
          rule: 'table-too-large',
          at: { line: lineNumber - 1, column: 1 },
          message: `The table on line ${lineNumber - 1} has ${columns} columns; tables may have at most ${limits.maxTableColumns}.`,
          hint: 'Split the table into narrower ones, or attach the data as a CSV file and link to it.',
        };
      }
      if (countCells(previousText) === columns) table = { columns, cells: 2 * columns, startLine: lineNumber - 1 };
    }

    const heading = ATX_HEADING.test(rest);
    if (heading || prefix.startsListItem) newParagraph();
    previousText = rest;

    for (let index = prefix.textStart; index < line.length; index++) {
      const char = line[index]!;
      if (char === '\\') {
        index++;
      } else if (char === '$' && line[index - 1] !== '$') {
        raise('dollarRuns', ++dollarRuns);
        if (dollarRuns > limits.maxDollarRuns) {
          return {
            rule: 'formulas-too-many',
            at: { line: lineNumber, column: index + 1 },
            message: `The note has more than ${limits.maxDollarRuns.toLocaleString('en')} \`$\` (${(limits.maxDollarRuns / 2).toLocaleString('en')} formulas); each formula takes time to typeset.`,
            hint: 'Split the note, or write dollar signs that are not formulas as `\\$`.',
          };
        }
      } else if (char === '[') {
        if (line[index + 1] === '^') raise('footnoteReferences', ++footnoteReferences);
        if (line[index + 1] === '^' && footnoteReferences > limits.maxFootnoteReferences) {
          return {
            rule: 'footnotes-too-many',
            at: { line: lineNumber, column: index + 1 },
            message: `The note has more than ${limits.maxFootnoteReferences.toLocaleString('en')} footnote references (\`[^…]\`).`,
            hint: 'Split the note into several notes.',
          };
        }
        raise('brackets', ++paragraph.brackets);
        if (paragraph.brackets > limits.maxBrackets) {
          return {
            rule: 'brackets-too-many',
            at: { line: lineNumber, column: index + 1 },
            message: `This paragraph has more than ${limits.maxBrackets.toLocaleString('en')} \`[\`; the parser would take very long to match them.`,
            hint: 'Split the paragraph (or the table) with blank lines or headings, or write literal brackets as `\\[`.',
          };
        }
        raise('openBrackets', ++paragraph.openBrackets);
        if (paragraph.openBrackets > limits.maxOpenBrackets) {
          return {
            rule: 'brackets-too-deep',
            at: { line: lineNumber, column: index + 1 },
            message: `More than ${limits.maxOpenBrackets} \`[\` are open at once in this paragraph; the parser would take very long to match them.`,
            hint: 'Close the brackets, or write a literal bracket as `\\[`.',
          };
        }
      } else if (char === ']') {
        if (paragraph.openBrackets > 0) paragraph.openBrackets--;
      } else if (EMPHASIS.has(char) && line[index - 1] !== char && (char !== '=' || (line[index + 1] === '=' && line[index + 2] !== '='))) {
        raise('inlineMarkers', ++paragraph.markers);
        if (paragraph.markers > limits.maxInlineMarkers) {
          return {
            rule: 'markers-too-many',
            at: { line: lineNumber, column: index + 1 },
            message: `This paragraph has more than ${limits.maxInlineMarkers.toLocaleString('en')} emphasis markers (\`*\`, \`_\`, \`~\`, \`==\`); the parser would take very long to match them.`,
            hint: 'Split the paragraph with blank lines, or write literal markers with a backslash (`\\*`).',
          };
        }
      }
    }
    if (heading) newParagraph();
  }
  return undefined;
}
