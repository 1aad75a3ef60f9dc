import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveGardenConfig } from '../../src/core/config/config.ts';
import { loadGarden, type Garden } from '../../src/core/build/build.ts';
import { build } from '../../src/core/build/site-build.ts';
import { ParallelBuild } from '../../src/core/build/workers/parallel-build.ts';
import { FactsPack } from '../../src/core/build/cache/facts-pack.ts';
import type { NoteFacts } from '../../src/core/markdown/facts.ts';
import { TaskTimeoutError, WorkerPool } from '../../src/core/build/workers/pool.ts';
import { renderNote } from '../../src/core/render/render-note.ts';
import { asContentPath, type ContentPath } from '../../src/core/common/types.ts';
import { SiteUrls } from '../../src/core/links/urls.ts';

const echoWorker = new URL('../fixtures/workers/echo-worker.ts', import.meta.url);

describe('WorkerPool', () => {
  it('answers every task, in parallel workers, after their setup', async () => {
    const pool = new WorkerPool<{ value: number; setupSeen: number }>(echoWorker, 2);
    pool.configure({ type: 'setup' });
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => pool.run({ value: i }, 5_000)));
    expect(answers.map((answer) => answer.value)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(answers.every((answer) => answer.setupSeen === 1)).toBe(true);
    await pool.close();
  });

  it('stops a task that overruns its budget, replaces the worker, and finishes the others', async () => {
    const pool = new WorkerPool<{ value: number; setupSeen: number }>(echoWorker, 1);
    pool.configure({ type: 'setup' });
    const hung = pool.run({ value: -1, spinMs: 60_000 }, 200);
    const after = [1, 2, 3].map((value) => pool.run({ value }, 5_000));
    await expect(hung).rejects.toBeInstanceOf(TaskTimeoutError);
    const answers = await Promise.all(after);
    expect(answers.map((answer) => answer.value)).toEqual([1, 2, 3]);
    // The replacement worker got the setup message too.
    expect(answers.every((answer) => answer.setupSeen === 1)).toBe(true);
    await pool.close();
  });

  it('runs a task on the worker it prefers, and gives waiting tasks to an idle worker rather than leave it idle', async () => {
    const pool = new WorkerPool<{ value: number; threadId: number }>(echoWorker, 2);
    await pool.loaded();
    const first = await Promise.all([0, 1].map((value) => pool.runOn({ value, spinMs: 100 }, 5_000)));
    const [one, other] = first.map((answer) => answer.worker);
    expect(new Set([one, other])).toEqual(new Set([0, 1]));
    // Few tasks at a time: each goes to the worker it prefers.
    for (const worker of [one!, other!, one!]) {
      const answer = await pool.runOn({ value: worker }, 5_000, worker);
      expect(answer.worker).toBe(worker);
      expect(answer.response.threadId).toBe(first[worker === one ? 0 : 1]!.response.threadId);
    }
    // Twenty slow tasks all preferring one worker: the other takes some of them.
    const answers = await Promise.all(Array.from({ length: 20 }, (_, value) => pool.runOn({ value, spinMs: 20 }, 5_000, one)));
    expect(answers.map((answer) => answer.response.value)).toEqual(Array.from({ length: 20 }, (_, value) => value));
    const onOther = answers.filter((answer) => answer.worker === other).length;
    expect(onOther).toBeGreaterThan(0);
    expect(onOther).toBeLessThan(20);
    await pool.close();
  });

  it("passes a worker's error to its task", async () => {
    const pool = new WorkerPool(echoWorker, 1);
    await expect(pool.run({ fail: true }, 5_000)).rejects.toThrow('asked to fail');
    await pool.close();
  });
});

function garden(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'garden-parallel-'));
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

function bodiesOf(garden: Garden): Map<ContentPath, string> {
  return new Map(garden.scan!.notes.map((note) => [note.path, note.body]));
}

