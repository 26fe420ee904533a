/**
 * Writes JSON Schema for both data file kinds from the zod schemas, so editors complete and check the YAML
 * files (each file names its schema in a `yaml-language-server` comment and a `$schema` field is allowed).
 * `npm run schema` regenerates; a test fails when the committed files are stale.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { cloudSchema } from './cloud';
import { environmentSchema } from './environment';
import { writeFileAtomic } from '../../lib/atomic-file';
import { EXIT, parseCli, runCli } from '../../lib/cli';

export function jsonSchemas(): Record<string, string> {
  const render = (schema: z.ZodType, title: string) =>
    `${JSON.stringify({ title, ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) }, null, 2)}\n`;
  return {
    'cloud.schema.json': render(cloudSchema, 'footprint cloud profile'),
    'environment.schema.json': render(environmentSchema, 'footprint environment'),
  };
}

const USAGE = `Usage: npm run schema [-- --check]

Writes environments/schema/cloud.schema.json and environment.schema.json from the zod schemas, so editors
complete and check the data files. Run it after changing config/schema/*.ts.

Options:
  --check      write nothing; exit 1 when a committed schema file is stale
  -h, --help   this help

Exit codes: 0 written (or up to date with --check), 1 stale with --check, 2 usage error.
`;

function main(): number {
  const { values } = parseCli(process.argv.slice(2), {
    check: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return EXIT.ok;
  }
  const dir = join(process.cwd(), 'environments', 'schema');
  let stale = 0;
  for (const [file, text] of Object.entries(jsonSchemas())) {
    const path = join(dir, file);
    if (values.check) {
      const current = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
      if (current !== text) {
        stale++;
        process.stderr.write(`schema: environments/schema/${file} is stale: run \`npm run schema\`\n`);
      }
      continue;
    }
    writeFileAtomic(path, text);
    process.stdout.write(`wrote environments/schema/${file}\n`);
  }
  return stale ? EXIT.findings : EXIT.ok;
}

if (require.main === module) runCli('schema', USAGE, main);
