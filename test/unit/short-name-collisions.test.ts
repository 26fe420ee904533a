/**
 * Short names across environments (config/cross-file-rules.ts checkAcrossEnvironments): the short name is part
 * of globally unique names, so two environments of one cloud and prefix must not share it.
 */
import { checkAcross, envText } from '../helpers/env-rules';

const REGION = 'regions:\n  - { name: eastus2, addressSpace: 10.10.0.0/20 }';
const env = (name: string, header: Record<string, string> = {}) =>
  [name, envText(REGION, { name, ...header })] as const;

describe('short names across environments', () => {
  it('rejects a derived short name used before, at name, naming the first file', () =>
    expect(checkAcross([env('dev-east'), env('prod'), env('deveast'), env('dev-ea-st')])).toEqual([
      'environments/deveast.yaml:1:7 name: short name "deveast" is already used by environments/dev-east.yaml in cloud public: set a distinct shortName',
      'environments/dev-ea-st.yaml:1:7 name: short name "deveast" is already used by environments/dev-east.yaml in cloud public: set a distinct shortName',
    ]));

  it("rejects a shortName equal to another environment's, at shortName", () =>
    expect(checkAcross([env('alpha'), env('beta', { shortName: 'alpha' })])).toEqual([
      'environments/beta.yaml:11:12 shortName: short name "alpha" is already used by environments/alpha.yaml in cloud public: set a distinct shortName',
    ]));

  it('cuts derived short names at 12 characters', () =>
    expect(checkAcross([env('abcdefghijkl-one'), env('abcdefghijkl-two')])).toEqual([
      'environments/abcdefghijkl-two.yaml:1:7 name: short name "abcdefghijkl" is already used by environments/abcdefghijkl-one.yaml in cloud public: set a distinct shortName',
    ]));

  it('accepts one short name in two clouds, or with two prefixes', () => {
    expect(checkAcross([env('alpha'), env('alpha-x', { shortName: 'alpha', cloud: 'usgov' })])).toEqual([]);
    expect(checkAcross([env('alpha'), env('alpha-x', { shortName: 'alpha', prefix: 'xy' })])).toEqual([]);
  });
});
