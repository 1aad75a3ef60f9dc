import { styleText } from 'node:util';

/** What a command may touch of the outside world; the tests pass their own. */
export interface CliIO {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: OutputStream;
  stderr: OutputStream;
  /** The clock, for `created` dates. */
  now: () => Date;
}

/** The part of a `tty.WriteStream` the CLI uses; a plain writable (a pipe, a file) has no `isTTY`. */
export interface OutputStream {
  write(text: string): unknown;
  isTTY?: boolean;
  hasColors?: (env?: object) => boolean;
}

export function processIO(): CliIO {
  return { cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr, now: () => new Date() };
}

type Style = Parameters<typeof styleText>[0];

/**
 * Colours when the stream is a terminal that has them, never in a pipe or a file. `NO_COLOR`,
 * `FORCE_COLOR` and `TERM=dumb` are honoured (through `hasColors`), and `--color`/`--no-color`
 * decide when given.
 */
export function wantsColor(stream: OutputStream, env: CliIO['env'], flag: boolean | undefined): boolean {
  if (flag !== undefined) return flag;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return true;
  return stream.isTTY === true && (stream.hasColors?.(env) ?? false);
}

/** A stream with the styles it can show: `paint('red', text)` is plain text when colours are off. */
export class Printer {
  readonly stream: OutputStream;
  readonly color: boolean;

  constructor(stream: OutputStream, color: boolean) {
    this.stream = stream;
    this.color = color;
  }

  paint(style: Style, text: string): string {
    // `validateStream: false` because the decision was made above, once, for this stream.
    return this.color ? styleText(style, text, { validateStream: false }) : text;
  }

  line(text = ''): void {
    this.stream.write(`${text}\n`);
  }
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/**
 * A one-line progress indication on a terminal (spinner, stage, elapsed seconds), cleared when the
 * work ends; nothing at all in a pipe or CI log, where the final summary says enough.
 */
export class Progress {
  private readonly printer: Printer;
  private readonly enabled: boolean;
  private label = '';
  private frame = 0;
  private started = performance.now();
  private timer: NodeJS.Timeout | undefined;

  constructor(printer: Printer, env: CliIO['env']) {
    this.printer = printer;
    this.enabled = printer.stream.isTTY === true && !env.CI;
  }

  update(label: string): void {
    if (!this.enabled) return;
    this.label = label;
    if (!this.timer) {
      this.started = performance.now();
      this.timer = setInterval(() => this.draw(), 100);
      this.timer.unref();
    }
    this.draw();
  }

  stop(): void {
    if (!this.timer) return;
    clearInterval(this.timer);
    this.timer = undefined;
    this.printer.stream.write('\r\x1b[2K');
  }

  private draw(): void {
    const seconds = ((performance.now() - this.started) / 1000).toFixed(1);
    const frame = FRAMES[this.frame++ % FRAMES.length];
    this.printer.stream.write(
      `\r\x1b[2K${this.printer.paint('cyan', frame ?? '')} ${this.label} ${this.printer.paint('dim', `${seconds} s`)}`,
    );
  }
}
