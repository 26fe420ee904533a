/**
 * Query text lives in monitoring/queries/**.kql so reviewers diff it like code; the stack layer reads it at
 * synth time and hands it to constructs as props (constructs never read files).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

let dir: string | undefined;

/** monitoring/queries of the repository, found from this file whether it runs from source or from dist/. */
export function queriesDir(): string {
  if (dir) return dir;
  for (let d = __dirname; ; d = dirname(d)) {
    const candidate = join(d, 'monitoring', 'queries');
    if (existsSync(candidate)) return (dir = candidate);
    if (dirname(d) === d) throw new Error(`monitoring/queries not found above ${__dirname}`);
  }
}

/** The text of `monitoring/queries/<relative>`, with a trailing newline removed. */
export function readQuery(relative: string): string {
  return readFileSync(join(queriesDir(), relative), 'utf8').replace(/\s+$/, '');
}
