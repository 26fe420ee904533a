/** simulate() on hand-built models: what serves after a loss, and each floor that fails. */
import type { EnvironmentModel, StampModel } from '../../tools/resilience/model';
import { scenariosFor, simulate, type Scenario } from '../../tools/resilience/simulate';
import { ALL_ZONES, envModel as fx, healthy, originGroup, pool, stamp } from '../helpers/resilience-model';

/** `fx` with each stamp's ingress IP in `ingressZones`. */
const envModel = (stamps: StampModel[], ingressZones = ALL_ZONES): EnvironmentModel =>
  fx(stamps, { originGroups: [originGroup(stamps, { ingressZones })] });

const zone1: Scenario = { id: 'zone:eastus2:1', kind: 'zone', label: 'zone 1', region: 'eastus2', zone: '1' };

describe('simulate', () => {
  it('a stamp with workload nodes but no system node left does not serve', () => {
    const m = envModel([
      stamp('eastus2', [pool('system', 'System', ['1'], 1), pool('apps', 'User', ['1', '2', '3'], 6)]),
    ]);
    const r = simulate(m, zone1);
    expect(r.stamps[0]!.serving).toBe(false);
    expect(r.groups[0]!.servingStamps).toEqual([]);
    expect(r.failures).toEqual([
      'g/origins: 0 serving stamp(s), 1 required',
      's/system: 0 node(s) left, floor 2',
    ]);
  });

  it('a stamp below its node floor fails even while it serves', () => {
    const m = envModel([
      stamp('eastus2', [
        pool('system', 'System', ['1', '2', '3'], 3),
        pool('apps', 'User', ['1', '2', '3'], 2),
      ]),
    ]);
    const r = simulate(m, zone1);
    expect(r.stamps[0]).toMatchObject({ serving: true, nodes: 3, floor: 4 });
    expect(r.failures).toEqual(['eastus2: 3 node(s) left, floor 4', 's/apps: 1 node(s) left, floor 2']);
    expect(r.pass).toBe(false);
  });

  it('passes when every floor holds', () => {
    const r = simulate(envModel([stamp('eastus2', healthy())]), zone1);
    expect(r.failures).toEqual([]);
    expect(r.pass).toBe(true);
    expect(r.minNodesLeft).toBe(6);
  });

  it('an ingress IP in 2 zones survives the loss of one of them; in 1 zone it does not', () => {
    expect(simulate(envModel([stamp('eastus2', healthy())], ['1', '2']), zone1).groups[0]!.serving).toBe(1);
    expect(simulate(envModel([stamp('eastus2', healthy())], ['1']), zone1).groups[0]!.serving).toBe(0);
    expect(simulate(envModel([stamp('eastus2', healthy())], ['2']), zone1).groups[0]!.serving).toBe(1);
  });

  it('does not check the floors of a lost stamp', () => {
    const m = envModel([stamp('eastus2', healthy()), stamp('centralus', healthy())]);
    const r = simulate(m, {
      id: 'region:eastus2',
      kind: 'region',
      label: 'region eastus2',
      region: 'eastus2',
    });
    expect(r.stamps.map((s) => [s.region, s.lost, s.nodes])).toEqual([
      ['eastus2', true, 0],
      ['centralus', false, 9],
    ]);
    expect(r.failures).toEqual([]);
    expect(r.minNodesLeft).toBe(9);
  });

  describe('scale units', () => {
    const twoUnits = () =>
      envModel([
        stamp('eastus2', healthy(), { unit: 1, units: 2 }),
        stamp('eastus2', healthy(), { unit: 2, units: 2 }),
        stamp('centralus', healthy()),
      ]);

    it('has one zone loss per region (it hits every unit), a unit loss per unit of a multi-unit region', () => {
      const ids = scenariosFor(twoUnits()).map((sc) => sc.id);
      expect(ids.filter((id) => id.startsWith('zone:eastus2:'))).toEqual([
        'zone:eastus2:1',
        'zone:eastus2:2',
        'zone:eastus2:3',
      ]);
      expect(ids.filter((id) => id.startsWith('unit:'))).toEqual(['unit:fx-eastus2', 'unit:fx-eastus2-u2']);
      expect(ids.filter((id) => id.startsWith('region:'))).toEqual(['region:eastus2', 'region:centralus']);
    });

    it('a unit loss takes that unit only; a region loss takes all of its units', () => {
      const m = twoUnits();
      const [unit2] = scenariosFor(m).filter((sc) => sc.id === 'unit:fx-eastus2-u2');
      const u = simulate(m, unit2!);
      expect(u.stamps.map((s) => [s.id, s.lost])).toEqual([
        ['eastus2', false],
        ['eastus2-u2', true],
        ['centralus', false],
      ]);
      expect(u.groups[0]).toMatchObject({ total: 3, serving: 2 });
      const r = simulate(m, { id: 'region:eastus2', kind: 'region', label: 'r', region: 'eastus2' });
      expect(r.stamps.filter((s) => s.lost).map((s) => s.id)).toEqual(['eastus2', 'eastus2-u2']);
      expect(r.groups[0]).toMatchObject({ serving: 1, servingStamps: ['centralus'] });
    });

    it('a zone loss lowers every unit of the region', () => {
      const r = simulate(twoUnits(), zone1);
      expect(r.stamps.map((s) => [s.id, s.nodes])).toEqual([
        ['eastus2', 6],
        ['eastus2-u2', 6],
        ['centralus', 9],
      ]);
    });
  });
});
