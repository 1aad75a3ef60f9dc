import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Lists parse in linear time because micromark uses the patched `micromark-util-edit-map` in
 * vendor/ (see its readme.md); the install must put it where micromark looks. That the patch
 * changes nothing but the cost: tests/unit/markdown-lists.test.ts.
 */
describe('linear list handling', () => {
  it('micromark and micromark-core-commonmark load the patched edit map from vendor/', () => {
    const root = path.resolve(import.meta.dirname, '..', '..');
    for (const dependent of ['micromark', 'micromark-core-commonmark']) {
      const from = createRequire(path.join(root, 'node_modules', dependent, 'package.json'));
      expect(realpathSync(from.resolve('micromark-util-edit-map')), dependent).toBe(
        path.join(root, 'vendor', 'micromark-util-edit-map', 'index.js'),
      );
    }
  });
});
