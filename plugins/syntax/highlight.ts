import type { CompileContext, Extension as FromMarkdownExtension, Token as MdastToken } from 'mdast-util-from-markdown';
import { splice } from 'micromark-util-chunked';
import { classifyCharacter } from 'micromark-util-classify-character';
import { resolveAll } from 'micromark-util-resolve-all';
import { codes, constants, types } from 'micromark-util-symbol';
import type { Code, Construct, Effects, Event, Extension, State, Token, TokenizeContext } from 'micromark-util-types';
import type { Highlight } from './mdast.ts';

/**
 * Obsidian's `==highlight==`, which becomes `<mark>`. It is emphasis-like ("attention"), so it is
 * tokenized exactly as GFM tokenizes `~~strikethrough~~` (micromark-extension-gfm-strikethrough,
 * MIT): a run of exactly two `=` that can open (not followed by white space) and a run of two that
 * can close (not preceded by white space), matched by a resolver that also resolves emphasis inside.
 * `===` (three or more) is never a marker, so `a === b` in prose stays as it is.
 *
 * The one npm package for this (micromark-extension-highlight-mark) is the same adaptation with a
 * test framework as a runtime dependency and no mdast support, so the garden keeps its own.
 */

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    highlight: 'highlight';
    highlightSequence: 'highlightSequence';
    highlightSequenceTemporary: 'highlightSequenceTemporary';
    highlightText: 'highlightText';
  }
  interface Token {
    _highlightOpen?: boolean;
    _highlightClose?: boolean;
  }
}

const highlightConstruct: Construct = { name: 'highlight', tokenize: tokenizeHighlight, resolveAll: resolveAllHighlight };

export function highlightSyntax(): Extension {
  return {
    text: { [codes.equalsTo]: highlightConstruct },
    insideSpan: { null: [highlightConstruct] },
    attentionMarkers: { null: [codes.equalsTo] },
  };
}

function tokenizeHighlight(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const previous = this.previous;
  const events = this.events;
  let size = 0;
  return start;

  function start(code: Code): State | undefined {
    // The second `=` of a run already seen (unless the first was escaped) never starts a marker.
    if (previous === codes.equalsTo && events.at(-1)?.[1].type !== types.characterEscape) return nok(code);
    effects.enter('highlightSequenceTemporary');
    return more(code);
  }

  function more(code: Code): State | undefined {
    const before = classifyCharacter(previous);
    if (code === codes.equalsTo) {
      if (size > 1) return nok(code);
      effects.consume(code);
      size++;
      return more;
    }
    if (size < 2) return nok(code);
    const token = effects.exit('highlightSequenceTemporary');
    const after = classifyCharacter(code);
    token._highlightOpen = !after || (after === constants.attentionSideAfter && Boolean(before));
    token._highlightClose = !before || (before === constants.attentionSideAfter && Boolean(after));
    return ok(code);
  }
}

function resolveAllHighlight(events: Event[], context: TokenizeContext): Event[] {
  let index = -1;
  while (++index < events.length) {
    const closing = events[index]!;
    if (closing[0] !== 'enter' || closing[1].type !== 'highlightSequenceTemporary' || !closing[1]._highlightClose) continue;
    let open = index;
    while (open--) {
      const opening = events[open]!;
      if (opening[0] !== 'exit' || opening[1].type !== 'highlightSequenceTemporary' || !opening[1]._highlightOpen) continue;
      closing[1].type = 'highlightSequence';
      opening[1].type = 'highlightSequence';
      const highlight: Token = { type: 'highlight', start: { ...opening[1].start }, end: { ...closing[1].end } };
      const text: Token = { type: 'highlightText', start: { ...opening[1].end }, end: { ...closing[1].start } };
      const next: Event[] = [
        ['enter', highlight, context],
        ['enter', opening[1], context],
        ['exit', opening[1], context],
        ['enter', text, context],
      ];
      const insideSpan = context.parser.constructs.insideSpan.null;
      if (insideSpan) splice(next, next.length, 0, resolveAll(insideSpan, events.slice(open + 1, index), context));
      splice(next, next.length, 0, [
        ['exit', text, context],
        ['enter', closing[1], context],
        ['exit', closing[1], context],
        ['exit', highlight, context],
      ]);
      splice(events, open - 1, index - open + 3, next);
      index = open + next.length - 2;
      break;
    }
  }
  for (const event of events) {
    if (event[1].type === 'highlightSequenceTemporary') event[1].type = types.data;
  }
  return events;
}

/** `highlight` tokens become `highlight` mdast nodes, rendered as `<mark>`. */
export const highlightFromMarkdown: FromMarkdownExtension = {
  canContainEols: ['highlight'],
  enter: {
    highlight(this: CompileContext, token: MdastToken) {
      const node: Highlight = { type: 'highlight', children: [], data: { hName: 'mark' } };
      this.enter(node as never, token);
    },
  },
  exit: {
    highlight(this: CompileContext, token: MdastToken) {
      this.exit(token);
    },
  },
};
