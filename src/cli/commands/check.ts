import { promises as fs } from 'node:fs';
import path from 'node:path';
import { countBySeverity, type Diagnostic } from '../../core/common/diagnostics.ts';
import { GROUP_EXAMPLES, githubAnnotation, groupLine, groupRepeated, humanLine, toJsonReport } from '../check-report.ts';
import { EXIT, UsageError, type Command } from '../command.ts';
import { Progress } from '../io.ts';
import { displayPath, loadProject } from '../project.ts';

const FORMATS = ['human', 'github', 'json'] as const;
type Format = (typeof FORMATS)[number];

interface CheckValues {
  format?: string;
  verbose?: boolean;
  content?: string;
}

export const checkCommand: Command<CheckValues> = {
  name: 'check',
  summary: 'find broken links, bad frontmatter and everything else the build would report',
  usage: 'garden check [--format human|github|json] [paths…]',
  description: [
    'Reads the whole garden with the same index and link resolver as the build, without building',
    'the site, and reports every problem: broken links and anchors (with "did you mean"), ambiguous',
    'links, missing attachments, embed cycles, frontmatter errors and unknown fields, duplicate ids,',
    'address collisions, published notes linking to drafts, symbolic links, oversized files.',
    'Given paths (files or folders), it reports only their problems; the whole garden is still read,',
    'because links need it.',
    '',
    'Exit code: 0 no errors (warnings allowed), 1 errors found, 2 the check could not run.',
  ].join('\n'),
  options: {
    format: { type: 'string' },
    verbose: { type: 'boolean', short: 'v' },
  },
  help: [
    { flag: '--format <format>', text: 'human (default), github (workflow annotations on the pull request) or json' },
    {
      flag: '-v, --verbose',
      text: 'list every problem (more than 10 of one kind are otherwise grouped) and the notices (info), e.g. frontmatter fields the garden does not use',
    },
  ],
  examples: [
    'npx garden check',
    'npx garden check content/FAQ "content/Writing/Linking notes.md"',
    'npx garden check --format json > report.json',
  ],

  async run({ values, positionals }, { io, out, err }) {
    const format = parseFormat(values.format);
    const project = await loadProject(io, values.content);
    const { config } = project;
    const filters = await Promise.all(positionals.map((given) => contentFilter(io.cwd, config.contentDir, given)));

    const progress = new Progress(err, io.env);
    const started = performance.now();
    // Loaded here, not at the top: `garden new` and `--help` need none of the pipeline.
    const { loadGarden } = await import('../../core/build/build.ts');
    // With the git history, as the build loads it, so that the report is the build's report.
    const garden = await loadGarden(config, {
      history: true,
      onStage: (stage, detail) => progress.update(stage === 'scan' ? 'Reading notes…' : `Resolving the links of ${detail.notes} notes…`),
    }).finally(() => progress.stop());
    const seconds = ((performance.now() - started) / 1000).toFixed(1);

    const selected = garden.diagnostics.filter(
      (diagnostic) => filters.length === 0 || filters.some((filter) => matches(diagnostic, filter)),
    );
    const shown = values.verbose || format === 'json' ? selected : selected.filter((diagnostic) => diagnostic.severity !== 'info');
    const counts = countBySeverity(selected);
    const fromCwd = (file: string) => displayPath(io, path.join(config.contentDir, ...file.split('/')));

    if (format === 'json') {
      const report = toJsonReport({
        diagnostics: shown,
        contentDir: displayPath(io, config.contentDir),
        displayPath: fromCwd,
        notes: { total: garden.index.notes.length, published: garden.index.bySlug.size },
        paths: filters,
      });
      out.line(JSON.stringify(report, null, 2));
    } else if (format === 'github') {
      // Annotation paths are relative to the repository root, where the workflow runs.
      const workspace = io.env.GITHUB_WORKSPACE || io.cwd;
      const fromWorkspace = (file: string) =>
        path
          .relative(workspace, path.join(config.contentDir, ...file.split('/')))
          .split(path.sep)
          .join('/');
      for (const diagnostic of shown) out.line(githubAnnotation(diagnostic, fromWorkspace(diagnostic.file)));
    } else if (values.verbose) {
      for (const diagnostic of shown) out.line(humanLine(diagnostic, fromCwd(diagnostic.file), out));
    } else {
      // Repeated problems of one kind are grouped: a few examples and a count (--verbose lists all).
      const { single, groups } = groupRepeated(shown);
      for (const diagnostic of single) out.line(humanLine(diagnostic, fromCwd(diagnostic.file), out));
      for (const group of groups) {
        for (const diagnostic of group.diagnostics.slice(0, GROUP_EXAMPLES)) out.line(humanLine(diagnostic, fromCwd(diagnostic.file), out));
        out.line(groupLine(group, out));
      }
    }

    if (format !== 'json') {
      const scope = filters.length > 0 ? `in ${positionals.join(', ')} ` : '';
      const notes = `${garden.index.notes.length} notes`;
      const hidden = counts.info > 0 && !values.verbose ? ` (${counts.info} notices: --verbose lists them)` : '';
      const summary =
        counts.error + counts.warning === 0
          ? `${err.paint('green', '✓')} No problems ${scope}(checked ${notes} in ${seconds} s)${hidden}.`
          : `${err.paint(counts.error > 0 ? 'red' : 'yellow', counts.error > 0 ? '✗' : '!')} ` +
            `${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')} ${scope}(checked ${notes} in ${seconds} s)${hidden}.` +
            (counts.error > 0 ? ' Errors must be fixed before merging.' : '');
      err.line(summary);
    }
    return counts.error > 0 ? EXIT.problems : EXIT.ok;
  },
};

function parseFormat(value: string | undefined): Format {
  if (value === undefined) return 'human';
  if ((FORMATS as readonly string[]).includes(value)) return value as Format;
  throw new UsageError(`Unknown format "${value}": use one of ${FORMATS.join(', ')}.`);
}

/** A path given on the command line, as a content-relative file or folder (`''` is everything). */
async function contentFilter(cwd: string, contentDir: string, given: string): Promise<string> {
  const absolute = path.resolve(cwd, given);
  const relative = path.relative(contentDir, absolute);
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new UsageError(`${given} is not inside the content folder ${path.relative(cwd, contentDir) || '.'}.`);
  }
  // `lstat`: a symbolic link is a file to report on (`symlink`), not something to follow.
  const exists = await fs.lstat(absolute).then(
    () => true,
    () => false,
  );
  if (!exists) throw new UsageError(`${given} does not exist.`);
  return relative.split(path.sep).join('/').normalize('NFC');
}

function matches(diagnostic: Diagnostic, filter: string): boolean {
  return filter === '' || diagnostic.file === filter || diagnostic.file.startsWith(`${filter}/`);
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
