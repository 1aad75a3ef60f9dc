import matter from 'gray-matter';
import { LineCounter, parseDocument, isMap, isScalar, type Document } from 'yaml';
import type { SourcePoint } from '../common/diagnostics.ts';

/** Bounds for hostile YAML: a frontmatter block bigger than this is refused before parsing. */
export const MAX_FRONTMATTER_BYTES = 64 * 1024;
/** Bounds "billion laughs" alias expansion (see the `yaml` package's `maxAliasCount`). */
const MAX_ALIAS_COUNT = 50;

export interface FrontmatterProblem {
  rule: 'frontmatter-syntax' | 'frontmatter-unclosed' | 'frontmatter-language' | 'frontmatter-too-large';
  message: string;
  hint: string;
  at: SourcePoint;
}

export interface SplitNote {
  /** The parsed YAML mapping, or `undefined` when there is none or it could not be read. */
  data: Record<string, unknown> | undefined;
  /** The raw text between the delimiters, kept for locating keys in error messages. */
  rawFrontmatter: string;
  /** The note's text with the frontmatter replaced by blank lines, so that Markdown positions
   * are positions in the file. */
  body: string;
  problem?: FrontmatterProblem;
  /** The file line of the raw frontmatter's first line. gray-matter's raw text starts with the
   * line break that ends the opening `---`, so it is line 1 and raw line N is file line N. */
  frontmatterStartLine: number;
}

const refuseCode = () => {
  throw new ExecutableFrontmatterError();
};

class ExecutableFrontmatterError extends Error {}

/**
 * Splits frontmatter from the body with gray-matter, never executing anything: its `js` and
 * `javascript` engines (which `eval`) are replaced by one that refuses, and YAML is read by the
 * `yaml` package's core schema with bounded aliases instead of gray-matter's js-yaml.
 */
export function splitFrontmatter(text: string): SplitNote {
  const opening = /^---([^\n]*)\r?\n/.exec(text);
  if (!opening || (opening[1] ?? '').startsWith('-')) return plainBody(text);

  // gray-matter closes at the first "\n---" after the opening line, even when that line is
  // `----` or `---text`; accept only a real `---` line there, so that no text is silently eaten.
  const closeAt = text.indexOf('\n---', opening[0].length - 1 - (opening[0].endsWith('\r\n') ? 1 : 0));
  const closingLine = /\n---[ \t]*\r?(\n|$)/y;
  closingLine.lastIndex = closeAt;
  if (closeAt === -1 || !closingLine.test(text)) {
    return {
      ...plainBody(text),
      problem: {
        rule: 'frontmatter-unclosed',
        message: 'The frontmatter that starts on line 1 with `---` is never closed.',
        hint: 'Add a line with only `---` after the last field, or remove the `---` on line 1 if the note has no frontmatter.',
        at: { line: 1, column: 1 },
      },
    };
  }

  let language = 'yaml';
  let hasYaml = false;
  // gray-matter only splits; the YAML is read below, once, with positions for error messages.
  const parseYaml = () => {
    hasYaml = true;
    return {};
  };

  let file: matter.GrayMatterFile<string>;
  try {
    file = matter(text, {
      engines: {
        yaml: parseYaml,
        yml: parseYaml,
        js: refuseCode,
        javascript: refuseCode,
        json: refuseCode,
        coffee: refuseCode,
      },
    } as unknown as Parameters<typeof matter>[1]);
    language = file.language;
  } catch (error) {
    const named = /^---\s*(\S+)/.exec(text)?.[1] ?? 'unknown';
    return {
      ...plainBody(text),
      problem: {
        rule: 'frontmatter-language',
        message:
          error instanceof ExecutableFrontmatterError
            ? `Frontmatter in \`${named}\` is not allowed: only YAML is read, and code in notes is never run.`
            : `Frontmatter language \`${named}\` is not supported: only YAML is read.`,
        hint: 'Write the frontmatter as YAML between two `---` lines.',
        at: { line: 1, column: 4 },
      },
    };
  }

  const bodyOffset = text.length - file.content.length;
  const head = text.slice(0, bodyOffset);
  const body = head.replace(/[^\n]/g, '') + file.content;
  const rawFrontmatter = file.matter ?? '';
  const frontmatterStartLine = 1;
  const base = { rawFrontmatter, body, frontmatterStartLine };

  if (Buffer.byteLength(rawFrontmatter) > MAX_FRONTMATTER_BYTES) {
    return {
      ...base,
      data: undefined,
      problem: {
        rule: 'frontmatter-too-large',
        message: `The frontmatter is larger than ${MAX_FRONTMATTER_BYTES / 1024} KiB.`,
        hint: 'Keep frontmatter to a few fields; move long text into the body of the note.',
        at: { line: 1, column: 1 },
      },
    };
  }
  if (language !== 'yaml' && language !== 'yml') {
    return { ...base, data: undefined };
  }
  if (!hasYaml) return { ...base, data: {} };

  const lineCounter = new LineCounter();
  const document = parseDocument(rawFrontmatter, { schema: 'core', uniqueKeys: true, strict: true, prettyErrors: false, lineCounter });
  // Every answer from here on keeps the parsed document, so that key positions need no second parse.
  const located = (rest: Pick<SplitNote, 'data' | 'problem'>): SplitNote => {
    const split = { ...base, ...rest };
    parsedYaml.set(split, { document, lineCounter });
    return split;
  };
  const firstError = document.errors[0];
  if (firstError) {
    const position = lineCounter.linePos(firstError.pos[0]);
    return located({
      data: undefined,
      problem: {
        rule: 'frontmatter-syntax',
        message: `The frontmatter is not valid YAML: ${firstError.message.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, '')}.`,
        hint: yamlHint(firstError.code),
        at: { line: frontmatterStartLine + position.line - 1, column: position.col },
      },
    });
  }
  // An unknown tag (`!!js/function`, `!!python/object`) is how other YAML readers are made to run
  // code; `yaml` reads it as plain text, but a note that carries one is refused like invalid YAML.
  const unresolvedTag = document.warnings.find((warning) => warning.code === 'TAG_RESOLVE_FAILED');
  if (unresolvedTag) {
    const position = lineCounter.linePos(unresolvedTag.pos[0]);
    const tag = /Unresolved tag: (\S+)/.exec(unresolvedTag.message)?.[1]?.replace('tag:yaml.org,2002:', '!!') ?? 'a tag';
    return located({
      data: undefined,
      problem: {
        rule: 'frontmatter-syntax',
        message: `The frontmatter uses the YAML tag \`${tag}\`, which the garden does not read.`,
        hint: 'Remove the tag (the word starting with `!`) and write the value as plain text.',
        at: { line: frontmatterStartLine + position.line - 1, column: position.col },
      },
    });
  }
  if (document.contents !== null && !isMap(document.contents)) {
    return located({
      data: undefined,
      problem: {
        rule: 'frontmatter-syntax',
        message: 'The frontmatter must be a list of `key: value` fields.',
        hint: 'Write one field per line, for example `title: My note`.',
        at: { line: frontmatterStartLine, column: 1 },
      },
    });
  }
  try {
    return located({ data: (document.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) ?? {}) as Record<string, unknown> });
  } catch (error) {
    return located({
      data: undefined,
      problem: {
        rule: 'frontmatter-syntax',
        message: `The frontmatter could not be read: ${(error as Error).message}.`,
        hint: 'Remove YAML anchors and aliases (`&name`, `*name`); write the values out.',
        at: { line: frontmatterStartLine, column: 1 },
      },
    });
  }
}

