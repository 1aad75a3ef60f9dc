import type { InlineTagPolicy } from '../config/config.ts';
import type { NoteSource } from '../scan/scan.ts';

/**
 * Which inline `#tags` count as tags, by the garden's `tags.inline` option:
 * - `true`: every `#tag` that follows Obsidian's tag rule (as in Obsidian);
 * - `false`: none; only the `tags` property makes tags, and `#words` in the text stay text;
 * - `'declared'`: a `#tag` that some published note lists in its `tags` property, or one nested
 *   below such a tag (`#project/alpha` when `project` is declared).
 * Matching ignores case, as Obsidian's tags do.
 */
export function inlineTagRule(policy: InlineTagPolicy, sources: readonly NoteSource[]): (tag: string) => boolean {
  if (policy === true) return () => true;
  if (policy === false) return () => false;
  const declared = new Set<string>();
  for (const source of sources) {
    if (source.unpublished) continue;
    for (const tag of source.frontmatter.tags ?? []) declared.add(tag.toLowerCase());
  }
  return (tag) => {
    const lower = tag.toLowerCase();
    if (declared.has(lower)) return true;
    // `a/b/c` counts when `a` or `a/b` is declared.
    for (let slash = lower.indexOf('/'); slash !== -1; slash = lower.indexOf('/', slash + 1)) {
      if (declared.has(lower.slice(0, slash))) return true;
    }
    return false;
  };
}
