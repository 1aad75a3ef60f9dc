import { createHash } from 'node:crypto';
import path from 'node:path';
import { renderCodeVersion } from '../build/cache/render-key.ts';
import { type FileSetCache, fileSetCache } from './file-set-cache.ts';

/**
 * The graph files of the previous build, kept in the garden's cache so that a build whose graph
 * did not change carries them over instead of computing them again (on a 6,500-note garden, the
 * local graph of every note: 6,500 files, about 4 s of the main thread).
 *
 * What they show is `graph.json` and nothing else: every note's slug, path, title, tags, position,
 * rank and influence, and every link. The local graphs and the graph page's data are made from the
 * same notes, links and ranks (src/core/graph/view-data.ts). So `graph.json`'s text, with the
 * version of the code that turns it into files, is their key: editing a note's text without
 * changing its links, title or tags keeps it, and every graph file is carried over.
 *
 * One slot of the garden's cache (src/core/publish/file-set-cache.ts) holds the last build's files.
 */
export interface GraphFileCache extends FileSetCache {
  /** The key of a build's graph files. */
  key(graphJson: string): string;
}

export function graphFileCache(cacheDir: string): GraphFileCache {
  return {
    key(graphJson) {
      return createHash('sha256').update(renderCodeVersion()).update('\0').update(graphJson).digest('hex');
    },
    ...fileSetCache(path.join(cacheDir, 'graph-files')),
  };
}
