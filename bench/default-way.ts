/**
 * The default cdktf template's way, on the same code: barrel imports of the provider and a type-checking
 * ts-node run. Builds a copy of the sources under .bench/default-way with every deep provider import
 * rewritten to the barrel, so the comparison differs in exactly those two things.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The provider's barrel module, which this variant imports on purpose (everywhere else it is forbidden). */
export const BARREL = '@cdktf/provider-azurerm';

/**
 * What the variant copies: every compiled source folder (the one list, in bin/build.js) but the bench itself,
 * plus the data the synth reads.
 */
function sources(repo: string): string[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- plain JS beside the sources, not compiled
  const { SOURCES } = require(join(repo, 'bin', 'build.js')) as { SOURCES: readonly string[] };
  const compiled = SOURCES.filter((s) => s !== 'bench');
  return ['main.ts', 'environments', ...compiled.filter((s) => s !== 'main.ts')];
}

function camel(dir: string): string {
  return dir.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** `import { A, B } from '@cdktf/provider-azurerm/lib/x-y'` → barrel import plus aliases (types and values). */
export function toBarrel(source: string): string {
  const lines: string[] = [];
  const ns = new Set<string>();
  const out = source.replace(
    /import \{([^}]+)\} from '@cdktf\/provider-azurerm\/lib\/([a-z0-9-]+)';/g,
    (_m, names: string, dir: string) => {
      const n = `${camel(dir)}`;
      ns.add(n);
      for (const raw of names.split(',')) {
        const name = raw.trim().replace(/^type\s+/, '');
        if (!name) continue;
        const [orig, alias] = name.split(/\s+as\s+/);
        lines.push(`import ${alias ?? orig} = ${n}.${orig};`);
      }
      return '';
    },
  );
  if (!ns.size) return source;
  return `import { ${[...ns].sort().join(', ')} } from '${BARREL}';\n${lines.join('\n')}\n${out}`;
}

function copyTree(src: string, dst: string): void {
  if (statSync(src).isDirectory()) {
    mkdirSync(dst, { recursive: true });
    for (const e of readdirSync(src)) copyTree(join(src, e), join(dst, e));
  } else if (src.endsWith('.ts')) {
    writeFileSync(dst, toBarrel(readFileSync(src, 'utf8')));
  } else {
    cpSync(src, dst);
  }
}

/** Prepares `<repo>/.bench/default-way` and returns its path (inside the repo so node_modules resolves). */
export function prepareDefaultWay(repo: string): string {
  const SOURCES = sources(repo);
  const dir = join(repo, '.bench', 'default-way');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const s of SOURCES) {
    try {
      copyTree(join(repo, s), join(dir, s));
    } catch {
      // folders a checkout does not have yet
    }
  }
  const tsconfig = JSON.parse(readFileSync(join(repo, 'tsconfig.json'), 'utf8')) as {
    compilerOptions: Record<string, unknown>;
  };
  // The template's tsconfig: type-checked emit, no isolatedModules (import aliases need it off).
  tsconfig.compilerOptions = { ...tsconfig.compilerOptions, isolatedModules: false, noEmit: false };
  (tsconfig as Record<string, unknown>).include = ['main.ts', ...SOURCES.slice(1).map((s) => `${s}/**/*.ts`)];
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
  return dir;
}
