import { markdownLineEnding } from 'micromark-util-character';
import { codes } from 'micromark-util-symbol';
import type { Code, Construct, Effects, Extension, State, TokenizeContext } from 'micromark-util-types';

/**
 * Obsidian comments, `%%hidden%%` inline and `%%` … `%%` as a block. They produce no mdast node at
 * all, so nothing inside them (links, tags, embeds) reaches the graph or the page.
 */

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    obsidianComment: 'obsidianComment';
    obsidianCommentData: 'obsidianCommentData';
    obsidianCommentLineEnding: 'obsidianCommentLineEnding';
  }
}

const inlineComment: Construct = { name: 'obsidianCommentText', tokenize: tokenizeInlineComment };
const blockComment: Construct = { name: 'obsidianCommentFlow', tokenize: tokenizeBlockComment, concrete: true };
const nonLazyLine: Construct = { tokenize: tokenizeNonLazyLine, partial: true };

export function obsidianCommentSyntax(): Extension {
  return { flow: { [codes.percentSign]: blockComment }, text: { [codes.percentSign]: inlineComment } };
}

/**
 * `%%…%%` inside a paragraph; may span its lines. An unclosed `%%` stays literal text. Built as
 * micromark's code text is: the text in data tokens, each line ending a token of its own between
 * them. Consumed straight into the comment token, a comment spanning lines (`a%%x`, then `y%%` on
 * the next line) sent micromark into an endless loop: it takes a token without children that spans
 * lines for the end of a line.
 */
function tokenizeInlineComment(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  return start;

  function start(code: Code): State | undefined {
    effects.enter('obsidianComment');
    effects.consume(code);
    return secondOpen;
  }

  function secondOpen(code: Code): State | undefined {
    if (code !== codes.percentSign) return nok(code);
    effects.consume(code);
    return between;
  }

  function between(code: Code): State | undefined {
    if (code === codes.eof) return nok(code);
    if (markdownLineEnding(code)) {
      effects.enter('obsidianCommentLineEnding');
      effects.consume(code);
      effects.exit('obsidianCommentLineEnding');
      return between;
    }
    effects.enter('obsidianCommentData');
    return data(code);
  }

  function data(code: Code): State | undefined {
    if (code === codes.eof || markdownLineEnding(code)) {
      effects.exit('obsidianCommentData');
      return between(code);
    }
    effects.consume(code);
    return code === codes.percentSign ? maybeClose : data;
  }

  function maybeClose(code: Code): State | undefined {
    if (code === codes.percentSign) {
      effects.consume(code);
      effects.exit('obsidianCommentData');
      effects.exit('obsidianComment');
      return ok;
    }
    return data(code);
  }
}

/**
 * A block comment: a line starting with `%%` up to and including the line that contains the closing
 * `%%` (or the end of the enclosing container, as Obsidian does). `%%x%% more text` is not a block:
 * it is an inline comment at the start of a paragraph.
 */
function tokenizeBlockComment(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  let onFirstLine = true;
  let closed = false;
  let inData = false;
  return start;

  function start(code: Code): State | undefined {
    if (code !== codes.percentSign) return nok(code);
    effects.enter('obsidianComment');
    effects.consume(code);
    return secondOpen;
  }

  function secondOpen(code: Code): State | undefined {
    if (code !== codes.percentSign) return nok(code);
    effects.consume(code);
    return content;
  }

  /** Data tokens may not be empty, so one is opened only when there is a character for it. */
  function consumeData(code: Code): void {
    if (!inData) effects.enter('obsidianCommentData');
    inData = true;
    effects.consume(code);
  }

  function closeData(): void {
    if (inData) effects.exit('obsidianCommentData');
    inData = false;
  }

  function content(code: Code): State | undefined {
    if (code === codes.eof || (closed && markdownLineEnding(code))) return end(code);
    if (markdownLineEnding(code)) {
      closeData();
      return effects.check(nonLazyLine, nextLine, end)(code);
    }
    if (closed) {
      if (onFirstLine && code !== codes.space && code !== codes.horizontalTab) return nok(code);
      consumeData(code);
      return content;
    }
    consumeData(code);
    return code === codes.percentSign ? percent : content;
  }

  function percent(code: Code): State | undefined {
    if (code !== codes.percentSign) return content(code);
    consumeData(code);
    closed = true;
    return content;
  }

  function nextLine(code: Code): State | undefined {
    onFirstLine = false;
    effects.enter('obsidianCommentLineEnding');
    effects.consume(code);
    effects.exit('obsidianCommentLineEnding');
    return content;
  }

  function end(code: Code): State | undefined {
    closeData();
    effects.exit('obsidianComment');
    return ok(code);
  }
}

function tokenizeNonLazyLine(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const self = this;
  return start;

  function start(code: Code): State | undefined {
    if (code === codes.eof) return nok(code);
    effects.enter('obsidianCommentLineEnding');
    effects.consume(code);
    effects.exit('obsidianCommentLineEnding');
    return lineStart;
  }

  function lineStart(code: Code): State | undefined {
    return self.parser.lazy[self.now().line] ? nok(code) : ok(code);
  }
}