describe('ParallelBuild', () => {
  it('renders in workers exactly what the main thread renders', async () => {
    const content = path.resolve(import.meta.dirname, '..', 'fixtures', 'render');
    const config = resolveGardenConfig({ content }, {});
    const urls = new SiteUrls('/');
    const serial = await loadGarden(config);
    const parallel = new ParallelBuild();
    try {
      const loaded = await loadGarden(config, { parallel, keepScan: true });
      expect([...loaded.index.bySlug.keys()]).toEqual([...serial.index.bySlug.keys()]);
      const cache = mkdtempSync(path.join(tmpdir(), 'garden-cache-'));
      const { notes, rendered } = await parallel.prerender(loaded.index, urls, cache, bodiesOf(loaded));
      expect(rendered).toBe(serial.index.bySlug.size);
      for (const note of serial.index.bySlug.values()) {
        const fromWorker = notes.page(loaded.index.byPath.get(note.path)!);
        expect(fromWorker, note.path).toEqual(renderNote(serial, note, urls, { liftTitle: true }));
      }
      // A second build with the same content renders nothing: every rendering comes from the cache.
      expect((await parallel.prerender(loaded.index, urls, cache, bodiesOf(loaded))).rendered).toBe(0);
      expect(readdirSync(path.join(cache, 'html'))).toHaveLength(serial.index.bySlug.size);
    } finally {
      await parallel.close();
    }
  });

  it('renders each note in the worker that parsed it, from the tree it kept: a cold build parses every note once', async () => {
    const files: Record<string, string> = {};
    // Notes long enough that both workers parse about half of them, whatever the machine's load.
    const section = (i: number) =>
      `\n## Part\n\nA paragraph with *emphasis*, a [[n${i}#Part]] link, \`code\` and https://example.com/${i}.\n`;
    for (let i = 0; i < 60; i++)
      files[`n${i}.md`] = `# Note ${i}\n\nSee [[n${(i + 1) % 60}]] and [[n${(i + 7) % 60}#Part]].\n${section(i).repeat(60)}`;
    // Embeds: of a note rendered before or after, of itself (a loop the page shows as such), of a section.
    files['host.md'] = '# Host\n\n![[n3]]\n\n![[host]]\n\n![[n59#Part]]\n';
    const config = resolveGardenConfig({ content: garden(files) }, {});
    const urls = new SiteUrls('/');
    const serial = await loadGarden(config);
    const parallel = new ParallelBuild({ workers: 2 });
    try {
      const loaded = await loadGarden(config, { parallel, keepScan: true });
      const cache = mkdtempSync(path.join(tmpdir(), 'garden-cache-'));
      const { notes, rendered, parsedAgain } = await parallel.prerender(loaded.index, urls, cache, bodiesOf(loaded));
      expect(rendered).toBe(61);
      // The two embedded notes, if their own renders came first and took their trees, and the few
      // notes an idle worker took over at the end; sent to any worker, half (30) would be parsed again.
      expect(parsedAgain).toBeLessThanOrEqual(15);
      for (const note of serial.index.bySlug.values()) {
        expect(notes.page(loaded.index.byPath.get(note.path)!), note.path).toEqual(renderNote(serial, note, urls, { liftTitle: true }));
      }
    } finally {
      await parallel.close();
    }
  });

  it('renders again only the notes whose content or link targets changed', async () => {
    const dir = garden({ 'a.md': '# A\n\nSee [[B]].', 'b.md': '# B\n\nPlain.', 'c.md': '# C\n\nAlone.' });
    const cache = mkdtempSync(path.join(tmpdir(), 'garden-cache-'));
    const build = async () => {
      const parallel = new ParallelBuild();
      try {
        const loaded = await loadGarden(resolveGardenConfig({ content: dir }, {}), { parallel, keepScan: true });
        return (await parallel.prerender(loaded.index, new SiteUrls('/'), cache, bodiesOf(loaded))).rendered;
      } finally {
        await parallel.close();
      }
    };
    expect(await build()).toBe(3);
    // b becomes a draft: b itself disappears from the site, and a's link to it changes (plain text).
    writeFileSync(path.join(dir, 'b.md'), '---\ndraft: true\n---\n# B\n\nPlain.');
    expect(await build()).toBe(1);
    writeFileSync(path.join(dir, 'c.md'), '# C\n\nAlone, edited.');
    expect(await build()).toBe(1);
  });

  it('leaves out a note that exceeds its time budget, with a clear problem', async () => {
    // Within every text limit (src/core/common/limits.ts), but about 10 s of parsing; the small note
    // takes milliseconds, and keeps inside 2 s even on a machine loaded by three test files at once.
    const dir = garden({ 'ok.md': '# Fine', 'huge.md': `# Huge\n\n${'word [link](x.md) *em*\n\n'.repeat(40_000)}` });
    const config = resolveGardenConfig({ content: dir }, { GARDEN_NOTE_BUDGET_MS: '2000' });
    const parallel = new ParallelBuild(config);
    try {
      const loaded = await loadGarden(config, { parallel });
      expect([...loaded.index.byPath.keys()]).toEqual(['ok.md']);
      expect(loaded.diagnostics).toContainEqual(expect.objectContaining({ file: 'huge.md', rule: 'note-too-slow', severity: 'error' }));
    } finally {
      await parallel.close();
    }
  });
});

