import { constants as fsConstants, promises as fs } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Garden } from '../build/build.ts';

/**
 * Copies every published attachment to its URL in the site (an SVG as sanitized when the garden was
 * loaded); returns how many. Every file is created exclusively: should an address ever be taken
 * already (a bug in the reserved paths, output/reserved.ts), the build fails loudly instead of
 * replacing what it wrote.
 */
export async function copyAttachments(garden: Pick<Garden, 'config' | 'index' | 'attachments'>, outDir: string): Promise<number> {
  const contentDir = garden.config.contentDir;
  let copied = 0;
  for (const attachment of garden.index.attachmentsUsed) {
    const published = garden.attachments.get(attachment);
    if (!published) throw new Error(`${attachment} is used but was never decided on (src/core/build/attachments.ts).`);
    const destination = path.join(outDir, ...published.output.split('/'));
    await fs.mkdir(path.dirname(destination), { recursive: true });
    try {
      if (published.sanitized === undefined) await copyExclusively(path.join(contentDir, ...attachment.split('/')), destination);
      else await fs.writeFile(destination, published.sanitized, { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      throw new Error(
        `${attachment} would replace /${published.output}, which the build wrote: add that path to src/core/links/reserved.ts.`,
      );
    }
    copied++;
  }
  return copied;
}

/** Copies without following a symbolic link at the source (one swapped in since the scan) and without replacing the destination. */
async function copyExclusively(source: string, destination: string): Promise<void> {
  const input = await fs.open(source, fsConstants.O_RDONLY | (fsConstants.O_NOFOLLOW ?? 0));
  let output: fs.FileHandle;
  try {
    output = await fs.open(destination, 'wx');
  } catch (error) {
    await input.close();
    throw error;
  }
  // The streams close their file handles when the copy ends, or fails.
  await pipeline(input.createReadStream(), output.createWriteStream());
}
