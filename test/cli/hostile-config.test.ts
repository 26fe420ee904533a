/**
 * Hostile and careless config files, run through synth as a user (or an attacker in a pull request) would:
 * template injection, files that are not files, messages that try to forge or flood, raw parser text, bad
 * encodings. Every case gives its own error lines (file:line:col, escaped, bounded), exit 1, and the previous
 * output untouched. Add a row when a new class is found.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { configFixture, REPO } from '../helpers/fixture';

const BASE = readFileSync(join(REPO, 'environments', 'dev-public.yaml'), 'utf8');
const CLOUD = readFileSync(join(REPO, 'environments', 'clouds', 'public.yaml'), 'utf8');

/** A copy of dev-public named after its file. */
const named = (name: string) => BASE.replace('name: dev-public', `name: ${name}`);

/** A copy of dev-public named after its file, with `from` replaced (the only thing wrong with it). */
function env(from: string | RegExp, to: string): (name: string) => string {
  return (name) => {
    const text = named(name);
    // A function, so `$$` in `to` stays `$$`.
    const next = text.replace(from, () => to);
    if (next === text) throw new Error(`edit did not apply: ${String(from)}`);
    return next;
  };
}

const TEMPLATE_ERROR = /which Terraform would evaluate as a template; expected text without "\$\{" or "%\{"/;

interface Case {
  readonly name: string;
  /** File content (from the case's environment name), or a setup that creates the file itself. */
  readonly content?: string | Buffer | ((name: string) => string | Buffer);
  readonly setup?: (path: string) => void;
  /** The lines expected for this file, in order; none for a careless but valid file. */
  readonly lines: readonly RegExp[];
  /** Another file than `environments/<name>.yaml` (a cloud profile). */
  readonly file?: string;
}

