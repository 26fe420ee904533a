/** singlePointsOfFailure() on hand-built models: which cause is named, for which subject, with which message. */
import type { CosmosModel, EnvironmentModel, OriginModel } from '../../tools/resilience/model';
import { singlePointsOfFailure, type Spof } from '../../tools/resilience/spof';
import { envModel, group, healthy, origin, pool, stamp } from '../helpers/resilience-model';

/** Two healthy zonal stamps behind a probed group: no single point of failure of their own. */
const pair = () => [stamp('eastus2', healthy()), stamp('centralus', healthy())];

const spofs = (m: EnvironmentModel): Spof[] => singlePointsOfFailure(m);
const only = (m: EnvironmentModel, id: Spof['id']) => spofs(m).filter((s) => s.id === id);

describe('singlePointsOfFailure', () => {
  it('names nothing for two healthy zonal stamps behind a probed group', () => {
    expect(spofs(envModel(pair()))).toEqual([]);
  });

  describe('global entry', () => {
    it('names the global stack when there is no origin group or Traffic Manager profile', () => {
      expect(spofs(envModel(pair(), { originGroups: [] }))).toEqual([
        {
          id: 'SPOF_NO_GLOBAL_ENTRY',
          subject: 'fx-global',
          message: 'no Front Door origin group or Traffic Manager profile in fx-global',
        },
      ]);
    });

    it('a disabled origin does not count as a second target', () => {
      const [a, b] = pair();
      const m = envModel([a!, b!], { originGroups: [group([origin(a!), origin(b!, { enabled: false })])] });
      expect(spofs(m)).toEqual([
        {
          id: 'SPOF_SINGLE_ORIGIN',
          subject: 'g/origins',
          message: 'g/origins: every enabled origin (1) points at eastus2',
        },
      ]);
    });

    it('says so when no origin is enabled', () => {
      const [a, b] = pair();
      const off = { enabled: false };
      const m = envModel([a!, b!], { originGroups: [group([origin(a!, off), origin(b!, off)])] });
      expect(only(m, 'SPOF_SINGLE_ORIGIN').map((s) => s.message)).toEqual([
        'g/origins has no enabled origin',
      ]);
    });

    it('a group without origins or probe names "its origins" as staying in rotation', () => {
      const m = envModel(pair(), { originGroups: [group([], false)] });
      expect(only(m, 'SPOF_NO_PROBE')).toEqual([
        {
          id: 'SPOF_NO_PROBE',
          subject: 'g/origins',
          message: 'g/origins has no health probe: its origins stay in rotation when they fail',
        },
      ]);
    });
  });

  describe('stamps', () => {
    it('an environment without stamps reports no stamp count (there is none to lose)', () => {
      const floor = { minNodesPerPool: 2, minNodesPerStamp: 4, minServingStamps: 2 };
      const m = envModel([], { floor, originGroups: [] });
      expect(spofs(m).map((s) => s.id)).toEqual(['SPOF_NO_GLOBAL_ENTRY']);
    });

    it('a single stamp without zones is named, and a pool there is judged on its no-loss nodes', () => {
      const m = envModel([
        stamp('westcentralus', [pool('system', 'System', [], 3), pool('apps', 'User', [], 1)], {
          zonal: false,
          zoneIds: [],
        }),
      ]);
      expect(spofs(m)).toEqual([
        {
          id: 'SPOF_SINGLE_ORIGIN',
          subject: 'g/origins',
          message: 'g/origins: every enabled origin (1) points at westcentralus',
        },
        {
          id: 'SPOF_SINGLE_NONZONAL_STAMP',
          subject: 'westcentralus',
          message: 'fx-westcentralus is the only stamp, in westcentralus without availability zones',
        },
        {
          id: 'SPOF_POOL_BELOW_FLOOR',
          subject: 's/apps',
          message: 'pool apps in westcentralus keeps 1 node(s) (min 1 over no zone(s)), floor 2',
        },
      ]);
    });

    it('a pool without zones in an availability-zone region is ZONES_MISSING with "no zones"', () => {
      const m = envModel([
        stamp('eastus2', [...healthy(), pool('batch', 'User', [], 4)]),
        stamp('centralus', healthy()),
      ]);
      expect(spofs(m)).toEqual([
        {
          id: 'SPOF_ZONES_MISSING',
          subject: 's/batch',
          message: 'pool batch in eastus2 has no zones: one zone loss takes all its nodes',
        },
      ]);
    });

    it('a pool in one zone of an availability-zone region is ZONES_MISSING, naming the zone', () => {
      const m = envModel([
        stamp('eastus2', [...healthy(), pool('batch', 'User', ['2'], 4)]),
        stamp('centralus', healthy()),
      ]);
      expect(spofs(m).map((s) => s.message)).toEqual([
        'pool batch in eastus2 has only zone 2: one zone loss takes all its nodes',
      ]);
    });

    it('a stamp whose pools each hold their floor can still keep too few nodes in total', () => {
      const m = envModel(pair(), { floor: { minNodesPerPool: 2, minNodesPerStamp: 7, minServingStamps: 1 } });
      expect(spofs(m)).toEqual(
        ['centralus', 'eastus2'].map((r) => ({
          id: 'SPOF_STAMP_BELOW_FLOOR',
          subject: `fx-${r}`,
          message: `fx-${r} keeps 6 node(s) after its worst zone loss, floor 7`,
        })),
      );
    });

    it('a stamp with only a User pool has no system pool', () => {
      const m = envModel([
        stamp('eastus2', healthy()),
        stamp('centralus', [pool('apps', 'User', ['1', '2', '3'], 6)]),
      ]);
      expect(spofs(m)).toEqual([
        {
          id: 'SPOF_STAMP_BELOW_FLOOR',
          subject: 'fx-centralus',
          message: 'fx-centralus has no system pool or no pool that runs workloads',
        },
      ]);
    });

    it('a stamp whose only pool is System and reserved for critical add-ons runs no workloads', () => {
      const m = envModel([
        stamp('eastus2', healthy()),
        stamp('centralus', [pool('system', 'System', ['1', '2', '3'], 9, false)]),
      ]);
      expect(spofs(m).map((s) => [s.id, s.subject])).toEqual([['SPOF_STAMP_BELOW_FLOOR', 'fx-centralus']]);
    });

    it('a System pool that also runs workloads is enough for a stamp', () => {
      const m = envModel([
        stamp('eastus2', healthy()),
        stamp('centralus', [pool('system', 'System', ['1', '2', '3'], 9, true)]),
      ]);
      expect(spofs(m)).toEqual([]);
    });
  });

  describe('origin public IPs', () => {
    it('an IP without zones in an availability-zone region is ZONES_MISSING with "no zones"', () => {
      const [a, b] = pair();
      const bare = { ingress: { address: 'fx-centralus/ip', zones: [] } };
      const m = envModel([a!, b!], { originGroups: [group([origin(a!), origin(b!, bare)])] });
      expect(spofs(m)).toEqual([
        {
          id: 'SPOF_ZONES_MISSING',
          subject: 'fx-centralus/ip',
          message: "origin public IP in centralus has no zones: one zone loss takes the stamp's ingress",
        },
      ]);
    });

    it('an origin whose stamp declares no public IP is not judged on one', () => {
      const [a, b] = pair();
      const noIp: OriginModel = {
        address: 'g/b',
        target: 'cen.example.net',
        enabled: true,
        region: b!.region,
        stack: b!.stack,
      };
      const m = envModel([a!, b!], { originGroups: [group([origin(a!), noIp])] });
      expect(spofs(m)).toEqual([]);
    });
  });

  describe('Cosmos', () => {
    it('an account without geo_location is a single region with "no geo_location"', () => {
      const c: CosmosModel = {
        address: 'g/cosmos',
        locations: [],
        automaticFailover: true,
        multiWrite: false,
      };
      expect(spofs(envModel(pair(), { cosmos: [c] }))).toEqual([
        { id: 'SPOF_COSMOS_SINGLE_REGION', subject: 'g/cosmos', message: 'g/cosmos has no geo_location' },
      ]);
    });
  });
});
