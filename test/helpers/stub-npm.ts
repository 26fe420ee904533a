/**
 * A stub npm for the diff's base install ($FOOTPRINT_NPM): it appends `<cwd> <args>` to its log, and either
 * fails like npm (`fail`) or writes ./node_modules as a farm of symlinks into this repository's node_modules in
 * which only @cdktf/provider-azurerm's provider/index.js is a real, edited file: the azurerm version cdktf
 * writes into required_providers becomes `providerVersion`. So a base "installs" another provider in
 * milliseconds, and the head's node_modules is never written.
 */
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './fixture';

export interface StubNpmOptions {
  /** The provider version the installed tree synthesizes. */
  readonly providerVersion?: string;
  /** Fail with this on stderr (exit 1) instead of installing. */
  readonly fail?: string;
}

export interface StubNpmCall {
  readonly cwd: string;
  readonly args: string;
  readonly localPrefix: string | null;
}

export interface StubNpm {
  /** Environment for the diff: FOOTPRINT_NPM pointing at the stub. */
  readonly env: NodeJS.ProcessEnv;
  /** The calls made so far: where, with what, and the npm_config_local_prefix npm would install into. */
  calls(): StubNpmCall[];
}

const SCRIPT = (opts: StubNpmOptions, log: string) => `#!${process.execPath}
'use strict';
const fs = require('node:fs');
const path = require('node:path');
fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify({ cwd: process.cwd(), args: process.argv.slice(2).join(' '), localPrefix: process.env.npm_config_local_prefix ?? null }) + '\\n');
const fail = ${JSON.stringify(opts.fail ?? null)};
if (fail !== null) {
  process.stderr.write(fail + '\\n');
  process.exit(1);
}
const from = ${JSON.stringify(join(REPO, 'node_modules'))};
// Every entry a symlink, except the directories on the way to the one edited file.
const farm = (src, dst, rest) => {
  fs.mkdirSync(dst);
  for (const name of fs.readdirSync(src)) {
    if (name !== rest[0]) fs.symlinkSync(path.join(src, name), path.join(dst, name));
  }
  if (rest.length > 1) return farm(path.join(src, rest[0]), path.join(dst, rest[0]), rest.slice(1));
  const text = fs.readFileSync(path.join(src, rest[0]), 'utf8');
  const edited = text.replace(/providerVersion: '[^']+'/, ${JSON.stringify(`providerVersion: '${opts.providerVersion ?? '0.0.0'}'`)});
  if (edited === text) throw new Error('stub npm: no providerVersion in ' + src);
  fs.writeFileSync(path.join(dst, rest[0]), edited);
};
farm(from, path.join(process.cwd(), 'node_modules'), ['@cdktf', 'provider-azurerm', 'lib', 'provider', 'index.js']);
`;

export function stubNpm(dir: string, name: string, opts: StubNpmOptions = {}): StubNpm {
  mkdirSync(dir, { recursive: true });
  const bin = join(dir, `npm-${name}`);
  const log = join(dir, `npm-${name}.log`);
  writeFileSync(log, '');
  writeFileSync(bin, SCRIPT(opts, log));
  chmodSync(bin, 0o755);
  return {
    env: { FOOTPRINT_NPM: bin },
    calls: () =>
      readFileSync(log, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as StubNpmCall),
  };
}