const deepIndent = Array.from({ length: 70 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n');

const CASES: Case[] = [
  // Terraform template injection: refused at the value's line, whatever the field.
  {
    name: 'tpl-tag-value',
    content: env('state:', 'tags:\n  team: ${file("/etc/passwd")}\nstate:'),
    lines: [/^:\d+:\d+ tags\.team: "\$\{file\(\\"\/etc\/passwd\\"\)\}" contains "\$\{"/],
  },
  {
    name: 'tpl-tag-key',
    content: env('state:', 'tags:\n  "${path.root}": x\nstate:'),
    lines: [/^:\d+:3 tags\["\$\{path\.root\}"\]: field name "\$\{path\.root\}" contains "\$\{"/],
  },
  {
    name: 'tpl-directive',
    content: env('state:', `tags:\n  note: '%{ for f in fileset("/", "*") }\${f}%{ endfor }'\nstate:`),
    lines: [/tags\.note: "%\{ for f in fileset.*contains "%\{"/],
  },
  {
    name: 'tpl-webhook',
    content: env(
      '  sloTarget: 99.0',
      '  sloTarget: 99.0\n  webhookUrl: https://hooks.example.com/${file("/root/.ssh/id_rsa")}',
    ),
    lines: [/monitoring\.webhookUrl: .*contains "\$\{"/],
  },
  {
    name: 'tpl-certificate',
    content: env(
      'aks:',
      'frontDoor:\n  customDomain:\n    hostName: api.example.com\n    certificateSecretId: ${file("/etc/shadow")}\naks:',
    ),
    lines: [/frontDoor\.customDomain\.certificateSecretId: .*contains "\$\{"/],
  },
  {
    name: 'tpl-waiver-reason',
    content: env('reason: Network Watcher', 'reason: ${file("/etc/passwd")} Network Watcher'),
    lines: [/waivers\[0\]\.reason: .*contains "\$\{"/],
  },
  {
    name: 'tpl-unknown-field',
    content: env('state:', '"${file(\\"/etc/passwd\\")}": 1\nstate:'),
    lines: [TEMPLATE_ERROR],
  },
  {
    name: 'tpl-escaped-still-refused',
    content: env('state:', 'tags:\n  literal: "$${not a template}"\nstate:'),
    lines: [/tags\.literal: "\$\$\{not a template\}" contains "\$\{"/],
  },
  {
    name: 'tpl-in-region-name',
    content: env('name: eastus2', 'name: eastus2${file("/etc/passwd")}'),
    lines: [/regions\[0\]\.name: .*contains "\$\{"/],
  },
  {
    file: 'clouds/hostile.yaml',
    name: 'tpl-cloud-display-name',
    content: CLOUD.replace('id: public', 'id: hostile').replace(
      'displayName: Azure public',
      'displayName: Azure ${file("/etc/passwd")}',
    ),
    lines: [/^:4:14 displayName: "Azure \$\{file.*contains "\$\{"/],
  },
  // Messages that try to forge another error or hide a difference.
  {
    name: 'newline-in-value',
    content: env('tier: dev', 'tier: "dev\\nenvironments/prod-usgov.yaml:1:1 name: forged"'),
    lines: [/^:5:7 tier: "dev\\nenvironments\/prod-usgov\.yaml:1:1 name: forged" is not allowed/],
  },
  {
    name: 'newline-in-key',
    content: env('state:', '"costCenter\\nenvironments/prod-usgov.yaml:1:1 forged": 1\nstate:'),
    lines: [
      /^:\d+:1 \["costCenter\\nenvironments\/prod-usgov\.yaml:1:1 forged"\]: unknown field "costCenter\\n/,
    ],
  },
  {
    name: 'carriage-return',
    content: env('tier: dev', 'tier: "dev\\rprod"'),
    lines: [/tier: "dev\\rprod" is not allowed/],
  },
  {
    name: 'ansi-escape',
    content: env('tier: dev', 'tier: "\\e[31mprod\\e[0m"'),
    lines: [/tier: "\\u001b\[31mprod\\u001b\[0m" is not allowed/],
  },
  {
    name: 'no-break-space',
    content: env('tier: dev', 'tier: "dev\u00a0"'),
    lines: [/tier: "dev\\u00a0" is not allowed; did you mean "dev"\?/],
  },
  {
    name: 'cyrillic-look-alike',
    content: env('cloud: public', 'cloud: \u0440ublic'),
    lines: [/cloud: "\\u0440ublic" is not a cloud profile; did you mean "public"\?/],
  },
  {
    name: 'zero-width-space',
    content: env('name: eastus2', 'name: "eastus2\u200b"'),
    lines: [/regions\[0\]\.name: "eastus2\\u200b" is not a region of cloud public; did you mean "eastus2"\?/],
  },
  {
    name: 'bidi-override',
    content: env('owner: footprint-team@example.com', 'owner: "\u202emoc.elpmaxe@maet"'),
    lines: [/owner: expected an e-mail address, found string "\\u202emoc/],
  },
  {
    name: 'emoji',
    content: env('tier: dev', 'tier: "dev\u{1F600}"'),
    lines: [/tier: "dev\\ud83d\\ude00" is not allowed/],
  },
  {
    name: 'tab-in-value',
    content: env('tier: dev', 'tier: "d\\tev"'),
    lines: [/tier: "d\\tev" is not allowed/],
  },
  {
    name: 'threshold-key-newline',
    content: env('  sloTarget: 99.0', '  sloTarget: 99.0\n  thresholds:\n    "cpu\\nforged": 5'),
    lines: [/monitoring\.thresholds\["cpu\\nforged"\]: unknown alert "cpu\\nforged"/],
  },
  // Flooding: long values are cut, with their length.
  {
    name: 'long-value',
    content: env('tier: dev', `tier: ${'a'.repeat(500_000)}`),
    lines: [/^:5:7 tier: "a{80}"… \(500000 characters\) is not allowed/],
  },
  {
    name: 'long-key',
    content: env('state:', `${'k'.repeat(1000)}: 1\nstate:`),
    lines: [/\["k{80}"… \(1000 characters\)\]: unknown field "k{80}"… \(1000 characters\)/],
  },
  {
    name: 'key-over-1024',
    content: env('state:', `${'k'.repeat(100_000)}: 1\nstate:`),
    lines: [
      /^:\d+:1 YAML syntax: found a key longer than 1024 characters; expected a field name \(parser: ".*"… \(\d+ characters\)\)$/,
    ],
  },
  {
    name: 'long-non-ascii',
    content: env('tier: dev', `tier: "${'\u00e9'.repeat(10_000)}"`),
    lines: [/tier: "(\\u00e9){13}"… \(10000 characters\) is not allowed/],
  },
  {
    name: 'many-unknown-fields',
    content: env('state:', `${Array.from({ length: 200 }, (_, i) => `junk${i}: 1`).join('\n')}\nstate:`),
    lines: [
      ...Array.from({ length: 50 }, () => /^:\d+:1 junk\d+: unknown field "junk\d+"/),
      /^:\d+:1 150 more errors in this file are not shown; fix the ones above first$/,
    ],
  },
  // YAML syntax in the project's words, the parser's only as a detail.
  {
    name: 'yaml-compact-mapping',
    content: env('tier: dev', 'tier: dev: prod'),
    lines: [
      /^:5:\d+ YAML syntax: found a mapping inside a one-line value .*; expected .*\(parser: "Nested mappings/,
    ],
  },
  {
    name: 'yaml-bad-indent',
    content: env('  bakeMinutes: 0', '  bakeMinutes: 0\n order: 3'),
    lines: [/YAML syntax: found a line indented differently/],
  },
  {
    name: 'yaml-two-documents',
    content: env('state:', '---\nstate:'),
    lines: [/YAML syntax: found a second YAML document .*; expected one document per file/],
  },
  {
    name: 'yaml-unclosed-quote',
    content: env('tier: dev', 'tier: "dev'),
    lines: [/YAML syntax: found an unclosed quote or bracket/],
  },
  {
    name: 'yaml-tab-indent',
    content: env('  bakeMinutes: 0', '\tbakeMinutes: 0'),
    lines: [/YAML syntax: found a tab used for indentation; expected spaces/],
  },
  {
    name: 'yaml-stray-bracket',
    content: env('state:', ']\nstate:'),
    lines: [
      /YAML syntax: found text that does not fit the structure around it.*; \d+ more YAML errors after it, most likely caused by this one$/,
    ],
  },
  {
    name: 'yaml-reserved-char',
    content: env('tier: dev', 'tier: @dev'),
    lines: [/YAML syntax: found a value starting with a reserved character .*; expected it in quotes/],
  },
  {
    name: 'yaml-bad-escape',
    content: env('tier: dev', 'tier: "d\\qev"'),
    lines: [/YAML syntax: found an invalid escape in a double-quoted value/],
  },
  {
    name: 'yaml-duplicate-field',
    content: env('tier: dev', 'tier: dev\ntier: prod'),
    lines: [/^:6:1 duplicate field "tier": each field may appear once/],
  },
  {
    name: 'yaml-alias-without-anchor',
    content: env('tier: dev', 'tier: *nope'),
    lines: [/YAML syntax: found alias \*"nope" whose anchor is not defined above it/],
  },
  {
    name: 'yaml-billion-laughs',
    content: env(
      'state:',
      `lol:\n  a: &a [x, x, x, x, x, x, x, x, x]\n  b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n  c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n  d: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\nstate:`,
    ),
    lines: [/YAML syntax: found aliases that expand to too many values/],
  },
  {
    name: 'deep-flow-nesting',
    content: env('tier: dev', `tier: ${'['.repeat(100)}${']'.repeat(100)}`),
    lines: [/^:5:1 nesting deeper than 64 levels/],
  },
  {
    name: 'deep-indent-nesting',
    content: env('state:', `${deepIndent}\nstate:`),
    lines: [/nesting deeper than 64 levels/],
  },
  {
    name: 'deep-compact-sequences',
    content: env('state:', `x: \n${'- '.repeat(100)}a\nstate:`),
    lines: [/nesting deeper than 64 levels/],
  },
  // The wrong shape at the top.
  { name: 'empty-file', content: '', lines: [/^:1:1 expected a mapping of fields at the top of the file/] },
  {
    name: 'only-comments',
    content: '# nothing here\n',
    lines: [/^:1:1 expected a mapping of fields at the top of the file/],
  },
  { name: 'top-level-list', content: '- a\n- b\n', lines: [/expected a mapping of fields/] },
  { name: 'top-level-text', content: 'just some text\n', lines: [/expected a mapping of fields/] },
  // Encodings.
  {
    name: 'utf16-le',
    content: (n) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(named(n), 'utf16le')]),
    lines: [/^:1:1 file is not UTF-8 text \(it starts with a UTF-16 byte order mark\); save it as UTF-8$/],
  },
  {
    name: 'utf16-be',
    content: (n) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(named(n), 'utf16le').swap16()]),
    lines: [/file is not UTF-8 text \(it starts with a UTF-16 byte order mark\)/],
  },
  {
    name: 'utf16-no-bom',
    content: (n) => Buffer.from(named(n), 'utf16le'),
    lines: [/^:1:2 file is not UTF-8 text \(it holds a NUL byte/],
  },
  {
    name: 'binary',
    content: Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) % 256)),
    lines: [/^:\d+:\d+ file is not UTF-8 text/],
  },
  {
    name: 'latin1',
    content: (n) => Buffer.from(env('costCenter: CC-0000', 'costCenter: CC-caf\u00e9')(n), 'latin1'),
    lines: [/^:10:\d+ file is not UTF-8 text \(invalid byte 0xe9\); save it as UTF-8$/],
  },
  // Careless but valid: a UTF-8 byte order mark, Windows line endings.
  { name: 'utf8-bom', content: (n) => `\ufeff${named(n)}`, lines: [] },
  { name: 'crlf', content: (n) => named(n).replace(/\n/g, '\r\n'), lines: [] },
  // Files that are not files.
  { name: 'directory', setup: (p) => mkdirSync(p), lines: [/^:1:1 is a directory, not a regular file/] },
  {
    name: 'fifo',
    setup: (p) => spawnSync('mkfifo', [p]),
    lines: [/^:1:1 is a named pipe \(FIFO\), not a regular file/],
  },
  {
    name: 'dev-zero',
    setup: (p) => symlinkSync('/dev/zero', p),
    lines: [/^:1:1 is a symlink to "\/dev\/zero", outside the config folder/],
  },
  {
    name: 'dev-urandom',
    setup: (p) => symlinkSync('/dev/urandom', p),
    lines: [/^:1:1 is a symlink to "\/dev\/urandom", outside the config folder/],
  },
  {
    name: 'outside-link',
    setup: (p) => symlinkSync('/etc/passwd', p),
    lines: [/is a symlink to "\/etc\/passwd", outside the config folder/],
  },
  {
    name: 'dangling-link',
    setup: (p) => symlinkSync('nowhere.txt', p),
    lines: [/^:1:1 cannot read file: it does not exist/],
  },
  { name: 'link-loop', setup: (p) => symlinkSync(p, p), lines: [/^:1:1 cannot read file: symlinks loop/] },
  {
    name: 'inside-link',
    setup: (p) => symlinkSync('dev-public.yaml', p),
    lines: [
      /^:3:7 name: "dev-public" must equal the file name "inside-link"$/,
      /^:3:7 name: short name "devpublic" is already used by environments\/dev-public\.yaml/,
    ],
  },
  {
    name: 'huge-file',
    content: `# ${'x'.repeat(2 * 1024 * 1024)}\n`,
    lines: [/^:1:1 file is 2097155 bytes; expected at most 1048576 bytes \(1 MiB\)/],
  },
];

/** Runs synth with a hang guard (a FIFO that blocked would otherwise stall the suite). */
function synth(cwd: string, args: string[] = []) {
  const r = spawnSync(process.execPath, [join(REPO, 'dist', 'main.js'), '--quiet', ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, CHECKPOINT_DISABLE: '1', FORCE_COLOR: '0' },
  });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

const fileOf = (c: Case) => `environments/${c.file ?? `${c.name}.yaml`}`;

function plant(dir: string, c: Case): void {
  const path = join(dir, fileOf(c));
  if (c.setup) c.setup(path);
  else writeFileSync(path, typeof c.content === 'function' ? c.content(c.name) : c.content!);
}

/** A previous output that must survive every failed run byte for byte. */
function previousOutput(dir: string): string {
  mkdirSync(join(dir, 'cdktf.out'));
  writeFileSync(join(dir, 'cdktf.out', 'manifest.json'), '{"previous": true}\n');
  return join(dir, 'cdktf.out');
}

function expectUntouched(out: string): void {
  expect(readdirSync(out)).toEqual(['manifest.json']);
  expect(readFileSync(join(out, 'manifest.json'), 'utf8')).toBe('{"previous": true}\n');
}

/** Synth over a previous output: exit 1 with exactly one error line matching `message`, the output untouched. */
function expectOneError(dir: string, message: RegExp): void {
  const out = previousOutput(dir);
  const r = synth(dir);
  expect(r.signal).toBeNull();
  expect(r.code).toBe(1);
  expect(r.stderr.split('\n')).toEqual([
    expect.stringMatching(message),
    '',
    '1 configuration error in 1 file; nothing was written.',
    '',
  ]);
  expectUntouched(out);
}

const UNSAFE = /[\u0000-\u001f\u007f-\u00a0\u00ad\u2000-\u200f\u2028-\u202f\u2060-\u206f\ufeff]/;

describe('hostile and careless config files', () => {
  it('has a corpus of at least 40 cases with unique names', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(CASES.map(fileOf)).size).toBe(CASES.length);
  });

  describe('all at once in one synth run', () => {
    let run: ReturnType<typeof synth>;
    let lines: string[];
    let out: string;
    beforeAll(() => {
      const dir = configFixture();
      out = previousOutput(dir);
      for (const c of CASES) plant(dir, c);
      run = synth(dir);
      lines = run.stderr.split('\n');
    });

    it('exits 1 with one summary and the previous output untouched, no stack trace', () => {
      expect(run.signal).toBeNull();
      expect(run.code).toBe(1);
      expect(run.stderr).not.toMatch(/^\s+at /m);
      const files = new Set(CASES.filter((c) => c.lines.length).map(fileOf)).size;
      const count = CASES.reduce((n, c) => n + c.lines.length, 0);
      expect(run.stderr).toMatch(
        new RegExp(`\\n${count} configuration errors in ${files} files; nothing was written\\.\\n$`),
      );
      expectUntouched(out);
    });

    it('every line is an error of a named file, with no raw control or invisible character and bounded', () => {
      const errorLines = lines.slice(0, -3);
      for (const line of errorLines) {
        expect(line).toMatch(/^environments\/[a-z0-9/-]+\.yaml:\d+:\d+ /);
        expect(line).not.toMatch(UNSAFE);
        expect(line.length).toBeLessThan(600);
      }
    });

    it.each(CASES.map((c) => [c.name, c] as const))('%s', (_n, c) => {
      const prefix = `${fileOf(c)}:`;
      const mine = lines.filter((l) => l.startsWith(prefix)).map((l) => l.slice(prefix.length - 1));
      expect(mine).toHaveLength(c.lines.length);
      c.lines.forEach((re, i) => expect(mine[i]).toMatch(re));
    });
  });

  // The classes that once hung, flooded or crashed synth, each alone: exit 1 at once with one line.
  it.each(['dev-zero', 'fifo', 'directory', 'huge-file', 'deep-flow-nesting', 'utf16-le', 'binary'])(
    '%s alone: exit 1, one clear line, the previous output untouched',
    (name) => {
      const c = CASES.find((x) => x.name === name)!;
      const dir = configFixture();
      plant(dir, c);
      expectOneError(dir, new RegExp(`^${fileOf(c)}${c.lines[0]!.source.replace(/^\^/, '')}`));
    },
  );

  it('an --env name from the command line is echoed escaped too', () => {
    const dir = configFixture();
    const r = synth(dir, ['--env', 'prod\nenvironments/x.yaml:1:1 forged']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^environments:1:1 no environment "prod\\nenvironments\/x\.yaml:1:1 forged"/);
    expect(r.stderr.split('\n')).toHaveLength(4);
  });
});

