import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';

/**
 * Every file under `root` (symbolic links as links, not followed) with a hash of its content; with
 * `times`, folders too, and the modification times of both, so that any write shows (even a file
 * written and deleted again changes its folder's time).
 */
export function snapshot(root: string, options: { times?: boolean } = {}): Map<string, string> {
  const entries = new Map<string, string>();
  const walk = (relative: string) => {
    for (const name of readdirSync(path.join(root, relative)).sort()) {
      const file = relative ? `${relative}/${name}` : name;
      const absolute = path.join(root, file);
      const stat = lstatSync(absolute);
      const time = options.times ? ` ${stat.mtimeMs}` : '';
      if (stat.isSymbolicLink()) entries.set(file, `link ${readlinkSync(absolute)}${time}`);
      else if (stat.isDirectory()) {
        if (options.times) entries.set(`${file}/`, `folder${time}`);
        walk(file);
      } else entries.set(file, `${createHash('sha1').update(readFileSync(absolute)).digest('hex')}${time}`);
    }
  };
  walk('');
  return entries;
}
