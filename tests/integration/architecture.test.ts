import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The shape of the code (docs/architecture.md), checked on the import graph of every module under
 * src/ and plugins/, so that it cannot rot: no import cycle, dependencies that point one way, a
 * core that knows nothing of Astro, the site or the browser, and one reader of the environment.
 * Static: the sources are read and scanned by TypeScript (`ts.preProcessFile`, which sees type-only
 * imports and `import()` too), nothing is built or run.
 */

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const SOURCE_FOLDERS = ['src', 'plugins'];
const MODULE = /\.(ts|mts|js|mjs|astro)$/;

/**
 * Which folders of src/core a folder of src/core imports, written bottom-up: each folder names only
 * folders listed before it, so the table is itself an order and no two folders can depend on each
 * other, directly or around a circle. `plugins` is plugins/, the garden-free Markdown syntax, under
 * everything; `common` (types, limits, diagnostics) and `config` (the resolved options) may be
 * imported by every folder and are not repeated below. Each list is exactly what the code imports:
 * a new dependency between two folders is a decision taken here, where a reviewer sees it.
 *
 * - markdown: the note's syntax and facts (parse, headings, links as written), on plugins/;
 * - links: slugs, URLs, the resolver, what is a file and what a note, URL safety;
 * - scan, history: what the build reads from outside (the content folder; git);
 * - new-note: what `garden new` needs (a fresh id, a file name, a template filled in);
 * - index: every note parsed once, links resolved, backlinks, tags, ids, redirects;
 * - comments, render, graph, flow, diff: what is derived from an index (threads; HTML; the link
 *   graph and its layout; feeds and recent changes; what a change does);
 * - build: loads a garden (scan, index, history, attachments, highlighting), in parallel workers,
 *   with caches; the site build (every page's note rendered, the graph's layout started); and the
 *   dev server's updates;
 * - publish, rename: what is done with a loaded garden (the files of the site and the build's
 *   report, comment threads included; `garden mv` and `fix-links`).
 */
const CORE_IMPORTS: Record<string, readonly string[]> = {
  plugins: [],
  common: [],
  config: [],
  markdown: ['plugins'],
  links: ['markdown'],
  scan: ['links', 'plugins'],
  history: [],
  'new-note': ['scan'],
  index: ['history', 'links', 'markdown', 'scan'],
  comments: ['scan'],
  render: ['index', 'links', 'markdown', 'plugins'],
  graph: ['index', 'links'],
  flow: ['history', 'index'],
  diff: ['history', 'index'],
  build: ['comments', 'graph', 'history', 'index', 'links', 'markdown', 'render', 'scan'],
  publish: ['build', 'comments', 'graph', 'index', 'links'],
  rename: ['build', 'history', 'index', 'links', 'markdown', 'plugins', 'scan'],
};
/** Imported by every folder of the core; `config` may use `common`, `common` uses nothing. */
const FOUNDATION = ['common', 'config'];
/** The stages of DESIGN.md, in the order in which data flows: a stage never imports a later one. */
const STAGES = ['markdown', 'links', 'index', 'render', 'build', 'publish'];

/** The parts of src/ that the core must not know: the site, the integration, the browser, the CLI. */
const OUTSIDE_THE_CORE = ['src/astro/', 'src/site/', 'src/pages/', 'src/components/', 'src/layouts/', 'src/client/', 'src/cli/'];
/**
 * What pages and components (every `.astro` file, and the endpoints in src/pages/) may import of
 * the project: the view models of src/site, one another, the stylesheets and the browser code. The
 * core and the integration reach them only through src/site, which hands over each page's data.
 */
const PAGE_IMPORTS = ['src/site/', 'src/components/', 'src/layouts/', 'src/styles/', 'src/client/'];

/** Astro and its dev server, Vite: the core is framework-free, and so is plugins/. */
const FRAMEWORK_PACKAGE = /^(astro|astro\/.*|astro:.*|@astrojs\/.*|vite|vite\/.*)$/;

/**
 * What browser code (src/client) may import from the core: modules without build code, whose
 * imports stay in this list, so that nothing else of the core reaches a page's scripts. The wire
 * formats of the files the browser fetches, and two pure helpers.
 */
const CORE_FOR_THE_BROWSER = [
  'src/core/common/decode.ts',
  'src/core/common/types.ts',
  'src/core/graph/view-json.ts',
  'src/core/links/page-path.ts',
  'src/core/publish/explorer-json.ts',
  'src/core/publish/search-parts.ts',
];

