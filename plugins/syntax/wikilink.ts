import type { Extension as FromMarkdownExtension, CompileContext, Token as MdastToken } from 'mdast-util-from-markdown';
import { markdownLineEnding } from 'micromark-util-character';
import { codes } from 'micromark-util-symbol';
import type { Code, Construct, Effects, Extension, State, TokenizeContext } from 'micromark-util-types';
import { parseWikiLinkValue, type WikiLink } from './mdast.ts';

/** Longer "link targets" are not links; the bound keeps a line of brackets linear to scan. */
const MAX_WIKILINK_LENGTH = 1000;

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    wikiLink: 'wikiLink';
    wikiLinkEmbedMarker: 'wikiLinkEmbedMarker';
    wikiLinkMarker: 'wikiLinkMarker';
    wikiLinkValue: 'wikiLinkValue';
  }
}

const wikiLinkConstruct: Construct = { name: 'wikiLink', tokenize: tokenizeWikiLink };

/** micromark syntax for `[[Target#Anchor|Label]]` and `![[Embed]]`; single line, no nested `[`. */
export function wikiLinkSyntax(): Extension {
  return { text: { [codes.exclamationMark]: wikiLinkConstruct, [codes.leftSquareBracket]: wikiLinkConstruct } };
}

function tokenizeWikiLink(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  let size = 0;
  return start;

  function start(code: Code): State | undefined {
    effects.enter('wikiLink');
    if (code === codes.exclamationMark) {
      effects.enter('wikiLinkEmbedMarker');
      effects.consume(code);
      effects.exit('wikiLinkEmbedMarker');
      return openFirst;
    }
    return openFirst(code);
  }

  function openFirst(code: Code): State | undefined {
    if (code !== codes.leftSquareBracket) return nok(code);
    effects.enter('wikiLinkMarker');
    effects.consume(code);
    return openSecond;
  }

  function openSecond(code: Code): State | undefined {
    if (code !== codes.leftSquareBracket) return nok(code);
    effects.consume(code);
    effects.exit('wikiLinkMarker');
    return valueStart;
  }

  function valueStart(code: Code): State | undefined {
    if (code === codes.rightSquareBracket) return nok(code);
    effects.enter('wikiLinkValue');
    return value(code);
  }

  function value(code: Code): State | undefined {
    if (code === codes.eof || markdownLineEnding(code) || code === codes.leftSquareBracket || size > MAX_WIKILINK_LENGTH) {
      return nok(code);
    }
    if (code === codes.rightSquareBracket) {
      effects.exit('wikiLinkValue');
      effects.enter('wikiLinkMarker');
      effects.consume(code);
      return closeSecond;
    }
    effects.consume(code);
    size++;
    return code === codes.backslash ? escaped : value;
  }

  /** `\|` and `\]` are part of the value (the former separates the label inside tables). */
  function escaped(code: Code): State | undefined {
    if (code === codes.eof || markdownLineEnding(code)) return nok(code);
    effects.consume(code);
    size++;
    return value;
  }

  function closeSecond(code: Code): State | undefined {
    if (code !== codes.rightSquareBracket) return nok(code);
    effects.consume(code);
    effects.exit('wikiLinkMarker');
    effects.exit('wikiLink');
    return ok;
  }
}

function current(context: CompileContext): WikiLink {
  return context.stack[context.stack.length - 1] as unknown as WikiLink;
}

/** Turns the tokens into `wikiLink` mdast nodes, keeping positions. */
export const wikiLinkFromMarkdown: FromMarkdownExtension = {
  enter: {
    wikiLink(this: CompileContext, token: MdastToken) {
      const node: WikiLink = { type: 'wikiLink', value: '', embed: false, target: '' };
      this.enter(node as never, token);
    },
  },
  exit: {
    wikiLinkEmbedMarker(this: CompileContext) {
      current(this).embed = true;
    },
    wikiLinkValue(this: CompileContext, token: MdastToken) {
      current(this).value = this.sliceSerialize(token);
    },
    wikiLink(this: CompileContext, token: MdastToken) {
      const node = current(this);
      Object.assign(node, parseWikiLinkValue(node.value));
      if (node.anchor === undefined) delete node.anchor;
      if (node.label === undefined) delete node.label;
      this.exit(token);
    },
  },
};
