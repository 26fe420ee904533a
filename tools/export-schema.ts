/**
 * Writes JSON Schema for both data file kinds from the zod schemas, so editors complete and check the YAML
 * files (each file names its schema in a `yaml-language-server` comment and a `$schema` field is allowed).
 * `npm run schema` regenerates; a test fails when the committed files are stale.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { cloudSchema } from '../environments/schema/cloud';
import { environmentSchema } from '../environments/schema/environment';

export function jsonSchemas(): Record<string, string> {
  const render = (schema: z.ZodType, title: string) =>
    `${JSON.stringify({ title, ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) }, null, 2)}\n`;
  return {
    'cloud.schema.json': render(cloudSchema, 'footprint cloud profile'),
    'environment.schema.json': render(environmentSchema, 'footprint environment'),
  };
}

if (require.main === module) {
  const dir = join(process.cwd(), 'environments', 'schema');
  for (const [file, text] of Object.entries(jsonSchemas())) {
    writeFileSync(join(dir, file), text);
    process.stdout.write(`wrote environments/schema/${file}\n`);
  }
}
