/** Where a page with a diagram imports Mermaid from, relative to the site's base (published by the build, served by the dev server). */
export { DIAGRAM_CODE_ENTRY } from '../core/publish/diagram-code.ts';
