import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { jsonSchemas } from '../../config/schema/export';
import { REPO } from '../helpers/fixture';

describe('JSON Schema export', () => {
  it.each(Object.entries(jsonSchemas()))('%s is up to date (run `npm run schema`)', (file, text) => {
    expect(readFileSync(join(REPO, 'environments', 'schema', file), 'utf8')).toBe(text);
  });

  it('every data file names its schema for editors', () => {
    for (const f of ['dev-public', 'prod-usgov', 'clouds/usgov']) {
      expect(readFileSync(join(REPO, 'environments', `${f}.yaml`), 'utf8')).toMatch(
        /^# yaml-language-server: \$schema=/,
      );
    }
  });
});
