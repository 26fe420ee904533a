/**
 * Diagnostics everywhere, proven on what ships: synthesize every shipped environment as a user does, then walk
 * every resource of every stack and check that each one of a diagnosable type is the target of a diagnostic
 * setting in the same stack. Independent of the Aspect (it reads cdktf.out), so it also guards hand edits.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIAGNOSABLE_TYPES } from '../../constructs/diagnostics-aspect';
import { configFixture, runNode } from '../helpers/fixture';

type Resources = Record<string, Record<string, Record<string, unknown>>>;

describe('diagnostics coverage of the shipped stacks', () => {
  const dir = configFixture();
  const run = runNode('main.js', ['--quiet', '--out', 'out'], dir);
  const stacksDir = join(dir, 'out', 'stacks');

  it('synthesizes (the Aspect found no diagnosable resource without a setting)', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('has a setting targeting every diagnosable resource of every stack', () => {
    const stacks = readdirSync(stacksDir).sort();
    expect(stacks.length).toBeGreaterThan(0);
    const missing: string[] = [];
    const checked = new Set<string>();
    for (const stack of stacks) {
      const json = JSON.parse(readFileSync(join(stacksDir, stack, 'cdk.tf.json'), 'utf8')) as {
        resource?: Resources;
      };
      const resources = json.resource ?? {};
      const targets = Object.values(resources.azurerm_monitor_diagnostic_setting ?? {}).map((s) =>
        String(s.target_resource_id).toLowerCase(),
      );
      for (const [type, armType] of Object.entries(DIAGNOSABLE_TYPES)) {
        for (const [name, body] of Object.entries(resources[type] ?? {})) {
          checked.add(type);
          const ref = `\${${type}.${name}.id}`.toLowerCase();
          const byId = `/providers/${armType}/${String(body.name)}`.toLowerCase();
          const covered = targets.some(
            (t) => t === ref || t.startsWith(`${ref}/`) || t.endsWith(byId) || t.includes(`${byId}/`),
          );
          if (!covered) missing.push(`${stack}/${type}.${name}`);
        }
      }
    }
    expect(missing).toEqual([]);
    // The walk must not be vacuous: the shipped stacks hold these diagnosable types (listed here, independently
    // of the implementation's table), and each was checked.
    expect([...checked].sort()).toEqual(
      expect.arrayContaining([
        'azurerm_application_insights',
        'azurerm_cdn_frontdoor_profile',
        'azurerm_cosmosdb_account',
        'azurerm_key_vault',
        'azurerm_kubernetes_cluster',
        'azurerm_log_analytics_workspace',
        'azurerm_network_security_group',
        'azurerm_public_ip',
        'azurerm_storage_account',
        'azurerm_traffic_manager_profile',
        'azurerm_virtual_network',
      ]),
    );
  });
});
