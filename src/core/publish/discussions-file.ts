import { promises as fs } from 'node:fs';
import path from 'node:path';
import { DISCUSSIONS_JSON, discussionsJson } from '../comments/discussions-json.ts';
import type { CommentsConfig } from '../config/comments.ts';
import type { GardenDiscussions } from './garden-discussions.ts';

/**
 * Writes `discussions.json` next to `graph.json` whenever comments are configured (with no notes
 * when nothing is known), so that a tool reading it finds the file and its `source` says why.
 */
export async function writeDiscussionsJson(
  comments: CommentsConfig | undefined,
  discussions: GardenDiscussions,
  outDir: string,
): Promise<void> {
  if (!comments) return;
  const json = discussionsJson(discussions.read, discussions.byNote, comments);
  await fs.writeFile(path.join(outDir, DISCUSSIONS_JSON), `${JSON.stringify(json, null, 2)}\n`);
}
