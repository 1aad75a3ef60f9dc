import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { GARDEN_OPTIONS, GardenConfigError, resolveGardenConfig, type GardenConfig, type GardenOptions } from '../core/config/config.ts';
import { UsageError } from './command.ts';
import type { CliIO } from './io.ts';

const CONFIG_FILES = ['astro.config.mjs', 'astro.config.js', 'astro.config.ts', 'astro.config.mts'];

export interface Project {
  /** The folder holding astro.config.mjs (else the repository's root, else the working folder). */
  root: string;
  /** The configuration file the options came from, if any. */
  configFile?: string;
  config: GardenConfig;
}

/**
 * The garden's configuration exactly as the build sees it: the options given to `garden()` in
 * astro.config.mjs (found from the working folder upwards, so the command works from any
 * subfolder), with the same environment variables applied. `--content` overrides the folder.
 */
export async function loadProject(io: CliIO, contentFlag: string | undefined): Promise<Project> {
  const { root, configFile } = findProjectRoot(io.cwd);
  const options = configFile ? await readGardenOptions(configFile) : {};
  // A `--content` path is typed relative to where the command runs, like any shell argument.
  const env = contentFlag === undefined ? io.env : { ...io.env, GARDEN_CONTENT: path.resolve(io.cwd, contentFlag) };
  let config: GardenConfig;
  try {
    config = resolveGardenConfig(options, env, root);
  } catch (error) {
    if (error instanceof GardenConfigError) throw new UsageError(error.message);
    throw error;
  }
  if (!existsSync(config.contentDir)) {
    throw new UsageError(
      `The content folder ${path.relative(io.cwd, config.contentDir) || '.'} does not exist. ` +
        "Run the command in the garden's repository, or name the folder of notes with --content <folder>.",
    );
  }
  return { root, ...(configFile ? { configFile } : {}), config };
}

/** The nearest folder upwards with an Astro configuration; else the repository's root; else `from`. */
function findProjectRoot(from: string): { root: string; configFile?: string } {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    for (const name of CONFIG_FILES) {
      const candidate = path.join(dir, name);
      if (existsSync(candidate)) return { root: dir, configFile: candidate };
    }
    if (existsSync(path.join(dir, '.git'))) return { root: dir };
    if (path.dirname(dir) === dir) return { root: path.resolve(from) };
  }
}

/** Imports the Astro configuration and takes the options of its `garden()` integration. */
async function readGardenOptions(configFile: string): Promise<GardenOptions> {
  let module: { default?: { integrations?: unknown[] } };
  try {
    module = (await import(pathToFileURL(configFile).href)) as typeof module;
  } catch (error) {
    throw new UsageError(`Could not read ${configFile}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const integrations = (module.default?.integrations ?? []).flat(Infinity) as unknown[];
  for (const integration of integrations) {
    if (integration && typeof integration === 'object' && GARDEN_OPTIONS in integration) {
      return (integration as { [GARDEN_OPTIONS]: GardenOptions })[GARDEN_OPTIONS];
    }
  }
  return {};
}

/** A path for messages: relative to where the command runs, so that terminals make it clickable. */
export function displayPath(io: CliIO, absolute: string): string {
  const relative = path.relative(io.cwd, absolute);
  return (relative === '' ? '.' : relative).split(path.sep).join('/');
}