describe('the facts cache', () => {
  it('parses only the notes whose bytes are new', async () => {
    const dir = garden({ 'index.md': '# Home\n\nSee [[A]].', 'A.md': '# A\n\n## Part\n\nText.', 'B.md': '# B\n\n#tag' });
    const config = resolveGardenConfig({ content: dir }, {});
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'garden-cache-'));
    const parallel = new ParallelBuild();
    const parse = async () => parallel.parse((await loadGarden(config, { keepScan: true })).scan!, cacheDir);
    try {
      const cold = await parse();
      expect(cold.inWorkers).toBe(3);
      const warm = await parse();
      expect(warm.inWorkers).toBe(0);
      expect(warm.parsed).toEqual(cold.parsed);

      writeFileSync(path.join(dir, 'A.md'), '# A\n\n## Another part\n\nText.');
      rmSync(path.join(dir, 'B.md'));
      const edited = await parse();
      expect(edited.inWorkers).toBe(1);
      expect(edited.parsed.get(asContentPath('A.md'))!.facts.headings.map((heading) => heading.text)).toEqual(['A', 'Another part']);
      expect((await parse()).inWorkers).toBe(0);

      // Facts that cannot be read are a cold cache for their notes, not a failed build.
      const [pack] = readdirSync(path.join(cacheDir, 'facts')).filter((file) => !file.includes('.added-'));
      writeFileSync(path.join(cacheDir, 'facts', pack!), '{"half');
      expect((await parse()).inWorkers).toBe(1);
      expect((await parse()).inWorkers).toBe(0);
    } finally {
      await parallel.close();
    }
  });

  it('adds a few facts beside the pack, then packs the current notes only, and removes other code versions', () => {
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'garden-cache-'));
    const facts = (text: string) => ({ headings: [{ depth: 1, text }] }) as unknown as NoteFacts;
    const folder = path.join(cacheDir, 'facts');
    // What an older code version left: never read by this one, removed with its first pack.
    mkdirSync(path.join(folder, 'older-code'), { recursive: true });
    writeFileSync(path.join(folder, 'older-code', 'note.json'), '{}');
    const build = (hashes: string[]) => {
      const pack = FactsPack.load(cacheDir, 'v1', 2);
      const parsed = hashes.filter((hash) => pack.get(hash) === undefined);
      for (const hash of parsed) pack.add(hash, facts(hash));
      pack.save();
      return parsed;
    };
    const files = () => readdirSync(folder).sort();

    expect(build(['a', 'b', 'c'])).toEqual(['a', 'b', 'c']);
    // The first pack of this code version: the older version's files are gone.
    expect(files()).toEqual(['v1.json']);
    // Two edits: each build's new facts in a file of their own; the pack is not written again.
    expect(build(['a', 'b', 'd'])).toEqual(['d']);
    expect(build(['a', 'e', 'd'])).toEqual(['e']);
    expect(files()).toEqual([expect.stringMatching(/^v1\.added-/), expect.stringMatching(/^v1\.added-/), 'v1.json']);
    expect(build(['a', 'e', 'd'])).toEqual([]);
    // A third would pass the limit (2 beside the pack): a new pack, of this build's notes only.
    expect(build(['a', 'e', 'd', 'f'])).toEqual(['f']);
    expect(files()).toEqual(['v1.json']);
    expect(Object.keys(JSON.parse(readFileSync(path.join(folder, 'v1.json'), 'utf8'))).sort()).toEqual(['a', 'd', 'e', 'f']);
    expect(build(['a', 'e', 'd', 'f'])).toEqual([]);
    expect(FactsPack.load(cacheDir, 'v1').get('e')).toEqual(facts('e'));
  });
});

describe('build', () => {
  it('knows every note that could not be rendered before any page is generated, and leaves the garden as it was loaded', async () => {
    // Each note is quick to parse, but A shows 2 MB of B: far more than 2 s to render.
    const dir = garden({
      'index.md': '# Home\n\nSee [[A]].',
      'A.md': `# A\n\n${'![[B]]\n\n'.repeat(100)}`,
      'B.md': `# B\n\n${'word [link](x.md) *em*\n\n'.repeat(830)}`,
      'x.md': '# X',
    });
    const config = resolveGardenConfig({ content: dir }, {});
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'garden-cache-'));
    // Parsed once with the usual budget: the build below reads the notes' facts from the cache.
    const parallel = new ParallelBuild();
    try {
      expect((await parallel.parse((await loadGarden(config, { keepScan: true })).scan!, cacheDir)).diagnostics).toEqual([]);
    } finally {
      await parallel.close();
    }
    const lines: string[] = [];
    const log = { info: (line: string) => lines.push(line), warn: (line: string) => lines.push(line) };
    const result = await build({ ...config, cacheDir, noteBudgetMs: 2000 }, { urls: new SiteUrls('/'), log });
    await result.layout;
    const a = result.garden.index.byPath.get(asContentPath('A.md'))!;
    expect(result.rendered.page(a)).toEqual({ failure: 'rendering took longer than 2 s' });
    expect(result.diagnostics.filter((diagnostic) => diagnostic.file === 'A.md')).toEqual([
      expect.objectContaining({
        severity: 'error',
        rule: 'render-failed',
        message: 'The note could not be turned into a page: rendering took longer than 2 s.',
      }),
    ]);
    // The garden itself is as it was loaded: the render stage's problems are the result's.
    expect(result.garden.diagnostics.some((diagnostic) => diagnostic.rule === 'render-failed')).toBe(false);
    expect(lines).toContain(`read 4 notes from ${config.contentDir}`);
  });
});
