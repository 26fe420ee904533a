/**
 * Reading a file a user named or a tree holds (a plan, a synthesized stack, footprint.json): only a regular
 * file, refused by its kind before it is opened, so a FIFO or a device (`/dev/zero`) can neither block the
 * command nor make it read without end. Config files have their stricter reader (config/read-file.ts).
 */
import { readFileSync, statSync, type Stats } from 'node:fs';
import { InputError } from './cli';

/**
 * Below Node's 2 GiB limit for one buffer; far above any plan or stack file (the shipped plan fixtures are
 * under 0.5 MB each, a 200-stamp environment's global stack 0.6 MB).
 */
export const MAX_INPUT_BYTES = 1024 * 1024 * 1024;

/** What a path is, for a message: "a directory", "a named pipe (FIFO)", ... */
export function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * The UTF-8 text of the regular file at `path`; otherwise an InputError naming it (`missing` follows the path
 * when it does not exist, e.g. " not found: run `npm run synth` first"), or the Error `error` makes of the message.
 */
export function readInputText(
  path: string,
  opts: { readonly missing?: string; readonly error?: (message: string) => Error } = {},
): string {
  const fail = opts.error ?? ((m: string) => new InputError(m));
  let st: Stats;
  try {
    st = statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw fail(
      code === 'ENOENT' ? `${path}${opts.missing ?? ': no such file'}` : `${path}: cannot read (${code})`,
    );
  }
  if (!st.isFile()) throw fail(`${path} is ${kindOf(st)}, not a regular file`);
  if (st.size > MAX_INPUT_BYTES)
    throw fail(`${path} is ${st.size} bytes; expected at most ${MAX_INPUT_BYTES}`);
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw fail(`${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}