/**
 * The files that may read `process.env`: the configuration resolver, where every variable is read
 * once (DESIGN.md: "the core reads no environment variable"), and the CLI's one contact with the
 * process (`processIO`), whose environment the commands receive and the tests replace.
 */
const READS_THE_ENVIRONMENT = ['src/core/config/config.ts', 'src/cli/io.ts'];

interface Module {
  /** Relative to the project, POSIX. */
  file: string;
  code: string;
  /** The project files it imports (relative, POSIX). */
  files: string[];
  /** The packages it imports, by specifier (`astro:content`, `node:fs`, `mdast`). */
  packages: string[];
  /** Relative imports that name no file. */
  unresolved: string[];
}

const modules = readModules();
const graph = new Map(modules.map((module) => [module.file, module.files]));

describe('the import graph', () => {
  it('is read from every module of src/ and plugins/', () => {
    expect(modules.length).toBeGreaterThan(150);
    expect(modules.some((module) => module.file.endsWith('.astro'))).toBe(true);
    expect(modules.flatMap((module) => module.unresolved.map((specifier) => `${module.file} → ${specifier}`))).toEqual([]);
  });

  it('has no import cycle, type-only imports and .astro files included', () => {
    const cycles = stronglyConnected(graph).map(
      (files) => `${files.sort().join('\n    ⇄ ')}\n    for example: ${shortestCycle(files).join(' → ')}`,
    );
    expect(cycles, `import cycles (each group imports itself through the others):\n  ${cycles.join('\n  ')}`).toEqual([]);
  });
});

describe('one direction', () => {
  it('plugins/ imports nothing from src/', () => {
    expect(importsWhere((from, to) => from.startsWith('plugins/') && to.startsWith('src/'))).toEqual([]);
  });

  it('the core imports nothing of the site, the integration, the browser or the CLI, nor Astro or Vite', () => {
    expect(importsWhere((from, to) => inCore(from) && OUTSIDE_THE_CORE.some((part) => to.startsWith(part)))).toEqual([]);
    const framework = modules
      .filter((module) => inCore(module.file) || module.file.startsWith('plugins/'))
      .flatMap((module) => module.packages.filter((name) => FRAMEWORK_PACKAGE.test(name)).map((name) => `${module.file} → ${name}`));
    expect(framework).toEqual([]);
  });

  it('pages and components import only the view models (src/site), one another, styles and browser code', () => {
    const pages = modules.filter((module) => isPageOrComponent(module.file));
    expect(pages.filter((module) => module.file.endsWith('.astro')).length).toBeGreaterThan(30);
    expect(pages.some((module) => module.file === 'src/pages/feed.xml.ts')).toBe(true);
    const outside = importsWhere((from, to) => isPageOrComponent(from) && !PAGE_IMPORTS.some((part) => to.startsWith(part)));
    expect(outside, 'give the page what it needs through a view model in src/site').toEqual([]);
  });

  it('each folder of the core imports only the folders its row of the table names', () => {
    const unexpected = importsWhere((from, to) => {
      const source = coreFolder(from);
      const target = coreFolder(to);
      if (source === undefined || target === undefined || source === target) return false;
      if (source === 'common') return true;
      if (FOUNDATION.includes(target)) return false;
      return !(CORE_IMPORTS[source] ?? []).includes(target);
    });
    expect(
      unexpected,
      'an import the table (CORE_IMPORTS) does not allow: reverse it, move the shared part down, or, if it is right, add it to the table',
    ).toEqual([]);
  });

  it('the table is exact: every dependency it allows is one the code has', () => {
    const used = new Set(
      importsWhere(() => true).map((edge) => {
        const [from, to] = edge.split(' → ') as [string, string];
        return `${coreFolder(from)} → ${coreFolder(to)}`;
      }),
    );
    const unused = Object.entries(CORE_IMPORTS).flatMap(([folder, allowed]) =>
      allowed.filter((target) => !used.has(`${folder} → ${target}`)).map((target) => `${folder} → ${target}`),
    );
    expect(unused, 'remove these from CORE_IMPORTS: nothing imports that way any more').toEqual([]);
    const folders = new Set(modules.map((module) => coreFolder(module.file)).filter((folder) => folder !== undefined));
    expect(
      [...folders].filter((folder) => !(folder in CORE_IMPORTS)),
      'a new folder of src/core needs its row in CORE_IMPORTS',
    ).toEqual([]);
  });

  it('the table points down: a folder names only folders above it, and no stage reaches a later one', () => {
    const order = Object.keys(CORE_IMPORTS);
    const upward = Object.entries(CORE_IMPORTS).flatMap(([folder, allowed]) =>
      allowed.filter((target) => order.indexOf(target) >= order.indexOf(folder)).map((target) => `${folder} → ${target}`),
    );
    expect(upward).toEqual([]);
    // What a folder depends on, through the folders it imports.
    const reach = (folder: string, seen = new Set<string>()): Set<string> => {
      for (const target of CORE_IMPORTS[folder] ?? []) {
        if (seen.has(target)) continue;
        seen.add(target);
        reach(target, seen);
      }
      return seen;
    };
    const backwards = STAGES.flatMap((stage, i) =>
      STAGES.slice(i + 1)
        .filter((later) => reach(stage).has(later))
        .map((later) => `${stage} ⇢ ${later}`),
    );
    expect(backwards).toEqual([]);
    expect(STAGES.every((stage, i) => i === 0 || order.indexOf(stage) > order.indexOf(STAGES[i - 1]!))).toBe(true);
  });

  it('browser code imports from the core only modules made for the browser, which import nothing else', () => {
    const fromClient = importsWhere((from, to) => from.startsWith('src/client/') && inCore(to) && !CORE_FOR_THE_BROWSER.includes(to));
    expect(fromClient).toEqual([]);
    const fromClientElsewhere = importsWhere(
      (from, to) =>
        from.startsWith('src/client/') &&
        to.startsWith('src/') &&
        !inCore(to) &&
        !to.startsWith('src/client/') &&
        !to.startsWith('src/styles/'),
    );
    expect(fromClientElsewhere).toEqual([]);
    const leaking = importsWhere(
      (from, to) => CORE_FOR_THE_BROWSER.includes(from) && to.startsWith('src/') && !CORE_FOR_THE_BROWSER.includes(to),
    );
    expect(leaking).toEqual([]);
    for (const file of CORE_FOR_THE_BROWSER) expect(existsSync(path.join(ROOT, file)), file).toBe(true);
  });
});

