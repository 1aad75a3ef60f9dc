/**
 * Generates a realistic garden for benchmarks, deterministically from a seed: nested folders, note
 * sizes spread like real notes (log-normal, median about 2 KB), about five links per note mixing
 * wikilinks and relative Markdown links (some to headings, a few unresolved), headings, lists, code,
 * tables, tags and some embeds. The same seed and size always give byte-identical files.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const WORDS = (
  'account action adapter agent alert align answer api archive area argument audit backlog balance batch ' +
  'benefit billing board branch budget build bundle cache calendar campaign capacity card case catalog change ' +
  'channel chart check client cloud cluster code cohort comment commit company compliance config contract ' +
  'cost coverage customer cycle dashboard data deadline debt decision default deploy design detail device ' +
  'diagram digest discount domain draft driver edge editor effort email engine entry environment error ' +
  'estimate event example expense export feature feedback field file filter finance flow focus forecast form ' +
  'format funnel gateway goal grant graph group guide habit handbook health hiring host idea impact incident ' +
  'index insight install interview invoice issue journey key label launch layer lead learning ledger level ' +
  'license limit link list load lock log loop manager market meeting memory merge metric migration milestone ' +
  'mobile model module monitor network note notice office onboarding option order owner package page partner ' +
  'patch payment peer pipeline plan platform policy pool portal practice pricing priority privacy process ' +
  'product profile program project prompt proposal prototype query queue quota range rate reader record ' +
  'region release report request research review risk roadmap role rollout route rule runbook sale sample ' +
  'scale schedule schema scope score search season secret security segment sensor server service session ' +
  'setting signal sketch skill source sprint stack stage standard status storage story strategy stream ' +
  'study style subscription summary support survey switch system table target task team template tenant test ' +
  'theme thread ticket timeline token tool topic trace track trade training trend trial trigger upgrade usage ' +
  'user value vendor version video view vision volume warehouse webhook widget window workflow workshop zone'
).split(' ');
const CONNECTORS = 'the a our each every this that with for from into about when while because so and or but then'.split(' ');
const VERBS = 'improves explains tracks changes describes supports reduces measures shows defines lists links covers owns reviews'.split(
  ' ',
);

/** mulberry32: a tiny, fast, well-distributed seeded PRNG (deterministic across platforms). */
function prng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GenerateOptions {
  notes: number;
  seed?: number;
}

export interface GeneratedGarden {
  notes: number;
  links: number;
  bytes: number;
}

interface PlannedNote {
  folder: string;
  title: string;
  headings: string[];
}

