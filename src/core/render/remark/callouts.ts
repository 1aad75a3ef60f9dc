import type { Blockquote, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import { visit } from 'unist-util-visit';
import { calloutIcon } from '../callout-icons.ts';
import { element, text, trimPhrasing } from '../element.ts';
import { CALLOUT_MARKER } from '../../markdown/callout-marker.ts';

/**
 * Obsidian's callout types and their aliases (https://help.obsidian.md/callouts), matched without
 * regard to case. GitHub's alerts (`> [!NOTE]`, `[!TIP]`, `[!IMPORTANT]`, `[!WARNING]`,
 * `[!CAUTION]`) are the same syntax and map the same way, so a note looks as it does in Obsidian.
 * Any other type is a custom callout, styled as a note but keeping its own name (and its
 * `data-callout` attribute, for a site that wants to style it).
 */
export const CALLOUT_TYPES: Readonly<Record<string, string>> = {
  note: 'note',
  abstract: 'abstract',
  summary: 'abstract',
  tldr: 'abstract',
  info: 'info',
  todo: 'todo',
  tip: 'tip',
  hint: 'tip',
  important: 'tip',
  success: 'success',
  check: 'success',
  done: 'success',
  question: 'question',
  help: 'question',
  faq: 'question',
  warning: 'warning',
  caution: 'warning',
  attention: 'warning',
  failure: 'failure',
  fail: 'failure',
  missing: 'failure',
  danger: 'danger',
  error: 'danger',
  bug: 'bug',
  example: 'example',
  quote: 'quote',
  cite: 'quote',
};

/**
 * Turns `> [!type] Title` blockquotes into callouts:
 *
 * ```html
 * <div class="kg-callout kg-callout-warning" data-callout="caution">
 *   <div class="kg-callout-title"><svg class="kg-callout-icon">…</svg><span class="kg-callout-title-text">Title</span></div>
 *   <div class="kg-callout-content">…</div>
 * </div>
 * ```
 *
 * A foldable callout is a `<details>` (with `open` for `+`) whose title is its `<summary>`, so it
 * folds without JavaScript. Nested callouts are blockquotes inside the content and are converted
 * in turn. A blockquote without a marker stays a blockquote.
 */
export function remarkCallouts() {
  return (tree: Root) => {
    visit(tree, 'blockquote', (node: Blockquote) => {
      convertCallout(node);
    });
  };
}

function convertCallout(node: Blockquote): void {
  const first = node.children[0];
  if (first?.type !== 'paragraph') return;
  const lead = first.children[0];
  if (lead?.type !== 'text') return;
  const match = CALLOUT_MARKER.exec(lead.value);
  if (!match) return;
  const written = match[1]!.toLowerCase();
  const type = CALLOUT_TYPES[written] ?? 'note';
  const fold = match[2];
  lead.value = lead.value.slice(match[0].length);
  const { title, rest } = splitFirstLine(first);
  const titleContent: PhrasingContent[] = title.length > 0 ? title : [text(defaultTitle(match[1]!))];
  const body: RootContent[] = [...(rest ? [rest] : []), ...node.children.slice(1)];

  const heading = element(fold ? 'summary' : 'div', { className: ['kg-callout-title'] }, [
    element('span', { className: ['kg-callout-icon-box'] }, [], [calloutIcon(type)]),
    element('span', { className: ['kg-callout-title-text'] }, titleContent),
  ]);
  const children: RootContent[] = [heading];
  if (body.length > 0) children.push(element('div', { className: ['kg-callout-content'] }, body));
  const properties = {
    className: ['kg-callout', `kg-callout-${type}`, ...(fold ? ['kg-callout-foldable'] : [])],
    dataCallout: written,
    ...(fold === '+' ? { open: true } : {}),
  };
  // The blockquote node itself becomes the callout (remark-rehype honours `hName`), keeping the id
  // a `^block-id` after it gave it.
  const existing = (node.data as { hProperties?: object } | undefined)?.hProperties;
  node.data = { ...node.data, hName: fold ? 'details' : 'div', hProperties: { ...existing, ...properties } } as Blockquote['data'];
  node.children = children as Blockquote['children'];
}

/** `[!faq]` → "Faq", `[!NOTE]` → "Note": the type as written, with a capital, as Obsidian shows it. */
function defaultTitle(written: string): string {
  const lower = written.toLowerCase().replace(/[-_]+/g, ' ');
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

/** Splits the marker paragraph at its first line end: the title before, a paragraph of the rest after. */
function splitFirstLine(paragraph: Paragraph): { title: PhrasingContent[]; rest?: Paragraph | undefined } {
  const title: PhrasingContent[] = [];
  const children = paragraph.children;
  for (let index = 0; index < children.length; index++) {
    const child = children[index]!;
    if (child.type === 'break') return finish(title, children.slice(index + 1), paragraph);
    if (child.type === 'text') {
      const newline = child.value.indexOf('\n');
      if (newline !== -1) {
        const before = child.value.slice(0, newline);
        const after = child.value.slice(newline + 1);
        if (before !== '') title.push({ ...child, value: before });
        const remaining = children.slice(index + 1);
        return finish(title, after === '' ? remaining : [{ ...child, value: after }, ...remaining], paragraph);
      }
    }
    title.push(child);
  }
  return finish(title, [], paragraph);
}

function finish(title: PhrasingContent[], rest: PhrasingContent[], paragraph: Paragraph) {
  const trimmedTitle = trimPhrasing(title);
  const body = trimPhrasing(rest);
  return { title: trimmedTitle, rest: body.length > 0 ? { ...paragraph, children: body } : undefined };
}
