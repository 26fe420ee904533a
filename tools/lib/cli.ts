/** Shared command-line conventions: exit codes, usage errors, output formats. */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

export class UsageError extends Error {}

/** Bad input the user can fix (a missing or unreadable file, a path that cannot be written): exit 1, no usage. */
export class InputError extends Error {}

export type Format = 'text' | 'json' | 'markdown';

export function parseFormat(value: string | undefined): Format {
  if (value === undefined || value === 'text') return 'text';
  if (value === 'json' || value === 'markdown') return value;
  throw new UsageError(`--format must be one of text, json, markdown (got "${value}")`);
}

/** parseArgs that turns its errors into UsageError (exit 2) instead of stack traces. */
export function parseCli<T extends ParseArgsConfig['options']>(args: string[], options: T) {
  try {
    return parseArgs({
      args,
      options: options as NonNullable<ParseArgsConfig['options']>,
      strict: true,
      allowPositionals: false,
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** Runs a command's main function with the documented exit codes; no stack trace for user errors. */
export function runCli(name: string, usage: string, main: () => number | Promise<number>): void {
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
        } else if (e instanceof InputError) {
          process.stderr.write(`${name}: ${e.message}\n`);
          process.exitCode = EXIT.findings;
        } else {
          process.stderr.write(`${name}: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
          process.exitCode = 3;
        }
      },
    );
}
