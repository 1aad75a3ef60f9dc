// @ts-check
import { defineConfig } from 'astro/config';
import garden from './src/astro/integration.ts';

// The garden's options live here with the rest of the site's configuration (docs/configuration.md).
// `GARDEN_CONTENT=/path/to/notes npm run build` builds another folder without editing this file.
export default defineConfig({
  // Set to the URL the garden is served from (used for absolute links such as feeds).
  site: process.env.GARDEN_SITE ?? 'https://garden.example.com',
  // For a GitHub Pages project site, set to '/<repository>/'.
  base: process.env.GARDEN_BASE ?? '/',
  output: 'static',
  trailingSlash: 'ignore',
  // One cached stylesheet for every page instead of CSS inlined into each (and no inline styles
  // to allow in the Content-Security-Policy).
  build: { inlineStylesheets: 'never', concurrency: 4 },
  integrations: [
    garden({
      content: 'content',
      title: 'Knowledge Garden',
      description: 'What we know, kept as linked notes.',
      // "Edit this note" and "History" links (docs/contributing.md, "Dates, contributors, edit links"). The deploy
      // workflow sets them through GARDEN_REPOSITORY_URL; or write them here:
      // repository: { url: 'https://github.com/acme/garden', branch: 'main' },
      // Discussion threads under every note, on GitHub Discussions (docs/comments.md):
      // comments: { repo: 'owner/name', repoId: 'R_…', category: 'Comments', categoryId: 'DIC_…' },
    }),
  ],
});
