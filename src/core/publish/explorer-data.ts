import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Garden } from '../build/build.ts';
import type { SiteUrls } from '../links/urls.ts';
import { explorerDataPath, type ExplorerJson } from './explorer-json.ts';
import { buildTree, folderUrl, type Folder, type GardenTree } from '../index/tree.ts';

/** Writes the explorer's per-folder JSON files into the built site (see explorer-json.ts). */
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

/** One folder's file: its entries in explorer order, each with its address. */
export function explorerJson(folder: Folder, urls: SiteUrls): ExplorerJson {
  return {
    folder: folder.slug,
    entries: folder.entries.map((entry) =>
      entry.kind === 'folder'
        ? {
            kind: 'folder',
            title: entry.folder.title,
            slug: entry.folder.slug,
            url: folderUrl(entry.folder, urls),
            count: entry.folder.count,
          }
        : { kind: 'note', title: entry.note.title, slug: entry.note.slug, url: urls.page(entry.note.slug) },
    ),
  };
}

/** Every folder's file: path relative to the site's base → JSON text. */
export function* explorerDataFiles(tree: GardenTree, urls: SiteUrls): Generator<[string, string]> {
  for (const folder of tree.folders.values()) {
    yield [explorerDataPath(folder.slug), JSON.stringify(explorerJson(folder, urls))];
  }
}
