/**
 * `npm run bench`: the only place the garden's speed and memory are judged.
 *
 *   npm run bench                          generated gardens of 1k, 10k and 50k notes
 *   npm run bench -- --sizes 1000          only the 1k garden (what CI runs)
 *   npm run bench -- --content DIR         any folder of notes instead (cold only; add --warm-copy to
 *                                          build a copy of it cold, then warm with one note edited)
 *   npm run bench -- --profile vault       a garden shaped like a large Obsidian vault (bench/vault.ts:
 *                                          folders of 2,000 notes, dense backlinks, aliases, hub notes,
 *                                          many tags), 6,500 notes unless --sizes says otherwise
 *   npm run bench -- --no-warm             skip the warm (one note edited) run
 *   npm run bench -- --search              the search benchmark on the sourcegraph handbook (or --content)
 *   npm run bench -- --dev --sizes 10000   the dev server: time from saving an edit to the updated page
 *   npm run bench -- --limits              the largest value of every limited quantity (src/core/common/limits.ts)
 *                                          in a generated garden of 50,000 notes (or --sizes, or --content),
 *                                          next to its limit (docs/security.md, "Limits")
 *   npm run bench -- --graph               the graph benchmark: layout time and graph.json size for a
 *                                          generated garden of 10,000 notes and ~50,000 links (or --sizes,
 *                                          or --content), without building a site
 *   npm run bench -- --cores               what the machine's other cores add: plain remark parsing a
 *                                          vault-shaped garden of 6,500 notes (or --sizes, or --content)
 *                                          on 1, 2, … threads at once (bench/cores.ts)
 *
 * For each garden it runs a cold build (no cache), then edits one note and runs a warm build into
 * the same output folder, then a cold build of the edited garden, and fails when the warm output
 * differs from that cold output (pages carried over from the first build included). It
 * reports per-stage wall and CPU time (from the build's own stopwatch; `layout` runs in a worker thread
 * alongside page generation, so it is not part of the sum), the graph files' sizes, peak memory, output size,
 * notes per second, page weight of a typical note, what each kind of page costs in page generation
 * (notes, redirects, tags, folders, others: from Astro's own per-page times), and the "parse floor": the time plain remark
 * takes only to parse the same files. Results are printed as a table and written as JSON to
 * bench/results/.
 */
import { execFile } from 'node:child_process';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseArgs } from 'node:util';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { treeDifferences } from './files.ts';
import { generateGarden } from './generate.ts';
import { formatPageCosts, pageCosts, type PageCosts } from './page-costs.ts';
import { sampleTreeMemory } from './tree-memory.ts';
import { generateVault } from './vault.ts';
import { benchCores, formatCoresBench, type CoresBenchResult } from './cores.ts';
import { benchDev, formatDevBench, type DevBenchResult } from './dev.ts';
import { benchGraph, formatGraphBench, type GraphBenchResult } from './graph.ts';
import { benchLimits, formatLimitsBench, type LimitsBenchResult } from './limits.ts';
import { benchSearch, formatSearchBench, type SearchBenchResult } from './search.ts';

const root = path.resolve(import.meta.dirname, '..');
const astroBin = path.join(root, 'node_modules', '.bin', 'astro');

interface BuildReport {
  stages: { stage: string; wallMs: number; cpuMs: number }[];
  totalMs: number;
  maxRssBytes: number;
  cpuMs: number;
}

interface RunResult {
  label: 'cold' | 'warm';
  wallMs: number;
  report: BuildReport;
  /** The build's process tree at its largest (Pagefind's process included), sampled: bench/tree-memory.ts. */
  treePeakBytes: number;
  outputBytes: number;
  /** What each kind of page cost in page generation. */
  pages: PageCosts;
}

interface GardenResult {
  garden: string;
  notes: number;
  markdownBytes: number;
  parseFloorMs: number;
  runs: RunResult[];
  buildToFloor: number;
  notesPerSecond: number;
  pageWeight: { page: string; htmlBytes: number; cssBytes: number; jsBytes: number };
  graph: GraphFiles;
  warmMatchesCold?: boolean;
}

interface GraphFiles {
  graphJsonBytes: number;
  viewBytes: number;
  localBytes: number;
  localFiles: number;
}

const { values } = parseArgs({
  options: {
    sizes: { type: 'string' },
    content: { type: 'string' },
    warm: { type: 'boolean', default: true },
    'no-warm': { type: 'boolean', default: false },
    'warm-copy': { type: 'boolean', default: false },
    seed: { type: 'string', default: '42' },
    search: { type: 'boolean', default: false },
    dev: { type: 'boolean', default: false },
    graph: { type: 'boolean', default: false },
    limits: { type: 'boolean', default: false },
    cores: { type: 'boolean', default: false },
    query: { type: 'string', default: 'onboarding' },
    profile: { type: 'string', default: 'garden' },
  },
});

