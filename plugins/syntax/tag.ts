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
const TAG_CHARACTER = /^[\p{L}\p{M}\p{N}_\-/]$/u;
const DIGIT = /^\p{N}$/u;

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
    const character = code === null || code < 0 ? '' : String.fromCodePoint(code);
    if (character !== '' && TAG_CHARACTER.test(character) && size < MAX_TAG_LENGTH) {
      if (!DIGIT.test(character) && character !== '/') hasNonDigit = true;
      size++;
      effects.consume(code);
      return value;
    }
    if (size === 0 || !hasNonDigit) return nok(code);
    effects.exit('inlineTagValue');
    effects.exit('inlineTag');
    return ok(code);
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
