/** scenariosFor() and simulate() on hand-built models: scenario ids and labels, Cosmos, ingress IPs, probes. */
import type { CosmosModel, EnvironmentModel, StampModel } from '../../tools/resilience/model';
import { scenariosFor, simulate, type Scenario } from '../../tools/resilience/simulate';
import * as fx from '../helpers/resilience-model';
import { cosmos } from '../helpers/resilience-model';

/** A healthy stamp whose region has zones 1 and 2. */
const stamp = (region: string, unit = 1, units = 1) =>
  fx.stamp(region, fx.healthy(), { unit, units, zoneIds: ['1', '2'] });

/** `fx` with these Cosmos accounts, each ingress IP in `ingressZones` and a probe unless `probed` is false. */
const envModel = (
  stamps: StampModel[],
  opts: { cosmos?: CosmosModel[]; ingressZones?: string[]; probed?: boolean } = {},
): EnvironmentModel =>
  fx.envModel(stamps, { cosmos: opts.cosmos ?? [], originGroups: [fx.originGroup(stamps, opts)] });

const byId = (m: EnvironmentModel, id: string): Scenario => {
  const sc = scenariosFor(m).find((s) => s.id === id);
  if (!sc) throw new Error(`no scenario ${id}`);
  return sc;
};

describe('scenariosFor', () => {
  it('lists baseline, zones, units, regions and the Cosmos write region with their labels', () => {
    const m = envModel([stamp('eastus2', 1, 2), stamp('eastus2', 2, 2)], { cosmos: [cosmos(['eastus2'])] });
    expect(scenariosFor(m)).toEqual([
      { id: 'baseline', kind: 'baseline', label: 'no loss' },
      { id: 'zone:eastus2:1', kind: 'zone', label: 'zone 1 of eastus2', region: 'eastus2', zone: '1' },
      { id: 'zone:eastus2:2', kind: 'zone', label: 'zone 2 of eastus2', region: 'eastus2', zone: '2' },
      { id: 'unit:fx-eastus2', kind: 'unit', label: 'unit eastus2', region: 'eastus2', stack: 'fx-eastus2' },
      {
        id: 'unit:fx-eastus2-u2',
        kind: 'unit',
        label: 'unit eastus2-u2',
        region: 'eastus2',
        stack: 'fx-eastus2-u2',
      },
      { id: 'region:eastus2', kind: 'region', label: 'region eastus2', region: 'eastus2' },
      {
        id: 'cosmos-write:eastus2',
        kind: 'cosmosWriteRegion',
        label: 'Cosmos write region eastus2',
        region: 'eastus2',
      },
    ]);
  });

  it('a Cosmos location without a stamp gets its own region loss, once', () => {
    const m = envModel([stamp('eastus2')], { cosmos: [cosmos(['eastus2', 'westus', 'westus'])] });
    expect(
      scenariosFor(m)
        .filter((sc) => sc.kind === 'region')
        .map((sc) => sc.id),
    ).toEqual(['region:eastus2', 'region:westus']);
  });

  it('an account without locations adds no write-region loss', () => {
    const m = envModel([stamp('eastus2')], { cosmos: [cosmos([])] });
    expect(scenariosFor(m).map((sc) => sc.id)).toEqual([
      'baseline',
      'zone:eastus2:1',
      'zone:eastus2:2',
      'region:eastus2',
    ]);
  });
});

describe('simulate', () => {
  it('an ingress IP without zones goes down with any zone of its region', () => {
    const m = envModel([stamp('eastus2')], { ingressZones: [] });
    const r = simulate(m, byId(m, 'zone:eastus2:2'));
    expect(r.groups[0]).toMatchObject({ serving: 0, servingStamps: [] });
    expect(r.failures).toEqual(['g/origins: 0 serving stamp(s), 1 required']);
  });

  it('a disabled origin does not serve, though its stamp runs', () => {
    const m = envModel([stamp('eastus2'), stamp('centralus')]);
    const origins = m.originGroups[0]!.origins;
    origins[1] = { ...origins[1]!, enabled: false };
    const r = simulate(m, byId(m, 'baseline'));
    expect(r.stamps.map((s) => s.serving)).toEqual([true, true]);
    expect(r.groups[0]).toMatchObject({ total: 2, serving: 1, servingStamps: ['eastus2'] });
  });

  it('a group without a health probe serves nothing, and the failure says why', () => {
    const m = envModel([stamp('eastus2')], { probed: false });
    const r = simulate(m, byId(m, 'baseline'));
    expect(r.groups[0]).toMatchObject({ probed: false, total: 1, serving: 0 });
    expect(r.failures).toEqual(['g/origins: 0 serving stamp(s), 1 required (no health probe)']);
  });

  it('a zone loss takes a Cosmos location that is not zone_redundant; a unit loss does not', () => {
    const m = envModel([stamp('eastus2', 1, 2), stamp('eastus2', 2, 2)], { cosmos: [cosmos(['eastus2'])] });
    const zone = simulate(m, byId(m, 'zone:eastus2:1'));
    expect(zone.cosmos).toEqual([
      { address: 'g/cosmos', readable: false, writable: false, writeRegions: [] },
    ]);
    expect(zone.failures).toEqual(['g/cosmos: no readable region']);
    const unit = simulate(m, byId(m, 'unit:fx-eastus2-u2'));
    expect(unit.cosmos).toEqual([
      { address: 'g/cosmos', readable: true, writable: true, writeRegions: ['eastus2'] },
    ]);
    expect(unit.stamps.map((s) => [s.id, s.lost])).toEqual([
      ['eastus2', false],
      ['eastus2-u2', true],
    ]);
  });

  it('a single-write account without automatic failover stays readable but not writable', () => {
    const m = envModel([stamp('eastus2'), stamp('centralus')], {
      cosmos: [cosmos(['eastus2', 'centralus'])],
    });
    const r = simulate(m, byId(m, 'cosmos-write:eastus2'));
    expect(r.cosmos).toEqual([{ address: 'g/cosmos', readable: true, writable: false, writeRegions: [] }]);
    expect(r.failures).toEqual(['g/cosmos: no writable region']);
  });
});