const workDir = mkdtempSync(path.join(tmpdir(), 'garden-bench-'));
const results: GardenResult[] = [];
let searchResult: SearchBenchResult | undefined;
const devResults: DevBenchResult[] = [];
const graphResults: (GraphBenchResult & { garden: string })[] = [];
const limitsResults: (LimitsBenchResult & { garden: string })[] = [];
const coresResults: (CoresBenchResult & { garden: string })[] = [];
let failed = false;

if (values.dev) {
  for (const size of values.content ? [0] : (values.sizes ?? '10000').split(',').map(Number)) {
    const dir = values.content ? path.resolve(values.content) : path.join(workDir, `garden-${size}`);
    if (!values.content) generateGarden(dir, { notes: size, seed: Number(values.seed) });
    const result = await benchDev(dir);
    devResults.push(result);
    console.log(formatDevBench(result));
  }
} else if (values.search) {
  // Search is measured on real notes: the example garden unless `--content` names a bigger one.
  const content = path.resolve(values.content ?? path.join(root, 'content'));
  const dist = path.join(workDir, 'search-site');
  await build(content, dist, path.join(workDir, 'cache-search'), 'cold', true);
  const notePage = path.relative(dist, pageWeight(dist).page ? path.join(dist, pageWeight(dist).page) : dist).replace(/index\.html$/, '');
  searchResult = await benchSearch(dist, values.query!, `/${notePage}`);
  console.log(formatSearchBench(path.basename(content), searchResult));
} else if (values.limits) {
  for (const { dir, label } of gardensToBench('50000', 'garden')) {
    const result = await benchLimits(dir);
    limitsResults.push({ garden: label, ...result });
    console.log(formatLimitsBench(label, result));
  }
} else if (values.graph) {
  for (const { dir, label } of gardensToBench('10000', 'garden')) {
    const result = await benchGraph(dir);
    graphResults.push({ garden: label, ...result });
    console.log(formatGraphBench(label, result));
  }
} else if (values.cores) {
  for (const { dir, label } of gardensToBench('6500', 'vault')) {
    const result = await benchCores(listMarkdown(dir));
    coresResults.push({ garden: label, ...result });
    console.log(formatCoresBench(label, result));
  }
} else if (values.content) {
  const label = path.basename(values.content);
  // The warm build edits a note: of a copy, never of the folder named.
  const copy = values['warm-copy'] ? path.join(workDir, `${label}-copy`) : undefined;
  if (copy) cpSync(path.resolve(values.content), copy, { recursive: true });
  results.push(await benchGarden(copy ?? path.resolve(values.content), label, copy !== undefined));
} else {
  const vault = values.profile === 'vault';
  if (!vault && values.profile !== 'garden') throw new Error(`--profile is "garden" or "vault", not "${values.profile}".`);
  for (const size of (values.sizes ?? (vault ? '6500' : '1000,10000,50000')).split(',').map(Number)) {
    const dir = path.join(workDir, `${values.profile}-${size}`);
    const generated = (vault ? generateVault : generateGarden)(dir, { notes: size, seed: Number(values.seed) });
    console.log(`generated ${generated.notes} notes (${(generated.bytes / 1e6).toFixed(1)} MB, ${generated.links} links)`);
    results.push(await benchGarden(dir, `${vault ? 'vault' : 'generated'}-${size}`, values.warm && !values['no-warm']));
  }
}

