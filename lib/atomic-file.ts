/** Writes a file atomically (a temp file next to it, then a rename), with user-fixable failures as InputError. */
import { existsSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { InputError } from './cli';

export function writeFileAtomic(target: string, text: string): void {
  if (existsSync(target) && statSync(target).isDirectory()) {
    throw new InputError(`${target} is a directory; name a file to write`);
  }
  const dir = dirname(target);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new InputError(`cannot write ${target}: directory ${dir} does not exist`);
  }
  const tmp = `${target}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, target);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new InputError(`cannot write ${target}: ${(e as Error).message}`);
  }
}
