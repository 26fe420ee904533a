/**
 * Every node pool of every shipped stack can change VM size (or any other property that cycles a pool) in
 * place: azurerm 4.55 refuses such an update at apply unless the pool names a temporary pool for the rotation.
 */
import { CYCLE_NODE_POOL_PROPERTIES, POOL_NAME_PATTERN } from '../../model/node-pool-rotation';
import { SHIPPED_ENVIRONMENTS, resourcesOf, synthEnv } from '../helpers/synth-env';

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

it('vm_size is one of the properties that cycle a pool', () => {
  expect(CYCLE_NODE_POOL_PROPERTIES).toContain('vm_size');
});

describe.each(SHIPPED_ENVIRONMENTS)('%s', (name) => {
  it('every pool sets a valid temporary_name_for_rotation, unique among the names of its cluster', () => {
    const s = synthEnv(name);
    let pools = 0;
    for (const stack of s.footprint.stamps) {
      const json = s.stacks[stack.node.id]!;
      const clusters = resourcesOf(json, 'azurerm_kubernetes_cluster') as Body[];
      expect(clusters).toHaveLength(1);
      const system = clusters[0]!.default_node_pool as Body;
      const user = resourcesOf(json, 'azurerm_kubernetes_cluster_node_pool') as Body[];
      expect(user.length).toBeGreaterThan(0);
      const all = [system, ...user];
      const names = all.flatMap((p) => [p.name, p.temporary_name_for_rotation]);
      for (const p of all) expect(p.temporary_name_for_rotation).toMatch(POOL_NAME_PATTERN);
      expect(new Set(names).size).toBe(names.length);
      pools += all.length;
    }
    expect(pools).toBeGreaterThan(0);
  });
});
