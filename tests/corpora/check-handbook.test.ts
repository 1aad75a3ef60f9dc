import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckReportJson } from '../../src/cli/check-report.ts';
import { projectRoot } from '../support/build-site.ts';
import { runGarden } from '../support/cli.ts';

/** `garden check` on the Sourcegraph handbook as it is: exactly its real problems, nothing Obsidian or GitHub accepts. */
const json = (stdout: string) => JSON.parse(stdout) as CheckReportJson;
const handbook = path.resolve(projectRoot, '..', 'shared', 'corpora', 'sourcegraph-handbook');

describe.skipIf(!existsSync(handbook))('garden check on the sourcegraph handbook', () => {
  it('reports exactly its broken file links as errors', async () => {
    const result = await runGarden(['check', '--format', 'json', '--content', handbook], { cwd: projectRoot });
    expect(result.code).toBe(1);
    const report = json(result.stdout);
    // The corpus README names three broken file links; with a CommonMark parser one is real (see
    // tests/corpora/corpora.test.ts): one link sits in an indented code block, and the third
    // does not exist in this snapshot.
    expect(
      report.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.line}:${d.column} ${d.rule} ${d.message}`),
    ).toEqual(['departments/people-talent/swag.md:19:102 broken-link `people-ops` points at a folder that has no index.md or README.md.']);
    expect(report.summary.errors).toBe(1);
    expect(report.notes.total).toBe(883);
    // Its warnings are broken #anchors, one link out of the content folder, one stray control
    // character (U+0003, in a sentence), and two logos whose SVG imports a font from Google (the
    // import is removed: a published picture fetches nothing): never broken files.
    expect(new Set(report.diagnostics.filter((d) => d.severity === 'warning').map((d) => d.rule))).toEqual(
      new Set(['broken-anchor', 'link-outside-content', 'control-character', 'svg-sanitized']),
    );
    expect(report.diagnostics.filter((d) => d.rule === 'svg-sanitized').map((d) => `${d.file}: ${d.message}`)).toEqual(
      ['digital', 'print'].map(
        (kind) =>
          `departments/product/design/brand_guidelines/logo/minimum_${kind}_logo_size.svg: This SVG is published without what could run or load something when it is opened: <style> with @import or an external url().`,
      ),
    );
    expect(report.diagnostics.filter((d) => d.rule === 'control-character').map((d) => `${d.file}:${d.line}:${d.column}`)).toEqual([
      'departments/product/design/brand_guidelines/logo.md:27:15',
    ]);
  });
});
