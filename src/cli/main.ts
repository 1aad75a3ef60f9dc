import { readFileSync } from 'node:fs';
import { Suggester } from '../core/common/suggest.ts';
import { checkCommand } from './commands/check.ts';
import { diffCommand } from './commands/diff.ts';
import { fixLinksCommand } from './commands/fix-links.ts';
import { mvCommand } from './commands/mv.ts';
import { newCommand } from './commands/new.ts';
import { EXIT, formatCommandHelp, parseInvocation, printersFor, UsageError, type Command } from './command.ts';
import { processIO, type CliIO } from './io.ts';

/** Every `garden` command, in the order `garden --help` lists them. */
export const COMMANDS: readonly Command[] = [newCommand, checkCommand, diffCommand, mvCommand, fixLinksCommand] as unknown as Command[];

/**
 * The `garden` command: finds the command, parses its arguments with Node's own parser, runs it and
 * returns the exit code. `io` is the outside world (the tests pass their own).
 */
export async function runCli(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  const [name, ...rest] = argv;
  const colorFlag = argv.includes('--no-color') ? false : argv.includes('--color') ? true : undefined;
  const { out, err } = printersFor(io, colorFlag);

  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? COMMANDS.find((command) => command.name === rest[0]) : undefined;
    out.line(topic ? formatCommandHelp(topic, out) : overview(out.paint.bind(out)));
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-V') {
    out.line(version());
    return EXIT.ok;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  try {
    if (!command) {
      const suggestion = new Suggester(COMMANDS.map((candidate) => candidate.name)).suggest(name);
      throw new UsageError(
        `Unknown command "${name}".${suggestion ? ` Did you mean "${suggestion}"?` : ''} The commands are: ${COMMANDS.map((c) => c.name).join(', ')}.`,
      );
    }
    const { values, positionals } = parseInvocation(command, rest);
    if (values.help) {
      out.line(formatCommandHelp(command, out));
      return EXIT.ok;
    }
    return await command.run({ values, positionals }, { io, out, err });
  } catch (error) {
    if (error instanceof UsageError) {
      err.line(`${err.paint('red', 'garden:')} ${error.message}`);
      err.line(`Run ${err.paint('cyan', `npx garden ${command ? `${command.name} ` : ''}--help`)} for how to use it.`);
      return EXIT.usage;
    }
    err.line(
      `${err.paint('red', 'garden: unexpected failure:')} ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    err.line('This is a bug in the garden, not in your notes or the command: please report it with the output above.');
    return EXIT.crash;
  }
}

function overview(paint: (style: 'bold' | 'cyan', text: string) => string): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length)) + 2;
  return [
    `${paint('bold', 'Usage:')} garden <command> [options]`,
    '',
    "The knowledge garden's command line: write notes, check them, see what a branch changes, rename them without breaking links.",
    '',
    paint('bold', 'Commands:'),
    ...COMMANDS.map((command) => `  ${paint('cyan', command.name.padEnd(width))}${command.summary}`),
    '',
    `Run ${paint('cyan', 'garden <command> --help')} for a command's options. Exit codes: 0 fine, 1 problems found, 2 usage error, 70 the garden crashed (a bug).`,
    '',
  ].join('\n');
}

function version(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
  // The Node.js it runs on: the project's pinned one, whichever Node started the command.
  return `${manifest.name} ${manifest.version} (Node.js ${process.version})`;
}
