import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { Printer, wantsColor, type CliIO } from './io.ts';

/**
 * Exit codes, the same for every command. A crash (a bug in the garden, not in how it was called)
 * is 70, sysexits' EX_SOFTWARE, so that a workflow never reads it as "wrong arguments".
 */
export const EXIT = { ok: 0, problems: 1, usage: 2, crash: 70 } as const;

/** A mistake in how the command was called, or a setup that keeps it from running: exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export interface CommandContext {
  io: CliIO;
  /** Results (stdout): what a script would read. */
  out: Printer;
  /** Messages, hints and progress (stderr). */
  err: Printer;
}

export interface OptionHelp {
  flag: string;
  text: string;
}

export interface Command<Values = Record<string, unknown>> {
  name: string;
  /** One line, for `garden --help`. */
  summary: string;
  usage: string;
  /** What the command does, a few lines. */
  description: string;
  options: ParseArgsOptionsConfig;
  help: OptionHelp[];
  examples: string[];
  run(input: { values: Values; positionals: string[] }, context: CommandContext): Promise<number>;
}

/** Options every command accepts. */
export const COMMON_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  color: { type: 'boolean' },
  content: { type: 'string' },
} as const satisfies ParseArgsOptionsConfig;

export const COMMON_HELP: OptionHelp[] = [
  { flag: '--content <folder>', text: 'the folder of notes (default: `content` from astro.config.mjs, or GARDEN_CONTENT)' },
  { flag: '--no-color', text: 'plain output even on a terminal (colours are off in pipes and with NO_COLOR)' },
  { flag: '-h, --help', text: 'show this help' },
];

export interface ParsedInvocation {
  values: Record<string, unknown>;
  positionals: string[];
}

/** Node's own argument parser, with its error messages turned into usage errors. */
export function parseInvocation(command: Command, argv: readonly string[]): ParsedInvocation {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: { ...COMMON_OPTIONS, ...command.options },
      allowPositionals: true,
      allowNegative: true,
      strict: true,
    });
    return { values: values as Record<string, unknown>, positionals };
  } catch (error) {
    const message = error instanceof Error ? error.message.replace(/\. To specify a positional argument.*$/s, '.') : String(error);
    throw new UsageError(message);
  }
}

export function printersFor(io: CliIO, color: boolean | undefined): { out: Printer; err: Printer } {
  return {
    out: new Printer(io.stdout, wantsColor(io.stdout, io.env, color)),
    err: new Printer(io.stderr, wantsColor(io.stderr, io.env, color)),
  };
}

/** `garden <command> --help`. */
export function formatCommandHelp(command: Command, printer: Printer): string {
  const options = [...command.help, ...COMMON_HELP];
  const width = Math.max(...options.map((option) => option.flag.length)) + 2;
  return [
    `${printer.paint('bold', 'Usage:')} ${command.usage}`,
    '',
    command.description,
    '',
    printer.paint('bold', 'Options:'),
    ...options.map((option) => `  ${printer.paint('cyan', option.flag.padEnd(width))}${option.text}`),
    '',
    printer.paint('bold', 'Examples:'),
    ...command.examples.map((example) => `  ${example}`),
    '',
  ].join('\n');
}