printTable(results);
const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 1e9), node: process.version };
mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
const resultFile = path.join(root, 'bench', 'results', `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(
  resultFile,
  JSON.stringify(
    {
      date: new Date().toISOString(),
      machine,
      results,
      ...(searchResult ? { search: searchResult } : {}),
      ...(graphResults.length > 0 ? { graph: graphResults } : {}),
      ...(limitsResults.length > 0 ? { limits: limitsResults } : {}),
      ...(coresResults.length > 0 ? { cores: coresResults } : {}),
      ...(devResults.length > 0 ? { dev: devResults } : {}),
    },
    null,
    2,
  ),
);
console.log(`\nwritten ${path.relative(root, resultFile)}`);
rmSync(workDir, { recursive: true, force: true });
if (failed) {
  console.error('\nFAILED: the warm build differs from a cold build of the same content.');
  process.exit(1);
}

/** The gardens a benchmark of one stage runs on: the folder `--content` names, or generated ones of each `--sizes`. */
function gardensToBench(defaultSizes: string, shape: 'garden' | 'vault'): { dir: string; label: string }[] {
  if (values.content) return [{ dir: path.resolve(values.content), label: path.basename(values.content) }];
  return (values.sizes ?? defaultSizes).split(',').map((size) => {
    const dir = path.join(workDir, `${shape}-${size}`);
    const generated = (shape === 'vault' ? generateVault : generateGarden)(dir, { notes: Number(size), seed: Number(values.seed) });
    console.log(`generated ${generated.notes} notes (${(generated.bytes / 1e6).toFixed(1)} MB, ${generated.links} links)`);
    return { dir, label: shape === 'vault' ? `vault-${size}` : `generated-${size}` };
  });
}

async function benchGarden(contentDir: string, label: string, withWarm: boolean): Promise<GardenResult> {
  const files = listMarkdown(contentDir);
  const markdownBytes = files.reduce((sum, file) => sum + statSync(file).size, 0);
  const parseFloorMs = parseFloor(files);
  const cacheDir = path.join(workDir, `cache-${label}`);
  const runs: RunResult[] = [];

  // The warm build writes to the same output folder as the cold one, as a user's next build does
  // (the pages it carries over are kept per output folder: src/core/publish/page-cache.ts).
  const site = path.join(workDir, `${label}-site`);
  const cold = await build(contentDir, site, cacheDir, 'cold', true);
  runs.push(cold.result);
  const coldWeight = pageWeight(cold.dist);
  const coldGraph = graphFiles(cold.dist);
  let warmMatchesCold: boolean | undefined;
  if (withWarm) {
    const edited = files[Math.floor(files.length / 2)]!;
    appendFileSync(edited, '\nOne more sentence, added by the benchmark to measure a warm build.\n');
    const warm = await build(contentDir, site, cacheDir, 'warm', false);
    runs.push(warm.result);
    const reference = await build(
      contentDir,
      path.join(workDir, `${label}-reference`),
      path.join(workDir, `cache-${label}-reference`),
      'cold',
      true,
    );
    const differences = treeDifferences(warm.dist, reference.dist);
    warmMatchesCold = differences.length === 0;
    if (!warmMatchesCold) {
      failed = true;
      console.log(
        `  files that differ between the warm build and a cold build (${differences.length}): ${differences.slice(0, 10).join(', ')}`,
      );
    }
  }

  const notes = files.length;
  return {
    garden: label,
    notes,
    markdownBytes,
    parseFloorMs,
    runs,
    buildToFloor: cold.result.wallMs / parseFloorMs,
    notesPerSecond: notes / (cold.result.wallMs / 1000),
    pageWeight: coldWeight,
    graph: coldGraph,
    ...(warmMatchesCold === undefined ? {} : { warmMatchesCold }),
  };
}

async function build(contentDir: string, dist: string, cacheDir: string, label: 'cold' | 'warm', clearCache: boolean) {
  if (clearCache) rmSync(cacheDir, { recursive: true, force: true });
  const timingsFile = path.join(workDir, `timings-${Date.now()}.json`);
  const started = performance.now();
  const building = promisify(execFile)(astroBin, ['build', '--outDir', dist], {
    cwd: root,
    env: {
      ...process.env,
      GARDEN_CONTENT: contentDir,
      GARDEN_CACHE_DIR: cacheDir,
      GARDEN_TIMINGS_FILE: timingsFile,
      ASTRO_TELEMETRY_DISABLED: '1',
      // Astro's per-page lines, uncoloured, for the cost of each kind of page.
      NO_COLOR: '1',
    },
    maxBuffer: 256 * 1024 * 1024,
  });
  const memory = sampleTreeMemory(building.child.pid);
  const { stdout } = await building.finally(() => memory.stop());
  const wallMs = performance.now() - started;
  const report = JSON.parse(readFileSync(timingsFile, 'utf8')) as BuildReport;
  const treePeakBytes = memory.stop();
  const result: RunResult = { label, wallMs, report, treePeakBytes, outputBytes: treeSize(dist), pages: pageCosts(stdout, dist) };
  console.log(
    `  ${label} build: ${(wallMs / 1000).toFixed(1)} s, peak ${(report.maxRssBytes / 1e6).toFixed(0)} MB (build process), ${(treePeakBytes / 1e6).toFixed(0)} MB (with Pagefind)`,
  );
  return { result, dist };
}

/** What the build wrote for the graph: graph.json, the graph page's data, the local graph files. */
function graphFiles(dist: string): GraphFiles {
  const size = (file: string) => (existsSync(file) ? statSync(file).size : 0);
  const localDir = path.join(dist, '_garden', 'graph', 'local');
  const local = existsSync(localDir)
    ? (readdirSync(localDir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[]).filter((entry) => entry.isFile())
    : [];
  return {
    graphJsonBytes: size(path.join(dist, 'graph.json')),
    viewBytes: size(path.join(dist, '_garden', 'graph', 'garden.json')),
    localBytes: local.reduce((sum, entry) => sum + statSync(path.join(entry.parentPath, entry.name)).size, 0),
    localFiles: local.length,
  };
}

/** Plain remark (CommonMark, no plugins) parsing the same files: the floor any Markdown site pays. */
function parseFloor(files: string[]): number {
  const processor = unified().use(remarkParse);
  const texts = files.map((file) => readFileSync(file, 'utf8'));
  const started = performance.now();
  for (const text of texts) processor.parse(text);
  return performance.now() - started;
}

function listMarkdown(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md') && !path.join(entry.parentPath, entry.name).includes(`${path.sep}.`))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

function treeSize(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[]) {
    if (entry.isFile()) total += statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return total;
}

/** The bytes a reader downloads for a typical note page: its HTML and the CSS and JS it references. */
function pageWeight(dist: string) {
  const pages = (readdirSync(dist, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((entry) => entry.isFile() && entry.name === 'index.html' && !path.relative(dist, entry.parentPath).startsWith('tags'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => path.dirname(file) !== dist)
    .sort((a, b) => statSync(a).size - statSync(b).size);
  const page = pages[Math.floor(pages.length / 2)] ?? path.join(dist, 'index.html');
  const html = readFileSync(page, 'utf8');
  const assetBytes = (pattern: RegExp) =>
    [...new Set([...html.matchAll(pattern)].map((match) => match[1]!))]
      .map((href) => path.join(dist, href.replace(/^\/+/, '')))
      .filter((file) => existsSync(file))
      .reduce((sum, file) => sum + statSync(file).size, 0);
  return {
    page: path.relative(dist, page),
    htmlBytes: Buffer.byteLength(html),
    cssBytes: assetBytes(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g),
    jsBytes: assetBytes(/<script[^>]+src="([^"]+)"/g),
  };
}

function printTable(all: GardenResult[]) {
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  for (const result of all) {
    console.log(`\n${result.garden}: ${result.notes} notes, ${(result.markdownBytes / 1e6).toFixed(1)} MB of Markdown`);
    console.log(
      `  parse floor (plain remark): ${seconds(result.parseFloorMs)}; cold build ÷ floor: ${result.buildToFloor.toFixed(1)}×; ${result.notesPerSecond.toFixed(0)} notes/s`,
    );
    for (const run of result.runs) {
      const stages = run.report.stages.map((stage) => `${stage.stage} ${seconds(stage.wallMs)} (cpu ${seconds(stage.cpuMs)})`).join(', ');
      console.log(
        `  ${run.label.padEnd(4)} ${seconds(run.wallMs).padStart(8)} wall, cpu ${seconds(run.report.cpuMs)}, peak RSS ${(run.report.maxRssBytes / 1e6).toFixed(0)} MB (with Pagefind ${(run.treePeakBytes / 1e6).toFixed(0)} MB), output ${(run.outputBytes / 1e6).toFixed(1)} MB`,
      );
      console.log(`        stages: ${stages}`);
      for (const line of formatPageCosts(run.pages)) console.log(`        ${line}`);
    }
    const cold = result.runs[0]!;
    const warm = result.runs.find((run) => run.label === 'warm');
    if (warm) {
      console.log(
        `  warm ÷ cold: ${((warm.wallMs / cold.wallMs) * 100).toFixed(0)} %; warm output identical to a cold build: ${result.warmMatchesCold ? 'yes' : 'NO'}`,
      );
    }
    const graph = result.graph;
    const layout = cold.report.stages.find((stage) => stage.stage === 'layout');
    const mb = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;
    console.log(
      `  graph: layout ${layout ? seconds(layout.wallMs) : 'n/a'} (worker, alongside page generation); graph.json ${mb(graph.graphJsonBytes)}, ` +
        `graph page data ${mb(graph.viewBytes)}, ${graph.localFiles} local graphs ${mb(graph.localBytes)}`,
    );
    const weight = result.pageWeight;
    console.log(
      `  typical note page (${weight.page}): HTML ${(weight.htmlBytes / 1024).toFixed(1)} KB, CSS ${(weight.cssBytes / 1024).toFixed(1)} KB, JS ${(weight.jsBytes / 1024).toFixed(1)} KB`,
    );
  }
}