// Bounds of the folder as a whole, checked before any file is read (config/load.ts): one line naming the folder.
describe('a config folder over its bounds', () => {
  /** A file of `size` zero bytes that takes no disk. */
  const sparse = (path: string, size: number) => {
    writeFileSync(path, '');
    truncateSync(path, size);
  };

  it('more than 1,000 YAML files: the count and the bound', () => {
    const dir = configFixture();
    for (let i = 0; i < 1000; i++) writeFileSync(join(dir, 'environments', `e${i}.yaml`), named(`e${i}`));
    expectOneError(
      dir,
      /^environments:1:1 1011 YAML files with clouds\/; expected at most 1000 in one config folder$/,
    );
  });

  it('YAML files that add up to more than 32 MiB: the bytes and the bound', () => {
    const dir = configFixture();
    // Sparse files: each under the 1 MiB bound of one file, 34 MB together, none of it read.
    for (let i = 0; i < 34; i++) sparse(join(dir, 'environments', `big${i}.yaml`), 1_000_000);
    expectOneError(
      dir,
      /^environments:1:1 \d+ bytes of YAML with clouds\/; expected at most 33554432 bytes \(32 MiB\)/,
    );
  });

  it('a 3 GB file that is not YAML is not config: synth runs, and nothing reads it whole', () => {
    const dir = configFixture();
    sparse(join(dir, 'environments', 'blob.bin'), 3 * 1024 ** 3);
    const r = synth(dir, ['--env', 'dev-public']);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Synthesized 2 stacks for 1 environment/);
  });

  it.each([
    ['--config', '/dev/zero'],
    ['--config', 'fifo'],
    ['--out', '/dev/zero'],
  ])('%s %s: one line at once, no hang (the reuse check never reads a device or FIFO)', (flag, target) => {
    const dir = configFixture();
    if (target === 'fifo') spawnSync('mkfifo', [join(dir, 'fifo')]);
    const r = synth(dir, [flag, target]);
    expect(r.signal).toBeNull(); // spawnSync's 30 s timeout would kill a hang
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.stderr).toMatch(
      flag === '--out'
        ? /^synth: \/dev\/zero is a file; the output must be a directory \(nothing was written\)$/m
        : /:1:1 not a folder; expected the folder of the environment files and clouds\/ \(--config\)$/m,
    );
  });
});
