import { existsSync, promises as fs, rmSync } from 'node:fs';
import path from 'node:path';

/**
 * Files of the built site that are allowed to differ between two builds of the same content,
 * because they say when the site was built (a feed's build date, say). Paths relative to the
 * output folder. A build of the same content is otherwise byte for byte the same (tested by
 * tests/e2e/hostile.test.ts), so that a pull request's preview can be reproduced; add a file here
 * only with the reason it must carry a time.
 */
export const TIME_STAMPED_FILES: readonly string[] = [];

/**
 * Where a build writes until it has succeeded: a hidden sibling of the output folder (same file
 * system, so the final move is a rename), e.g. `.dist.partial` next to `dist`. A build that fails
 * leaves its pages there, clearly unfinished, and the previous `dist` as it was.
 */
export function stagingFolder(outDir: string): string {
  const resolved = path.resolve(outDir);
  return path.join(path.dirname(resolved), `.${path.basename(resolved)}.partial`);
}

/** Whether `inner` is `outer` or inside it. */
export function isInside(inner: string, outer: string): boolean {
  const relative = path.relative(path.resolve(outer), path.resolve(inner));
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * Refuses an output folder inside the content folder (the build would write into `content/`, and
 * the next scan would read its own output), and the content folder inside the output folder (the
 * build starts by emptying the output folder).
 */
export function checkOutputFolder(outDir: string, contentDir: string): void {
  if (isInside(outDir, contentDir)) {
    throw new Error(
      `The output folder ${outDir} is inside the content folder ${contentDir}: the build never writes into the content folder. Choose an output folder outside it (Astro's \`outDir\`, or \`--outDir\`).`,
    );
  }
  if (isInside(contentDir, outDir)) {
    throw new Error(
      `The content folder ${contentDir} is inside the output folder ${outDir}, which every build empties. Move the notes, or choose another output folder.`,
    );
  }
}

/** Removes what a failed earlier build left in the staging folder. */
export function clearStaging(staging: string): void {
  if (existsSync(staging)) rmSync(staging, { recursive: true, force: true });
}

/** Where a build writes (`staging`) and where the site goes once the whole build has succeeded (`outDir`). */
export interface OutputFolders {
  readonly outDir: string;
  readonly staging: string;
}

/**
 * Before a build: refuses an output folder that would overlap the content folder, and empties the
 * staging folder, where the build then writes everything.
 */
export function prepareOutput(outDir: string, contentDir: string): OutputFolders {
  checkOutputFolder(outDir, contentDir);
  const staging = stagingFolder(outDir);
  clearStaging(staging);
  return { outDir: path.resolve(outDir), staging };
}

/**
 * The very last step of a build, once everything is written (pages, attachments, search index):
 * moves the staging folder into place. The old output folder is renamed away first and removed
 * after, so that at no moment is the output folder half-written; a failure before this point leaves
 * the old output folder untouched. Run last, when everything else has written its files
 * (src/astro/publish-output.ts).
 */
export async function moveIntoPlace({ staging, outDir }: OutputFolders): Promise<void> {
  const previous = `${staging}.previous`;
  await fs.rm(previous, { recursive: true, force: true });
  if (existsSync(outDir)) await fs.rename(outDir, previous);
  await fs.rename(staging, outDir);
  await fs.rm(previous, { recursive: true, force: true });
}
