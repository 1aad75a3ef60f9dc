/**
 * The section `garden fix-links --dry-run --format markdown` adds to a pull request's job summary:
 * what is broken, one line on how to apply the fix, and the patch. The patch is shown in a code
 * fence longer than any run of backticks inside it, so that no note's text can end the block and
 * put its own Markdown into the summary.
 */
export function fixLinksSummary(input: { patch: string; links: number; notes: number; base: string | undefined }): string {
  const longestRun = Math.max(2, ...[...input.patch.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(longestRun + 1);
  const command = `npx garden fix-links${input.base ? ` --base ${input.base}` : ''}`;
  const links = `${input.links} link${input.links === 1 ? '' : 's'} in ${input.notes} note${input.notes === 1 ? '' : 's'}`;
  return [
    '## Links broken by renames: the fix',
    '',
    `This change renames or moves files, and ${links} still point at the old names. The patch below points them at the new ones.`,
    '',
    `**To apply it**, run \`${command}\` in your clone and commit, or save the patch as \`fix-links.patch\` and run \`git apply fix-links.patch\` (from the web editor: make the \`+\` lines' changes in the files named).`,
    '',
    `${fence}diff`,
    input.patch.trimEnd(),
    fence,
    '',
  ].join('\n');
}
