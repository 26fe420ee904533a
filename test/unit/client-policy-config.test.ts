/** An inconsistent `clientPolicy` fails loading at the line that causes it, with what was expected. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatError } from '../../config/errors';
import { configFixture, type Edit } from '../helpers/fixture';
import { loadFrom } from '../helpers/load';

/** Errors of the shipped config with `edits`, and a function giving the 1-based line of a text in a file. */
function load(edits: Edit[]) {
  const dir = configFixture(edits);
  const lineOf = (file: string, text: string) => {
    const lines = readFileSync(join(dir, 'environments', file), 'utf8').split('\n');
    const i = lines.findIndex((l) => l.includes(text));
    if (i < 0) throw new Error(`${text} not in ${file}`);
    return i + 1;
  };
  return { errors: loadFrom(dir).errors.map(formatError), lineOf };
}

describe('clientPolicy consistency errors', () => {
  it('the shipped environments are consistent', () => {
    expect(load([]).errors).toEqual([]);
  });

  it('retries that cannot fit the total timeout: at retry.maxRetries, with the most that fit', () => {
    const { errors, lineOf } = load([
      { file: 'prod-public.yaml', from: 'retry: { maxRetries: 3,', to: 'retry: { maxRetries: 5,' },
    ]);
    const line = lineOf('prod-public.yaml', 'maxRetries: 5');
    expect(errors).toEqual([
      expect.stringMatching(
        new RegExp(
          `^environments/prod-public\\.yaml:${line}:\\d+ clientPolicy\\.http\\.catalog\\.retry\\.maxRetries: catalog: 6 attempts × 2 s .* cannot fit the total timeout 20 s; expected at most 3 retries`,
        ),
      ),
    ]);
  });

  it('a total timeout above the edge: at the Front Door field the file sets, and at the dependency that sets its own', () => {
    const { errors, lineOf } = load([
      {
        file: 'prod-usgov.yaml',
        from: 'routing: activeActive',
        to: 'routing: activeActive\n  originResponseTimeoutSeconds: 24',
      },
    ]);
    const fd = lineOf('prod-usgov.yaml', 'originResponseTimeoutSeconds: 24');
    const identity = lineOf('prod-usgov.yaml', 'totalSeconds: 25');
    expect(errors).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^environments/prod-usgov\\.yaml:${fd}:\\d+ frontDoor\\.originResponseTimeoutSeconds: keyVault: total timeout 20 s \\+ margin 5 s exceeds the Front Door origin response timeout 24 s`,
        ),
      ),
    );
    expect(errors).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^environments/prod-usgov\\.yaml:${identity}:\\d+ clientPolicy\\.http\\.identity\\.timeouts\\.totalSeconds: identity: total timeout 25 s`,
        ),
      ),
    );
  });

  it('a breaker that outlasts the drain by more than the slack: at breakSeconds (Traffic Manager drain included)', () => {
    const { errors, lineOf } = load([
      { file: 'prod-public.yaml', from: 'breakSeconds: 10', to: 'breakSeconds: 91' },
      {
        file: 'prod-dod.yaml',
        from: 'globalEntry: trafficManager',
        to: 'globalEntry: trafficManager\nclientPolicy:\n  keyVault:\n    circuitBreaker: { breakSeconds: 191 }',
      },
    ]);
    expect(errors).toEqual([
      expect.stringMatching(
        new RegExp(
          `^environments/prod-dod\\.yaml:${lineOf('prod-dod.yaml', 'breakSeconds: 191')}:\\d+ clientPolicy\\.keyVault\\.circuitBreaker\\.breakSeconds: keyVault: break duration 191 s outlasts .*4 probes × 30 s \\+ 10 s probe timeout \\+ 30 s DNS TTL = 160 s.*expected breakSeconds <= 190$`,
        ),
      ),
      expect.stringMatching(
        new RegExp(
          `^environments/prod-public\\.yaml:${lineOf('prod-public.yaml', 'breakSeconds: 91')}:\\d+ clientPolicy\\.http\\.catalog\\.circuitBreaker\\.breakSeconds: catalog: break duration 91 s .*2 probes × 30 s = 60 s.*expected breakSeconds <= 90$`,
        ),
      ),
    ]);
  });

  it('a defaults field is blamed where it is written, once per dependency it breaks', () => {
    const { errors, lineOf } = load([
      {
        file: 'prod-dod.yaml',
        from: 'globalEntry: trafficManager',
        to: 'globalEntry: trafficManager\nclientPolicy:\n  defaults:\n    timeouts: { attemptSeconds: 10 }',
      },
    ]);
    const line = lineOf('prod-dod.yaml', 'attemptSeconds: 10');
    expect(errors.every((e) => e.startsWith(`environments/prod-dod.yaml:${line}:`))).toBe(true);
    expect(errors.map((e) => e.split(': ')[1])).toEqual(['cosmos', 'keyVault']);
  });

  it('Cosmos DB 429 waiting longer than an attempt: at rateLimited.maxWaitSeconds', () => {
    const { errors, lineOf } = load([
      { file: 'prod-usgov.yaml', from: 'maxWaitSeconds: 4', to: 'maxWaitSeconds: 8' },
    ]);
    expect(errors).toEqual([
      `environments/prod-usgov.yaml:${lineOf('prod-usgov.yaml', 'maxWaitSeconds: 8')}:36 clientPolicy.cosmos.rateLimited.maxWaitSeconds: cosmos: the Cosmos DB SDK may wait 8 s on 429s inside one attempt of 8 s: the attempt timeout cancels it first; expected maxWaitSeconds < attemptSeconds`,
    ]);
  });

  it('a stamp bulkhead above the stated capacity of its pools', () => {
    const { errors, lineOf } = load([
      {
        file: 'prod-public.yaml',
        from: 'concurrentRequestsPerNode: 200',
        to: 'concurrentRequestsPerNode: 109',
      },
    ]);
    expect(errors).toEqual([
      expect.stringMatching(
        new RegExp(
          `^environments/prod-public\\.yaml:${lineOf('prod-public.yaml', 'concurrentRequestsPerNode: 109')}:\\d+ clientPolicy\\.edge\\.bulkhead\\.maxConcurrency: a stamp admits 2000 \\+ 200 queued requests but its user pools serve at most 109 × 20 nodes = 2180$`,
        ),
      ),
    ]);
  });

  it('schema: a failure ratio of 1 and an unknown dependency field are rejected at the key', () => {
    const { errors } = load([
      { file: 'prod-public.yaml', from: 'failureRatio: 0.1', to: 'failureRatio: 1, retries: 2' },
    ]);
    expect(errors.join('\n')).toMatch(/clientPolicy\.http\.catalog\.circuitBreaker\.failureRatio: .*/);
    expect(errors.join('\n')).toMatch(/clientPolicy\.http\.catalog\.circuitBreaker\.retries: /);
  });
});
