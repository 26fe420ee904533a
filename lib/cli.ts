/**
 * The one command skeleton every command shares: `-h/--help`, `--format`, `--out` (then $CDKTF_OUTDIR, then
 * cdktf.out), the documented exit codes, one line and no stack trace for user errors, and a quiet exit when
 * stdout or stderr is closed early (`npm run -s validate -- --format json | head -1`).
 *
 *   defineCommand({ name: 'report', usage: USAGE, options: { env: { type: 'string', multiple: true } },
 *                   readsOut: true, main: ({ values, outDir }) => { ...; return EXIT.ok; } });
 */
import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';

export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

/**
 * The exit codes of `--exit-code` (diff, plan-review): clear of findings or invalid input (1), usage (2) and an
 * internal error (3), so a CI step can tell a result to post from a failure.
 */
export const RISK_EXIT = { none: 0, changes: 4, high: 5 } as const;

/** The `--exit-code` of a result whose highest risk is `risk` (null: nothing changed). */
export const riskExitCode = (risk: string | null): number =>
  risk === null ? RISK_EXIT.none : risk === 'HIGH' ? RISK_EXIT.high : RISK_EXIT.changes;

/** A wrong command line: exit 2, the message and the usage on stderr. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * Something a user can fix that is not the command line: exit 1, one line on stderr, no usage, no stack trace.
 * Any error with `userError: true` is reported the same way; subclasses (contract/out.ts's OutError, a missing
 * or unreadable file, a path that cannot be written) inherit the marker.
 */
export interface UserError extends Error {
  readonly userError: true;
}

/** Bad input the user can fix (a missing or unreadable file, a path that cannot be written): exit 1, no usage. */
export class InputError extends Error implements UserError {
  readonly userError = true as const;
  override readonly name: string = 'InputError';
}

export function isUserError(e: unknown): e is UserError {
  return e instanceof Error && (e as Partial<UserError>).userError === true;
}

export const FORMATS = ['text', 'json', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];

export function parseFormat(value: string | undefined, allowed: readonly Format[] = FORMATS): Format {
  if (value === undefined) return 'text';
  if ((allowed as readonly string[]).includes(value)) return value as Format;
  throw new UsageError(`--format must be one of ${allowed.join(', ')} (got "${value}")`);
}

export const DEFAULT_OUT_DIR = 'cdktf.out';

/** The synthesized tree as the user named it: --out, else $CDKTF_OUTDIR, else cdktf.out (not resolved). */
export function outDirArg(out: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return out ?? (env.CDKTF_OUTDIR || undefined) ?? DEFAULT_OUT_DIR;
}

/** The absolute path of the synthesized tree: --out, else $CDKTF_OUTDIR, else cdktf.out, from `cwd`. */
export function resolveOutDir(
  out: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  cwd: string = process.cwd(),
): string {
  return resolve(cwd, outDirArg(out, env));
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** parseArgs that turns its errors into UsageError (exit 2) instead of stack traces. */
export function parseCli<T extends ParseArgsConfig['options']>(
  args: string[],
  options: T,
  allowPositionals = false,
) {
  try {
    return parseArgs({
      args,
      options: options as Options,
      strict: true,
      allowPositionals,
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** One option of a command, as node:util parseArgs takes it. */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly multiple?: boolean;
  readonly short?: string;
  readonly default?: string | boolean | readonly string[] | readonly boolean[];
}

type Value<S extends OptionSpec> = S extends { type: 'string' }
  ? S extends { multiple: true }
    ? string[]
    : string
  : S extends { multiple: true }
    ? boolean[]
    : boolean;

/** The parsed values of `O`: an option with a default is always set, any other may be undefined. */
export type Values<O extends Record<string, OptionSpec>> = {
  readonly [K in keyof O]: O[K] extends { default: unknown } ? Value<O[K]> : Value<O[K]> | undefined;
};

export interface CommandContext<O extends Record<string, OptionSpec>> {
  /** The command's options (without help, format and out, which the skeleton handles). */
  readonly values: Values<O>;
  /** The arguments as given (after `node <script>`). */
  readonly argv: readonly string[];
  /** With `positionals`: the arguments that are not options (file names). */
  readonly positionals: readonly string[];
  /** The parsed --format ('text' without one, or for a command without --format). */
  readonly format: Format;
  /** With readsOut: --out as the user named it, else $CDKTF_OUTDIR, else cdktf.out (relative as given). */
  readonly outArg: string;
  /** With readsOut: the absolute path of outArg. */
  readonly outDir: string;
}

export interface CommandSpec<O extends Record<string, OptionSpec>> {
  /** The prefix of every message on stderr: `<name>: ...`. */
  readonly name: string;
  /** Printed to stdout by -h/--help and after a usage error on stderr. */
  readonly usage: string;
  /** The command's own options; -h/--help, --format (with `formats`) and --out (with `readsOut`) are added. */
  readonly options: O;
  /** The formats --format accepts; without it the command has no --format. */
  readonly formats?: readonly Format[];
  /** The command reads a synthesized tree: adds --out, resolved by resolveOutDir. */
  readonly readsOut?: true;
  /** The command takes arguments besides its options (file names); without it they are a usage error. */
  readonly positionals?: true;
  main(ctx: CommandContext<O>): number | Promise<number>;
}

/** Defines and runs a command (the module's last statement): parse, help, format, out, exit code. */
export function defineCommand<const O extends Record<string, OptionSpec>>(spec: CommandSpec<O>): void {
  const argv = process.argv.slice(2);
  runCli(spec.name, spec.usage, () => {
    const { values, positionals } = parseCli(
      argv,
      {
        ...spec.options,
        ...(spec.readsOut ? { out: { type: 'string' } } : {}),
        ...(spec.formats ? { format: { type: 'string' } } : {}),
        help: { type: 'boolean', short: 'h', default: false },
      } as Options,
      spec.positionals === true,
    );
    if (values.help) {
      process.stdout.write(spec.usage);
      return EXIT.ok;
    }
    const format = spec.formats ? parseFormat(values.format as string | undefined, spec.formats) : 'text';
    const outArg = outDirArg(values.out as string | undefined);
    return spec.main({
      values: values as unknown as Values<O>,
      argv,
      positionals,
      format,
      outArg,
      outDir: resolve(process.cwd(), outArg),
    });
  });
}

const isEpipe = (e: unknown) => (e as NodeJS.ErrnoException | undefined)?.code === 'EPIPE';

/**
 * A reader that stops early (`| head -1`) closes the pipe: the next write fails with EPIPE. That is not an
 * error of the command: stop writing, keep the exit code, no stack trace.
 */
function quietOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: unknown) => {
      if (!isEpipe(e)) throw e;
      stream.destroy();
    });
  }
}

/** Runs a command's main function with the documented exit codes; no stack trace for user errors. */
export function runCli(name: string, usage: string, main: () => number | Promise<number>): void {
  quietOnClosedPipe();
  Promise.resolve()
    .then(main)
    .then(
      (code) => {
        process.exitCode = code;
      },
      (e: unknown) => {
        if (e instanceof UsageError) {
          process.stderr.write(`${name}: ${e.message}\n\n${usage}`);
          process.exitCode = EXIT.usage;
        } else if (isUserError(e)) {
          process.stderr.write(`${name}: ${e.message}\n`);
          process.exitCode = EXIT.findings;
        } else if (isEpipe(e)) {
          // stdout closed while the command wrote synchronously: nothing left to say.
          process.exitCode ??= EXIT.findings;
        } else {
          process.stderr.write(`${name}: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
          process.exitCode = 3;
        }
      },
    );
}
