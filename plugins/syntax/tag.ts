import type { CompileContext, Extension as FromMarkdownExtension, Token as MdastToken } from 'mdast-util-from-markdown';
import { markdownLineEndingOrSpace } from 'micromark-util-character';
import { codes } from 'micromark-util-symbol';
import type { Code, Construct, Effects, Extension, State, TokenizeContext } from 'micromark-util-types';
import type { InlineTag } from './mdast.ts';

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    inlineTag: 'inlineTag';
    inlineTagMarker: 'inlineTagMarker';
    inlineTagValue: 'inlineTagValue';
  }
}

const MAX_TAG_LENGTH = 200;
/**
 * Obsidian's tag rule (help.obsidian.md, "Tags", Tag format): letters, digits, `_`, `-` and `/` (for
 * nested tags), and at least one character that is not a digit. Obsidian also accepts emoji
 * (`#📚/reading`), which its documentation does not list; so does the garden.
 */
const TAG_CHARACTERS = '\\p{L}\\p{M}\\p{N}_\\-/\\p{Extended_Pictographic}\\p{Emoji_Modifier}\\p{Regional_Indicator}\\u200d';
const TAG_CHARACTER = new RegExp(`^[${TAG_CHARACTERS}]$`, 'u');
const TAG_NAME = new RegExp(`^[${TAG_CHARACTERS}]+$`, 'u');
const DIGIT = /^\p{N}$/u;

/** Whether `name` (without `#`) is a tag by Obsidian's rule: the same for inline `#tags` and the `tags` property. */
export function isTagName(name: string): boolean {
  return name.length <= MAX_TAG_LENGTH && TAG_NAME.test(name) && /[^\p{N}/]/u.test(name);
}

const inlineTagConstruct: Construct = { name: 'inlineTag', tokenize: tokenizeInlineTag, previous: startsTag };

/**
 * Obsidian's inline tags: `#tag`, `#nested/tag`, after white space or at the start of a line, with at
 * least one character that is not a digit (`#123` is an issue number, not a tag).
 */
export function inlineTagSyntax(): Extension {
  return { text: { [codes.numberSign]: inlineTagConstruct } };
}

function startsTag(this: TokenizeContext, code: Code): boolean {
  return code === codes.eof || markdownLineEndingOrSpace(code);
}

function tokenizeInlineTag(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const self = this;
  let size = 0;
  let hasNonDigit = false;
  return start;

  function start(code: Code): State | undefined {
    if (!startsTag.call(self, self.previous)) return nok(code);
    effects.enter('inlineTag');
    effects.enter('inlineTagMarker');
    effects.consume(code);
    effects.exit('inlineTagMarker');
    effects.enter('inlineTagValue');
    return value;
  }

  function value(code: Code): State | undefined {
    if (code !== null && code >= 0xd800 && code <= 0xdbff && size < MAX_TAG_LENGTH) {
      // micromark reads UTF-16 code units: an emoji is two, read together.
      effects.consume(code);
      return lowSurrogate(code);
    }
    if (code !== null && code >= 0 && size < MAX_TAG_LENGTH) {
      const character = String.fromCharCode(code);
      if (TAG_CHARACTER.test(character)) return accept(code, character);
    }
    if (size === 0 || !hasNonDigit) return nok(code);
    effects.exit('inlineTagValue');
    effects.exit('inlineTag');
    return ok(code);
  }

  function lowSurrogate(high: number): State {
    return (code) => {
      if (code === null || code < 0xdc00 || code > 0xdfff) return nok(code);
      const character = String.fromCharCode(high, code);
      return TAG_CHARACTER.test(character) ? accept(code, character) : nok(code);
    };
  }

  function accept(code: NonNullable<Code>, character: string): State {
    if (!DIGIT.test(character) && character !== '/') hasNonDigit = true;
    size++;
    effects.consume(code);
    return value;
  }
}

export const inlineTagFromMarkdown: FromMarkdownExtension = {
  enter: {
    inlineTag(this: CompileContext, token: MdastToken) {
      const node: InlineTag = { type: 'inlineTag', value: '' };
      this.enter(node as never, token);
    },
  },
  exit: {
    inlineTagValue(this: CompileContext, token: MdastToken) {
      const node = this.stack[this.stack.length - 1] as unknown as InlineTag;
      node.value = this.sliceSerialize(token).replace(/\/+$/, '');
    },
    inlineTag(this: CompileContext, token: MdastToken) {
      this.exit(token);
    },
  },
};
