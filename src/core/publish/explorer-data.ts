import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Garden } from '../build/build.ts';
import type { SiteUrls } from '../links/urls.ts';
import { explorerDataFiles } from './explorer-json.ts';
import { buildTree } from '../index/tree.ts';

/** Writes the explorer's per-folder JSON files into the built site (see site/explorer-data.ts). */
export async function writeExplorerData(garden: Garden, urls: SiteUrls, outDir: string): Promise<number> {
  const tree = buildTree(garden.index.bySlug.values(), garden.config.title, garden.config.explorer);
  let written = 0;
  for (const [file, json] of explorerDataFiles(tree, urls)) {
    const destination = path.join(outDir, ...file.split('/'));
    await fs.mkdir(path.dirname(destination), { recursive: true });
    await fs.writeFile(destination, json);
    written++;
  }
  return written;
}
