import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import type { ContentPath } from '../common/types.ts';
import type { RenamePlan } from './plan.ts';

/**
 * The plan as a git-style unified diff: renames as `rename from`/`rename to`, rewritten notes as
 * hunks. `pathOf` turns a content path into the path the patch names (relative to the repository's
 * root, so that `git apply` takes it there). Empty when the plan changes nothing.
 */
export function formatPlanPatch(plan: RenamePlan, pathOf: (file: ContentPath) => string): string {
  const rewritten = new Map(plan.rewritten.map((file) => [file.from, file]));
  const files = new Set<ContentPath>([...plan.moves.keys(), ...rewritten.keys()]);
  const sections: string[] = [];
  for (const from of [...files].sort()) {
    const to = plan.moves.get(from) ?? from;
    const [a, b] = [pathOf(from), pathOf(to)];
    const header = [`diff --git ${quoted(`a/${a}`)} ${quoted(`b/${b}`)}`];
    const file = rewritten.get(from);
    if (from !== to) {
      if (!file) header.push('similarity index 100%');
      header.push(`rename from ${quoted(a)}`, `rename to ${quoted(b)}`);
    }
    if (!file) {
      sections.push(`${header.join('\n')}\n`);
      continue;
    }
    const hunks = createTwoFilesPatch(`a/${a}`, `b/${b}`, file.before, file.after, undefined, undefined, {
      context: 3,
      headerOptions: FILE_HEADERS_ONLY,
    });
    // The file headers as git writes them (a quoted name for unusual characters), then the hunks.
    const body = hunks.split('\n').slice(2).join('\n');
    sections.push(`${header.join('\n')}\n--- ${quoted(`a/${a}`)}\n+++ ${quoted(`b/${b}`)}\n${body}`);
  }
  return sections.join('');
}

/** Git's quoting of a path in a patch: only when it holds a quote, a backslash, a control or non-ASCII character. */
function quoted(value: string): string {
  if (!/["\\\x00-\x1f\x7f]|[^\x00-\x7f]/.test(value)) return value;
  const bytes = Buffer.from(value, 'utf8');
  let result = '';
  for (const byte of bytes) {
    if (byte === 0x22) result += '\\"';
    else if (byte === 0x5c) result += '\\\\';
    else if (byte === 0x09) result += '\\t';
    else if (byte === 0x0a) result += '\\n';
    else if (byte < 0x20 || byte >= 0x7f) result += `\\${byte.toString(8).padStart(3, '0')}`;
    else result += String.fromCharCode(byte);
  }
  return `"${result}"`;
}
