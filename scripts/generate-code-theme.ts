import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { codeThemeCss } from '../src/core/render/highlight-code.ts';

/**
 * Writes src/styles/code-theme.css, the stylesheet of the syntax-highlighting classes, from the
 * two Shiki themes (src/core/render/highlight-code.ts). Run after changing the themes or upgrading
 * Shiki: `npm run generate:code-theme`. tests/unit/code-theme.test.ts fails while it is stale.
 */
const target = path.resolve(import.meta.dirname, '..', 'src', 'styles', 'code-theme.css');
writeFileSync(target, await codeThemeCss());
console.log(`wrote ${path.relative(process.cwd(), target)}`);