describe('the environment', () => {
  it('is read only by the configuration resolver (and the CLI hands it the process)', () => {
    const readers = modules.filter((module) => readsProcessEnv(module)).map((module) => module.file);
    expect(
      readers.filter((file) => !READS_THE_ENVIRONMENT.includes(file)),
      'read the variable in resolveGardenConfig (src/core/config/config.ts) and pass the value down',
    ).toEqual([]);
    expect(
      READS_THE_ENVIRONMENT.filter((file) => !readers.includes(file)),
      'no longer reads process.env: remove it from READS_THE_ENVIRONMENT',
    ).toEqual([]);
  });

  it('is found however it is written', () => {
    const reads = (code: string) => readsProcessEnv({ file: 'x.ts', code, files: [], packages: [], unresolved: [] });
    expect(reads('const a = process.env.GARDEN_X;')).toBe(true);
    expect(reads("const a = process['env'];")).toBe(true);
    expect(reads('const { env } = process;')).toBe(true);
    expect(reads('const a = globalThis.process.env;')).toBe(true);
    expect(reads("import { env } from 'node:process';")).toBe(true);
    expect(reads('// process.env is read elsewhere\nconst a = config.env;')).toBe(false);
    expect(reads("const a = 'process.env';")).toBe(false);
  });
});

/** Every import between two project files that `keep` accepts, as `from → to`. */
function importsWhere(keep: (from: string, to: string) => boolean): string[] {
  return [...graph].flatMap(([from, targets]) => [...new Set(targets)].filter((to) => keep(from, to)).map((to) => `${from} → ${to}`));
}

function inCore(file: string): boolean {
  return file.startsWith('src/core/');
}

/** Every `.astro` file, wherever it is, and the endpoints beside the pages (`src/pages/feed.xml.ts`). */
function isPageOrComponent(file: string): boolean {
  return file.endsWith('.astro') || (file.startsWith('src/pages/') && /\.(ts|js)$/.test(file));
}

/** `src/core/render/remark/links.ts` → `render`; `plugins/parse.ts` → `plugins`; else `undefined`. */
function coreFolder(file: string): string | undefined {
  if (file.startsWith('plugins/')) return 'plugins';
  return /^src\/core\/([^/]+)\//.exec(file)?.[1];
}

