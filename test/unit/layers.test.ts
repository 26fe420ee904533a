/** The layer rule (eslint.config.mjs LAYERS, eslint-plugin-boundaries): an import that points up fails lint. */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const REPO = join(__dirname, '..', '..');

const UP: [file: string, code: string, from: string, to: string][] = [
  [
    'model/planted.ts',
    "import { Footprint } from '../stacks/footprint';\nexport const x = Footprint;\n",
    'model',
    'stacks',
  ],
  [
    'constructs/planted.ts',
    "import type { Environment } from '../config/environment';\nexport type X = Environment;\n",
    'constructs',
    'config',
  ],
  [
    'policy/planted.ts',
    "import { GlobalStack } from '../stacks/global-stack';\nexport const x = GlobalStack;\n",
    'policy',
    'stacks',
  ],
  [
    'lib/planted.ts',
    "import { parseCidr } from '../model/cidr';\nexport const x = parseCidr;\n",
    'lib',
    'model',
  ],
  [
    'tools/planted.ts',
    "import { Cosmos } from '../constructs/cosmos';\nexport const x = Cosmos;\n",
    'tools',
    'constructs',
  ],
  [
    'contract/planted.ts',
    "import type { Environment } from '../config/environment';\nexport type X = Environment;\n",
    'contract',
    'config',
  ],
];
const DOWN: [file: string, code: string][] = [
  ['constructs/planted.ts', "import { parseCidr } from '../model/cidr';\nexport const x = parseCidr;\n"],
  ['stacks/planted.ts', "import { Cosmos } from '../constructs/cosmos';\nexport const x = Cosmos;\n"],
  [
    'tools/planted.ts',
    "import { readSynthOutput } from '../contract/out';\nexport const x = readSynthOutput;\n",
  ],
];
const OUTSIDE = ['newroom/planted.ts', 'export const x = 1;\n'] as const;

let results: { ruleId: string | null; message: string }[][];

beforeAll(() => {
  // One eslint process for every snippet: jest cannot load the ESM config in process, and eslint starts slowly.
  const snippets = [...UP, ...DOWN, OUTSIDE].map(([filePath, code]) => ({ filePath, code }));
  const json = execFileSync(
    process.execPath,
    [join(REPO, 'test/helpers/lint-snippets.mjs'), JSON.stringify(snippets)],
    {
      cwd: REPO,
      encoding: 'utf8',
    },
  );
  results = JSON.parse(json);
});

const layerErrors = (i: number) =>
  results[i]!.filter((m) => m.ruleId?.startsWith('boundaries/')).map((m) => m.message);

describe('layers: imports only point down', () => {
  it.each(UP.map((u, i) => [...u, i] as const))('%s importing upward fails', (_file, _code, from, to, i) => {
    expect(layerErrors(i)).toEqual([
      `a ${from} file may not import ${to}: imports only point down (eslint.config.mjs LAYERS)`,
    ]);
  });

  it.each(DOWN.map((d, i) => [...d, UP.length + i] as const))('%s importing downward passes', (_f, _c, i) => {
    expect(layerErrors(i)).toEqual([]);
  });

  it('a file outside every layer is an error, so a new top-level folder must be placed', () => {
    expect(layerErrors(UP.length + DOWN.length)).toEqual([
      expect.stringMatching(/does not belong to any known element/),
    ]);
  });
});