/**
 * The YAML document a split was read from, with its line counter: kept beside the split (not in it,
 * so a split stays plain data) for locating keys without parsing the frontmatter a second time.
 */
const parsedYaml = new WeakMap<SplitNote, { document: Document; lineCounter: LineCounter }>();

/**
 * Where each top-level key's value starts, for pointing a message at the right line: read from the
 * document the split was parsed into, on the first question, however many keys are asked about.
 */
export function frontmatterKeyLocator(split: SplitNote): (key: string) => SourcePoint {
  let positions: Map<string, SourcePoint> | undefined;
  return (key) => {
    positions ??= keyPositions(split);
    return positions.get(key) ?? { line: split.frontmatterStartLine, column: 1 };
  };
}

function keyPositions(split: SplitNote): Map<string, SourcePoint> {
  const positions = new Map<string, SourcePoint>();
  const parsed = parsedYaml.get(split);
  if (!parsed) return positions;
  const { document, lineCounter } = parsed;
  if (!isMap(document.contents)) return positions;
  for (const pair of document.contents.items) {
    if (!isScalar(pair.key)) continue;
    const key = String(pair.key.value);
    if (positions.has(key)) continue;
    const node = (pair.value as { range?: [number, number, number] } | null)?.range ? pair.value : pair.key;
    const position = lineCounter.linePos((node as { range: [number, number, number] }).range[0]);
    positions.set(key, { line: split.frontmatterStartLine + position.line - 1, column: position.col });
  }
  return positions;
}

function plainBody(text: string): SplitNote {
  return { data: undefined, rawFrontmatter: '', body: text, frontmatterStartLine: 1 };
}

function yamlHint(code: string): string {
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'Each field may appear only once: remove or merge the repeated key.';
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
      return 'Check the indentation and that every list item starts with `- `.';
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return 'A value containing `: ` must be quoted, e.g. `title: "Why: a story"`.';
    default:
      return 'Quote values that contain `:` or `#`, e.g. `title: "Q&A: billing"`.';
  }
}
