import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * Folders an Obsidian vault itself says are not for publishing: Obsidian Publish's `excluded` list
 * and the templates folder of the core Templates plugin and of Templater. Honouring them lets a
 * vault be built as it is, without repeating its settings in the garden's configuration.
 */
export async function obsidianIgnoredPaths(contentDir: string): Promise<string[]> {
  const settings = path.join(contentDir, '.obsidian');
  const [publish, templates, templater] = await Promise.all([
    readJson(path.join(settings, 'publish.json')),
    readJson(path.join(settings, 'templates.json')),
    readJson(path.join(settings, 'plugins', 'templater-obsidian', 'data.json')),
  ]);
  const paths: unknown[] = [...(Array.isArray(publish?.excluded) ? publish.excluded : []), templates?.folder, templater?.templates_folder];
  return paths
    .filter((value): value is string => typeof value === 'string' && value.trim() !== '')
    .map((value) =>
      value
        .replaceAll('\\', '/')
        .replace(/^\/+|\/+$/g, '')
        .normalize('NFC'),
    );
}

async function readJson(file: string): Promise<Record<string, unknown> | undefined> {
  try {
    const value: unknown = JSON.parse(await fs.readFile(file, 'utf8'));
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
