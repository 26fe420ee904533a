/**
 * Retiring a region as an operator does it, with a stub terraform: drain (serving: false), remove it from the
 * file, synth keeps its stamp in retired/, the rollout refuses to destroy without --allow-destroy, destroys it
 * last with it, and the next synth forgets it. Terraform's working folder of the stamp is never lost on the way.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FootprintManifest } from '../../contract/footprint';
import { configFixture, runNode } from '../helpers/fixture';

const FILE = 'environments/prod-public.yaml';

describe('retiring westus3 from prod-public', () => {
  it('drain, remove, refuse without --allow-destroy, destroy last with it, forget after', () => {
    const dir = configFixture([], ['prod-public']);
    const yaml = join(dir, FILE);
    const shipped = readFileSync(yaml, 'utf8');
    const synth = () => runNode('main.js', ['--quiet'], dir);
    const rollout = (args: string[]) =>
      runNode('tools/rollout.js', ['--env', 'prod-public', ...args], dir, { STUB_LOG: log });
    const log = join(dir, 'calls.log');
    const stub = join(dir, 'stub-terraform');
    writeFileSync(stub, '#!/bin/sh\nprintf "%s\\n" "$*" >> "$STUB_LOG"\nexit 0\n');
    chmodSync(stub, 0o755);

    // 1. Drain: still in the file, serving false.
    writeFileSync(
      yaml,
      shipped.replace(
        '    addressSpace: 10.30.16.0/20\n',
        '    addressSpace: 10.30.16.0/20\n    serving: false\n',
      ),
    );
    expect(synth().code).toBe(0);
    const work = join(dir, 'cdktf.out', 'stacks', 'prod-public-westus3', '.terraform');
    mkdirSync(work);
    writeFileSync(join(work, 'terraform.tfstate'), '{"backend":"azurerm"}');

    // 2. Remove it from the file.
    writeFileSync(yaml, shipped.replace('  - name: westus3\n    addressSpace: 10.30.16.0/20\n', ''));
    const removed = runNode('main.js', [], dir);
    expect(removed.code).toBe(0);
    expect(removed.stderr).toContain(
      'warning prod-public: westus3 is no longer in the file: its stamp prod-public-westus3 is kept in retired/prod-public-westus3',
    );
    const retiredDir = join(dir, 'cdktf.out', 'retired', 'prod-public-westus3');
    expect(existsSync(join(retiredDir, 'cdk.tf.json'))).toBe(true);
    expect(readFileSync(join(retiredDir, '.terraform', 'terraform.tfstate'), 'utf8')).toBe(
      '{"backend":"azurerm"}',
    );
    const fp = JSON.parse(
      readFileSync(join(dir, 'cdktf.out', 'footprint.json'), 'utf8'),
    ) as FootprintManifest;
    expect(fp.environments['prod-public']!.retired).toEqual([
      {
        region: 'westus3',
        stack: 'prod-public-westus3',
        dir: 'retired/prod-public-westus3',
        servingBefore: false,
      },
    ]);

    // 3. The plan: global change first, destruction last, what it destroys with the stateful resources first.
    const plan = rollout([]);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toMatch(
      /wave 0 global +prod-public-global\n +note: removes the Front Door origin and the Cosmos DB region of westus3/,
    );
    expect(plan.stdout).toMatch(/wave \d destroy +prod-public-westus3\n +note: destroys prod-public-westus3/);
    const listing = plan.stdout.slice(plan.stdout.indexOf('Destroys prod-public-westus3'));
    expect(listing).toMatch(
      /^Destroys prod-public-westus3 \(prod-public, westus3\): \d+ resources, [1-9]\d* stateful\n {2}- \S+: loses /,
    );
    const lines = listing.trimEnd().split('\n').slice(1);
    const firstPlain = lines.findIndex((l) => !l.includes(': loses '));
    expect(lines.slice(firstPlain).every((l) => !l.includes(': loses '))).toBe(true);

    // 4. --execute without --allow-destroy runs nothing.
    const exec = ['--execute', '--skip-bake', '--engine', 'terraform', '--terraform-bin', stub];
    const refused = rollout(exec);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'rollout: refusing to run: the plan destroys prod-public-westus3 (listed above); name each with --allow-destroy prod-public-westus3',
    );
    expect(existsSync(log)).toBe(false);
    expect(rollout([...exec, '--allow-destroy', 'prod-public-eastus2']).code).toBe(2);

    // 5. With it: everything else first, then terraform destroy in retired/, then marked destroyed.
    const done = rollout([...exec, '--allow-destroy', 'prod-public-westus3']);
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    const calls = readFileSync(log, 'utf8').trimEnd().split('\n');
    expect(calls[0]).toBe('-chdir=cdktf.out/stacks/prod-public-global init -input=false');
    expect(calls.slice(-2)).toEqual([
      '-chdir=cdktf.out/retired/prod-public-westus3 init -input=false',
      '-chdir=cdktf.out/retired/prod-public-westus3 destroy -input=false -auto-approve',
    ]);
    expect(calls.filter((c) => c.includes('destroy'))).toHaveLength(1);
    expect(existsSync(join(retiredDir, 'DESTROYED'))).toBe(true);

    // 6. The next synth forgets it, working folder included.
    const again = synth();
    expect(again.code).toBe(0);
    expect(existsSync(retiredDir)).toBe(false);
    const next = JSON.parse(
      readFileSync(join(dir, 'cdktf.out', 'footprint.json'), 'utf8'),
    ) as FootprintManifest;
    expect(next.environments['prod-public']!.retired).toBeUndefined();
  });

  it('refuses to plan a region removed while still serving', () => {
    const dir = configFixture([], ['prod-public']);
    expect(runNode('main.js', ['--quiet'], dir).code).toBe(0);
    const yaml = join(dir, FILE);
    writeFileSync(
      yaml,
      readFileSync(yaml, 'utf8').replace('  - name: westus3\n    addressSpace: 10.30.16.0/20\n', ''),
    );
    const removed = runNode('main.js', [], dir);
    expect(removed.code).toBe(0);
    expect(removed.stderr).toMatch(/it was still serving: drain it first/);
    const r = runNode('tools/rollout.js', ['--env', 'prod-public'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'rollout: invalid plan: prod-public: westus3 was removed while still serving; drain first',
    );
  });
});
