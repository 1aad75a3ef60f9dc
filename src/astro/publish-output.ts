import type { AstroIntegration } from 'astro';
import { moveIntoPlace, type OutputFolders } from '../core/publish/output.ts';

/**
 * The last integration of the build: when every other integration's `astro:build:done` has
 * finished (pages, attachments, search index), it moves the staging folder into place
 * (src/core/publish/output.ts).
 */
export function publishOutputIntegration(output: OutputFolders): AstroIntegration {
  return {
    name: 'knowledge-garden:publish-output',
    hooks: {
      'astro:build:done': async ({ logger }) => {
        await moveIntoPlace(output);
        logger.info(`site written to ${output.outDir}`);
      },
    },
  };
}
