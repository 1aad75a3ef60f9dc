import { mkdirSync, mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveGardenConfig } from '../../src/core/config/config.ts';
import { commentThreadPlan } from '../../src/core/comments/threads.ts';
import { loadGarden } from '../../src/core/build/build.ts';
import { asContentPath } from '../../src/core/common/types.ts';

/** A note's thread across renames, on gardens on disk (the mapping itself: tests/unit/comment-threads.test.ts). */
const comments = { repo: 'acme/handbook', repoId: 'R_kgDOH1a2b3', category: 'Comments', categoryId: 'DIC_kwDOH1a2b34CQ7xy' };

function gardenFolder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'garden-comments-'));
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

async function threadsOf(dir: string) {
  const garden = await loadGarden(resolveGardenConfig({ content: dir, comments }, {}));
  const plan = commentThreadPlan(garden)!;
  return new Map(
    [...garden.index.bySlug.values()].map((entry) => [entry.path, { slug: entry.slug, thread: plan.threads.get(entry.slug) }]),
  );
}

describe('renaming a note', () => {
  const before = {
    'index.md': '# Home\n\nSee the [[Onboarding checklist]].\n',
    'Onboarding checklist.md': '---\nid: onb-4k8d2m\n---\n# Onboarding checklist\n\nThe first week.\n',
    'Glossary.md': '# Glossary\n\nNo id here.\n',
  };

  it('keeps its thread when the file is renamed, moved and retitled with the same id', async () => {
    const dir = gardenFolder(before);
    const original = (await threadsOf(dir)).get(asContentPath('Onboarding checklist.md'))!;
    expect(original).toEqual({ slug: 'onboarding-checklist', thread: { term: 'onb-4k8d2m', keyedBy: 'id' } });

    mkdirSync(path.join(dir, 'People'));
    renameSync(path.join(dir, 'Onboarding checklist.md'), path.join(dir, 'People', 'Your first week.md'));
    writeFileSync(path.join(dir, 'People', 'Your first week.md'), '---\nid: onb-4k8d2m\ntitle: Your first week\n---\nThe first week.\n');
    const renamed = (await threadsOf(dir)).get(asContentPath('People/Your first week.md'))!;
    expect(renamed.slug).toBe('people/your-first-week');
    expect(renamed.thread).toEqual(original.thread);
  });

  it('loses the thread of a note without an id, which is why the build lists such notes', async () => {
    const dir = gardenFolder(before);
    const original = (await threadsOf(dir)).get(asContentPath('Glossary.md'))!;
    renameSync(path.join(dir, 'Glossary.md'), path.join(dir, 'Terms.md'));
    const renamed = (await threadsOf(dir)).get(asContentPath('Terms.md'))!;
    expect(renamed.thread?.term).not.toBe(original.thread?.term);
  });
});
