/**
 * The README "Commands" table is what users copy: every command in it has --help, and the options a row shows
 * are exactly the options the command accepts (no stale ones, none missing).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, runNode } from '../helpers/fixture';

const scripts = (
  JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
).scripts;

/** `| \`npm run <script> …\` | … |` rows of the Commands table, with the command cell unescaped. */
function commandRows(): { script: string; usage: string }[] {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  const section = readme.slice(
    readme.indexOf('\n## Commands\n'),
    readme.indexOf('\n## ', readme.indexOf('\n## Commands\n') + 1),
  );
  const rows: { script: string; usage: string }[] = [];
  for (const line of section.split('\n')) {
    const m = line.match(/^\| `npm run ([a-z-]+)((?:[^`]|\\`)*)` \|/);
    if (m) rows.push({ script: m[1]!, usage: m[2]!.replace(/\\\|/g, '|') });
  }
  return rows;
}

/** The script file of an npm script that runs `node bin/run.js dist/<file>.js`. */
function distFile(script: string): string | undefined {
  return scripts[script]?.match(/node bin\/run\.js dist\/(\S+\.js)/)?.[1];
}

const options = (text: string) => new Set([...text.matchAll(/(?<![\w-])--[a-z][a-z-]*/g)].map((m) => m[0]));

describe('README commands table', () => {
  const rows = commandRows().filter((r) => distFile(r.script));

  it('lists every command that runs a tool', () => {
    expect(rows.map((r) => r.script).sort()).toEqual([
      'bench',
      'bootstrap-state',
      'capacity',
      'ci-config',
      'diff',
      'drain',
      'plan-review',
      'preflight',
      'report',
      'resilience',
      'rollout',
      'runbooks',
      'scanner-waivers',
      'schema',
      'synth',
      'validate',
    ]);
  });

  it.each(
    commandRows()
      .filter((r) => distFile(r.script))
      .map((r) => [r.script, r.usage]),
  )('%s: --help works and its options are the row’s options', (script, usage) => {
    const help = runNode(distFile(script)!, ['--help'], REPO);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: /);
    const optionsPart = help.stdout.slice(help.stdout.indexOf('\nOptions:'));
    // The option each line of the Options section defines (descriptions may name other flags).
    const accepted = new Set(
      [...optionsPart.matchAll(/^[ \t]+(?:-\w, )?(--[a-z][a-z-]*)/gm)].map((m) => m[1]!),
    );
    accepted.delete('--help');
    expect([...options(usage)].sort()).toEqual([...accepted].sort());
    // Without a help option listed, a user cannot discover -h.
    expect(optionsPart).toMatch(/^  -h, --help/m);
  });
});
