import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveGardenConfig } from '../../src/core/config/config.ts';
import { loadGarden, type Garden } from '../../src/core/build/build.ts';
import { htmlOf } from '../support/render.ts';
import { asContentPath } from '../../src/core/common/types.ts';

/**
 * Fixture tests of the render pipeline: each folder of tests/fixtures/render holds an `input.md`
 * and the `expected.html` the pipeline must produce for it. `_garden/` holds the notes the inputs
 * link to. Run with UPDATE_FIXTURES=1 to rewrite the expectations (then review the diff).
 */
const root = path.join(import.meta.dirname, '..', 'fixtures', 'render');
const cases = readdirSync(root).filter((name) => !name.startsWith('_') && existsSync(path.join(root, name, 'input.md')));

let garden: Garden;
beforeAll(async () => {
  garden = await loadGarden(resolveGardenConfig({ content: root }, {}));
});

describe('render fixtures', () => {
  it.each(cases)('%s', (name) => {
    const note = garden.index.byPath.get(asContentPath(`${name}/input.md`));
    expect(note, `${name}/input.md was not indexed`).toBeDefined();
    const html = htmlOf(garden, note!);
    const expectedFile = path.join(root, name, 'expected.html');
    if (process.env.UPDATE_FIXTURES) writeFileSync(expectedFile, html);
    expect(html).toBe(readFileSync(expectedFile, 'utf8'));
  });
});
