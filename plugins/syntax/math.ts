import type { InlineMath } from 'mdast-util-math';
import type { CompileContext, Extension as FromMarkdownExtension, Token as MdastToken } from 'mdast-util-from-markdown';
import { mathFromMarkdown } from 'mdast-util-math';
import { math as micromarkMath } from 'micromark-extension-math';
import { asciiDigit, markdownLineEnding, markdownLineEndingOrSpace } from 'micromark-util-character';
import { codes, types } from 'micromark-util-symbol';
import type { Code, Construct, Effects, Extension, State, TokenizeContext } from 'micromark-util-types';

/**
 * Math as Obsidian writes it: `$$` … `$$` blocks (micromark-extension-math's flow construct) and,
 * inside text, `$inline$` and `$$display$$`. The text construct is the garden's own because
 * micromark-extension-math pairs any two dollars, which turns prose such as "between $5 and $10"
 * into a formula. Here, as in Pandoc and Obsidian, a single-dollar formula opens with `$` followed by
 * a non-space and closes with a `$` preceded by a non-space and not followed by a digit; `\$` is a
 * dollar sign; `$$display$$` inside a paragraph is a display formula, as in Obsidian. Formulas are
 * typeset at build time (src/core/render/rehype/math.ts).
 */

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    gardenMathText: 'gardenMathText';
    gardenMathTextSequence: 'gardenMathTextSequence';
    gardenMathTextData: 'gardenMathTextData';
  }
}

/** A longer "formula" is prose with stray dollars; the bound also keeps scanning linear. */
const MAX_FORMULA_LENGTH = 4000;

const mathTextConstruct: Construct = { name: 'gardenMathText', tokenize: tokenizeMathText };

export function mathSyntax(): Extension {
  const { flow } = micromarkMath();
  return { flow, text: { [codes.dollarSign]: mathTextConstruct } };
}

function tokenizeMathText(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const self = this;
  let openSize = 0;
  let closeSize = 0;
  let length = 0;
  let inData = false;
  let previousWasSpace = false;
  return start;

  function start(code: Code): State | undefined {
    // `$$$` or the second dollar of `$$` is not an opening (an escaped `\$` is a character escape).
    if (self.previous === codes.dollarSign && self.events.at(-1)?.[1].type !== types.characterEscape) return nok(code);
    effects.enter('gardenMathText');
    effects.enter('gardenMathTextSequence');
    return openSequence(code);
  }

  function openSequence(code: Code): State | undefined {
    if (code === codes.dollarSign && openSize < 2) {
      effects.consume(code);
      openSize++;
      return openSequence;
    }
    if (code === codes.dollarSign) return nok(code);
    effects.exit('gardenMathTextSequence');
    // `$ 5` is not a formula; `$$ x $$` may be padded.
    if (code === codes.eof || (openSize === 1 && markdownLineEndingOrSpace(code))) return nok(code);
    return inside(code);
  }

  function inside(code: Code): State | undefined {
    if (code === codes.eof || length > MAX_FORMULA_LENGTH) return nok(code);
    if (markdownLineEnding(code)) {
      exitData();
      effects.enter(types.lineEnding);
      effects.consume(code);
      effects.exit(types.lineEnding);
      previousWasSpace = true;
      return inside;
    }
    if (code === codes.dollarSign && length > 0 && (openSize === 2 || !previousWasSpace)) {
      exitData();
      effects.enter('gardenMathTextSequence');
      closeSize = 0;
      return closeSequence(code);
    }
    enterData();
    effects.consume(code);
    length++;
    previousWasSpace = code === codes.space || code === codes.horizontalTab;
    return code === codes.backslash ? escaped : inside;
  }

  /** `\$` and `\\` inside a formula are TeX, never the end of the formula. */
  function escaped(code: Code): State | undefined {
    if (code === codes.eof || markdownLineEnding(code)) return inside(code);
    effects.consume(code);
    length++;
    previousWasSpace = false;
    return inside;
  }

  function closeSequence(code: Code): State | undefined {
    if (code === codes.dollarSign && closeSize < openSize) {
      effects.consume(code);
      closeSize++;
      return closeSequence;
    }
    const closes = closeSize === openSize && code !== codes.dollarSign && !(openSize === 1 && asciiDigit(code));
    if (closes) {
      effects.exit('gardenMathTextSequence');
      effects.exit('gardenMathText');
      return ok(code);
    }
    // Not a closing run after all (`$5`, `$x$$`): the dollars are part of the formula.
    const token = effects.exit('gardenMathTextSequence');
    token.type = 'gardenMathTextData';
    length += closeSize;
    previousWasSpace = false;
    return inside(code);
  }

  function enterData(): void {
    if (!inData) effects.enter('gardenMathTextData');
    inData = true;
  }

  function exitData(): void {
    if (inData) effects.exit('gardenMathTextData');
    inData = false;
  }
}

const flowMath = mathFromMarkdown();

/** `$$` blocks become mdast `math` nodes (mdast-util-math), text formulas `inlineMath` nodes. */
export const mathFromMarkdownExtension: FromMarkdownExtension = {
  enter: {
    mathFlow: flowMath.enter!.mathFlow!,
    mathFlowFenceMeta: flowMath.enter!.mathFlowFenceMeta!,
    gardenMathText(this: CompileContext, token: MdastToken) {
      const node: InlineMath = { type: 'inlineMath', value: '' };
      this.enter(node, token);
    },
  },
  exit: {
    mathFlow: flowMath.exit!.mathFlow!,
    mathFlowFence: flowMath.exit!.mathFlowFence!,
    mathFlowFenceMeta: flowMath.exit!.mathFlowFenceMeta!,
    mathFlowValue: flowMath.exit!.mathFlowValue!,
    gardenMathText(this: CompileContext, token: MdastToken) {
      const node = this.stack.at(-1) as InlineMath;
      const source = this.sliceSerialize(token);
      const size = source.startsWith('$$') ? 2 : 1;
      node.value = source.slice(size, -size).trim();
      // As mdast-util-math does: a `code` element that the render stage typesets (rehype-math.ts).
      node.data = {
        hName: 'code',
        hProperties: { className: ['language-math', size === 2 ? 'math-display' : 'math-inline'] },
        hChildren: [{ type: 'text', value: node.value }],
      };
      this.exit(token);
    },
  },
};
