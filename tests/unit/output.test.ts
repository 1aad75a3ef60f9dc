import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkOutputFolder, isInside, stagingFolder } from '../../src/core/publish/output.ts';

describe('the output folder', () => {
  it('is built in a hidden sibling, on the same file system, and moved into place', () => {
    expect(stagingFolder('/work/site/dist')).toBe('/work/site/.dist.partial');
    expect(stagingFolder('/work/site/dist/')).toBe('/work/site/.dist.partial');
    expect(stagingFolder('out')).toBe(path.resolve('.out.partial'));
  });

  it('is never inside the content folder, nor the content folder inside it', () => {
    expect(isInside('/a/b', '/a')).toBe(true);
    expect(isInside('/a', '/a')).toBe(true);
    expect(isInside('/ab', '/a')).toBe(false);
    expect(() => checkOutputFolder('/site/content/dist', '/site/content')).toThrow(
      /inside the content folder.*never writes into the content folder/,
    );
    expect(() => checkOutputFolder('/site', '/site/content')).toThrow(/content folder \/site\/content is inside the output folder/);
    expect(() => checkOutputFolder('/site/dist', '/site/content')).not.toThrow();
  });
});