/** Seeded random choices and words, shared by the generated profiles. */
export function randomText(seed: number) {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  /** Log-normal sample with the given median. */
  const logNormal = (median: number, sigma: number) => {
    const u = Math.max(random(), 1e-9);
    const v = random();
    return median * Math.exp(sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
  };
  const sentence = () => {
    const length = 8 + Math.floor(random() * 12);
    const words = [capitalise(pick(CONNECTORS))];
    for (let i = 0; i < length; i++) words.push(i % 4 === 2 ? pick(VERBS) : i % 3 === 0 ? pick(CONNECTORS) : pick(WORDS));
    return `${words.join(' ')}.`;
  };
  return { random, pick, logNormal, sentence, word: () => pick(WORDS) };
}

export const capitalise = (word: string) => word[0]!.toUpperCase() + word.slice(1);

export function generateGarden(dir: string, options: GenerateOptions): GeneratedGarden {
  const { random, pick, logNormal, sentence } = randomText(options.seed ?? 42);

  // Folders: a tree of areas, about 40 notes per folder, up to four levels deep.
  const folderCount = Math.max(1, Math.round(options.notes / 40));
  const folders: string[] = [];
  for (let i = 0; i < folderCount; i++) {
    const parent = folders.length > 0 && random() < 0.7 ? pick(folders) : '';
    const depth = parent ? parent.split('/').length : 0;
    const name = `${capitalise(pick(WORDS))} ${pick(WORDS)}${i}`;
    folders.push(depth >= 3 || !parent ? name : `${parent}/${name}`);
  }

  const tags = Array.from({ length: Math.max(20, Math.round(options.notes / 50)) }, (_, i) =>
    i % 5 === 0 ? `${pick(WORDS)}/${pick(WORDS)}` : pick(WORDS),
  );

  const planned: PlannedNote[] = [];
  const titles = new Set<string>();
  for (let i = 0; i < options.notes; i++) {
    let title = `${capitalise(pick(WORDS))} ${pick(WORDS)} ${pick(WORDS)}`;
    if (titles.has(title.toLowerCase())) title = `${title} ${i}`;
    titles.add(title.toLowerCase());
    const headings = Array.from({ length: 1 + Math.floor(random() * 4) }, () => `${capitalise(pick(WORDS))} ${pick(WORDS)}`);
    planned.push({ folder: pick(folders), title, headings });
  }

  // A few notes are linked far more than others, as in real gardens (a Zipf-like pick).
  const popular = () => planned[Math.floor(random() ** 2.5 * planned.length)]!;

  rmSync(dir, { recursive: true, force: true });
  let links = 0;
  let bytes = 0;
  planned.forEach((note, index) => {
    const targetSize = Math.min(30_000, Math.max(200, logNormal(1400, 0.8)));
    const linkCount = Math.max(1, Math.round(logNormal(5, 0.5)));
    const linkTexts: string[] = [];
    for (let i = 0; i < linkCount; i++) {
      const target = popular();
      const roll = random();
      if (roll < 0.03) {
        linkTexts.push(`[[${capitalise(pick(WORDS))} ${pick(WORDS)} that nobody wrote]]`);
      } else if (roll < 0.45) {
        linkTexts.push(`[[${target.title}]]`);
      } else if (roll < 0.55) {
        linkTexts.push(`[[${target.title}|${pick(WORDS)} ${pick(WORDS)}]]`);
      } else if (roll < 0.65) {
        linkTexts.push(`[[${target.title}#${target.headings[0]}]]`);
      } else {
        const relative = path.posix.relative(note.folder, `${target.folder}/${target.title}.md`).split(' ').join('%20');
        linkTexts.push(`[${target.title.toLowerCase()}](${relative})`);
      }
      links++;
    }
    const noteTags = Array.from({ length: Math.floor(random() * 4) }, () => pick(tags));
    const lines: string[] = [];
    if (random() < 0.8) {
      lines.push('---', `title: ${note.title}`, `id: bench-${index.toString(36)}`);
      if (noteTags.length) lines.push(`tags: [${[...new Set(noteTags)].join(', ')}]`);
      lines.push(`description: ${sentence()}`, `owner: ${capitalise(pick(WORDS))} ${capitalise(pick(WORDS))}`, '---', '');
    }
    lines.push(`# ${note.title}`, '');
    let size = lines.join('\n').length;
    let headingIndex = 0;
    let paragraph = 0;
    while (size < targetSize || linkTexts.length > 0) {
      let block: string;
      if (paragraph % 3 === 1 && headingIndex < note.headings.length) {
        block = `## ${note.headings[headingIndex++]}`;
      } else if (random() < 0.12) {
        block = Array.from({ length: 3 + Math.floor(random() * 4) }, () => `- ${sentence()}`).join('\n');
      } else if (random() < 0.04) {
        block = `\`\`\`ts\nconst ${pick(WORDS)} = await ${pick(WORDS)}(${pick(WORDS)});\n\`\`\``;
      } else if (random() < 0.03) {
        block = `| ${pick(WORDS)} | ${pick(WORDS)} |\n|---|---|\n| ${pick(WORDS)} | ${pick(WORDS)} |\n| ${pick(WORDS)} | ${pick(WORDS)} |`;
      } else {
        const sentences = Array.from({ length: 2 + Math.floor(random() * 4) }, sentence);
        // Real notes cluster their links; up to three per paragraph keeps short notes short.
        const take = Math.min(linkTexts.length, 1 + Math.floor(random() * 3));
        for (let i = 0; i < take; i++) sentences.splice(1 + i, 0, `See ${linkTexts.shift()} for more.`);
        if (random() < 0.05) sentences.push(`#${pick(tags)}`);
        block = sentences.join(' ');
      }
      if (size > targetSize * 3 && linkTexts.length > 0)
        block = linkTexts
          .splice(0)
          .map((link) => `See ${link}.`)
          .join(' ');
      lines.push(block, '');
      size += block.length + 2;
      paragraph++;
    }
    if (index > 10 && random() < 0.05) lines.push(`![[${planned[Math.floor(random() * index)]!.title}]]`, '');
    const text = lines.join('\n');
    const file = path.join(dir, note.folder, `${note.title}.md`);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    bytes += Buffer.byteLength(text);
  });
  writeFileSync(
    path.join(dir, 'index.md'),
    `---\ntitle: Benchmark garden\n---\n# Benchmark garden\n\nA generated garden of ${options.notes} notes. Start at [[${planned[0]!.title}]].\n`,
  );
  return { notes: options.notes + 1, links, bytes };
}

if (import.meta.main) {
  const [dir, count, seed] = process.argv.slice(2);
  if (!dir || !count) {
    console.error('usage: npx node bench/generate.ts <dir> <notes> [seed]');
    process.exit(2);
  }
  const result = generateGarden(path.resolve(dir), { notes: Number(count), seed: seed ? Number(seed) : 42 });
  console.log(`generated ${result.notes} notes, ${result.links} links, ${(result.bytes / 1e6).toFixed(1)} MB in ${dir}`);
}
