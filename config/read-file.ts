/**
 * Reading a config file as untrusted input: only a regular file inside the config folder (after resolving
 * symlinks), at most MAX_FILE_BYTES, and UTF-8 text. A device, FIFO or directory is refused before a byte is
 * read, so nothing can make synth block or read without end.
 */
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from 'node:fs';
import { relative, isAbsolute } from 'node:path';
import { quote } from '../lib/quote';
import { kindOf } from '../lib/read-input';

/** Far above any real file (the largest shipped one is a few KiB). */
export const MAX_FILE_BYTES = 1024 * 1024;

export type ReadResult =
  { readonly text: string } | { readonly problem: string; readonly line?: number; readonly col?: number };

function errnoText(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'cannot read file: it does not exist (a symlink to a missing file?)';
    case 'EACCES':
    case 'EPERM':
      return 'cannot read file: permission denied';
    case 'ELOOP':
      return 'cannot read file: symlinks loop';
    case 'EISDIR':
      return 'is a directory, not a regular file; expected a YAML file';
    default:
      return `cannot read file: ${code ?? 'error'}`;
  }
}

/** Byte offset of the first invalid UTF-8 sequence, or -1. */
function invalidUtf8At(buf: Buffer): number {
  for (let i = 0; i < buf.length;) {
    const b = buf[i]!;
    const n =
      b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (n < 0 || i + n >= buf.length) return i;
    for (let k = 1; k <= n; k++) if ((buf[i + k]! & 0xc0) !== 0x80) return i;
    // Overlong 3-byte forms, UTF-16 surrogates and code points above U+10FFFF.
    if (n === 2 && ((b === 0xe0 && buf[i + 1]! < 0xa0) || (b === 0xed && buf[i + 1]! >= 0xa0))) return i;
    if (n === 3 && ((b === 0xf0 && buf[i + 1]! < 0x90) || (b === 0xf4 && buf[i + 1]! >= 0x90))) return i;
    i += n + 1;
  }
  return -1;
}

function lineColAt(buf: Buffer, offset: number): { line: number; col: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    if (buf[i] === 0x0a) {
      line++;
      start = i + 1;
    }
  }
  return { line, col: offset - start + 1 };
}

/** UTF-8 text of the file, or why it is not usable. */
function decode(buf: Buffer): ReadResult {
  if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff))
    return { problem: 'file is not UTF-8 text (it starts with a UTF-16 byte order mark); save it as UTF-8' };
  const nul = buf.indexOf(0);
  if (nul >= 0)
    return {
      problem: 'file is not UTF-8 text (it holds a NUL byte: binary data or UTF-16?); expected a YAML file',
      ...lineColAt(buf, nul),
    };
  const bad = invalidUtf8At(buf);
  if (bad >= 0)
    return {
      problem: `file is not UTF-8 text (invalid byte 0x${buf[bad]!.toString(16).padStart(2, '0')}); save it as UTF-8`,
      ...lineColAt(buf, bad),
    };
  const text = buf.toString('utf8');
  return { text: text.startsWith('\ufeff') ? text.slice(1) : text };
}

/** Reads `path`, which must resolve to a regular file inside `dir`. */
export function readConfigText(path: string, dir: string): ReadResult {
  let real: string;
  let realDir: string;
  try {
    realDir = realpathSync(dir);
    real = realpathSync(path);
  } catch (e) {
    return { problem: errnoText(e) };
  }
  const rel = relative(realDir, real);
  if (!rel || rel.startsWith('..') || isAbsolute(rel))
    return {
      problem: `is a symlink to ${quote(real)}, outside the config folder; expected a file inside it`,
    };
  let fd: number;
  try {
    // Non-blocking, so a FIFO that slipped in between the checks cannot hang the open.
    fd = openSync(real, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch (e) {
    return { problem: errnoText(e) };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { problem: `is ${kindOf(st)}, not a regular file; expected a YAML file` };
    const tooBig = (size: string) => ({
      problem: `file is ${size}; expected at most ${MAX_FILE_BYTES} bytes (1 MiB) for a config file`,
    });
    if (st.size > MAX_FILE_BYTES) return tooBig(`${st.size} bytes`);
    // Reads past the reported size up to one byte over the cap: a file that grows (or a /proc file that
    // reports size 0) is still bounded.
    let buf = Buffer.alloc(st.size + 1);
    let n = 0;
    for (;;) {
      if (n === buf.length) {
        if (n > MAX_FILE_BYTES) return tooBig('over the limit');
        const bigger = Buffer.alloc(MAX_FILE_BYTES + 1);
        buf.copy(bigger);
        buf = bigger;
      }
      const got = readSync(fd, buf, n, buf.length - n, null);
      if (got === 0) break;
      n += got;
    }
    if (n > MAX_FILE_BYTES) return tooBig('over the limit');
    return decode(buf.subarray(0, n));
  } catch (e) {
    return { problem: errnoText(e) };
  } finally {
    closeSync(fd);
  }
}