function readModules(): Module[] {
  return SOURCE_FOLDERS.flatMap((folder) => filesUnder(path.join(ROOT, folder)))
    .filter((file) => MODULE.test(file))
    .map((absolute) => {
      const file = path.relative(ROOT, absolute).split(path.sep).join('/');
      const code = scriptOf(absolute, readFileSync(absolute, 'utf8'));
      const module: Module = { file, code, files: [], packages: [], unresolved: [] };
      for (const { fileName: specifier } of ts.preProcessFile(code, true, true).importedFiles) {
        if (!specifier.startsWith('.')) module.packages.push(specifier);
        else {
          const target = resolveRelative(absolute, specifier);
          if (target) module.files.push(target);
          else module.unresolved.push(specifier);
        }
      }
      return module;
    });
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

/** The code of a module; of an `.astro` file, its frontmatter and its `<script>`s (the template imports nothing). */
function scriptOf(file: string, text: string): string {
  if (!file.endsWith('.astro')) return text;
  const frontmatter = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? '';
  const scripts = [...text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((match) => match[1] ?? '');
  return [frontmatter, ...scripts].join('\n;\n');
}

/** The project file a relative specifier names (Vite's `?url` and such dropped), relative to the project. */
function resolveRelative(from: string, specifier: string): string | undefined {
  const target = path.resolve(path.dirname(from), specifier.replace(/\?.*$/, ''));
  const found = [target, `${target}.ts`, path.join(target, 'index.ts')].find(
    (candidate) => existsSync(candidate) && statSync(candidate).isFile(),
  );
  return found && path.relative(ROOT, found).split(path.sep).join('/');
}

/** Tarjan's strongly connected components with more than one file (or a file importing itself). */
function stronglyConnected(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (file: string): void => {
    index.set(file, counter);
    low.set(file, counter++);
    stack.push(file);
    onStack.add(file);
    for (const target of edges.get(file) ?? []) {
      if (!edges.has(target)) continue;
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file)!, low.get(target)!));
      } else if (onStack.has(target)) low.set(file, Math.min(low.get(file)!, index.get(target)!));
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1 || (edges.get(file) ?? []).includes(file)) components.push(component);
  };
  for (const file of edges.keys()) if (!index.has(file)) visit(file);
  return components;
}

/** The shortest way from the first file of a strongly connected group back to it, through the group. */
function shortestCycle(group: readonly string[]): string[] {
  const members = new Set(group);
  const start = group[0]!;
  const cameFrom = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const file = queue[i]!;
    for (const target of graph.get(file) ?? []) {
      if (!members.has(target)) continue;
      if (target === start) {
        const path = [file];
        while (path[0] !== start) path.unshift(cameFrom.get(path[0]!)!);
        return [...path, start];
      }
      if (cameFrom.has(target)) continue;
      cameFrom.set(target, file);
      queue.push(target);
    }
  }
  return group.slice();
}

/** Whether a module reads `process.env`, in any spelling (comments and strings aside). */
function readsProcessEnv(module: Module): boolean {
  // Parsed only where the word appears: most modules never mention it.
  if (!/\bprocess\b/.test(module.code) && !module.file.endsWith('.astro')) return false;
  const source = ts.createSourceFile(module.file, module.code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const isProcess = (node: ts.Node) => /^(globalThis\.)?process$/.test(node.getText(source));
  let found = false;
  const walk = (node: ts.Node): void => {
    if (found) return;
    if (ts.isPropertyAccessExpression(node) && node.name.text === 'env' && isProcess(node.expression)) found = true;
    else if (
      ts.isElementAccessExpression(node) &&
      ts.isStringLiteralLike(node.argumentExpression) &&
      node.argumentExpression.text === 'env' &&
      isProcess(node.expression)
    )
      found = true;
    else if (ts.isVariableDeclaration(node) && node.initializer && isProcess(node.initializer) && ts.isObjectBindingPattern(node.name)) {
      found = node.name.elements.some((element) => (element.propertyName ?? element.name).getText(source) === 'env');
    } else if (
      ts.isImportDeclaration(node) &&
      ts.isStringLiteral(node.moduleSpecifier) &&
      /^(node:)?process$/.test(node.moduleSpecifier.text)
    )
      found = true;
    else ts.forEachChild(node, walk);
  };
  walk(source);
  // An .astro template may read it too, outside the frontmatter.
  return found || (module.file.endsWith('.astro') && /\bprocess\s*\.\s*env\b/.test(readFileSync(path.join(ROOT, module.file), 'utf8')));
}
