/** The workbook scales to any number of stamps: a 3-stamp and a 2-stamp environment differ only by their stamps. */
import { TerraformStack, Testing } from 'cdktf';
import { deterministicUuid, healthTileName, STAMP_PARAMETER } from '../../constructs/dashboard';
import type { Environment } from '../../config/environment';
import { addGlobalObservability } from '../../stacks/observability';
import { configFixture } from '../helpers/fixture';
import { loadFrom, shippedEnvironment } from '../helpers/load';

interface Item {
  name: string;
  content: {
    parameters?: { name: string; jsonData?: string; value?: unknown }[];
    title?: string;
    query?: string;
    crossComponentResources?: string[];
    gridSettings?: { formatters: { columnMatch: string; formatter: number }[] };
  };
}
interface Workbook {
  items: Item[];
}

function workbook(env: Environment): { resource: Record<string, unknown>; content: Workbook } {
  const stack = new TerraformStack(Testing.app(), 'global');
  addGlobalObservability(stack, env, {
    resourceGroupName: 'rg-global',
    cosmosAccountId: 'cosmos-id',
    frontDoorProfileId: 'afd-id',
    trafficManagerProfileId: 'tm-id',
    globalWorkspaceId: 'global-workspace-id',
    globalHostName: 'entry.example.test',
  });
  const json = JSON.parse(Testing.synth(stack)) as {
    resource: Record<string, Record<string, Record<string, unknown>>>;
  };
  const resource = Object.values(json.resource.azurerm_application_insights_workbook!)[0]!;
  return { resource, content: JSON.parse(resource.data_json as string) as Workbook };
}

const healthTiles = (w: Workbook) => w.items.filter((i) => /^health-\d+$/.test(i.name));

/** The workbook with the stamp list and the per-stamp health tiles taken out. */
function withoutStamps(w: Workbook): Workbook {
  const copy = JSON.parse(JSON.stringify(w)) as Workbook;
  copy.items = copy.items.filter((i) => !/^health-\d+$/.test(i.name));
  for (const item of copy.items)
    for (const p of item.content.parameters ?? [])
      if (p.name === STAMP_PARAMETER) {
        delete p.jsonData;
        delete p.value;
      }
  return copy;
}

describe('live-site workbook', () => {
  const three = shippedEnvironment('prod-public');
  const twoDir = configFixture([
    { file: 'prod-public.yaml', from: /  - name: centralus\n(    .*\n)+/, to: '' },
    { file: 'prod-public.yaml', from: /\ncapacity:\n(  .*\n)+/, to: '\n' },
  ]);
  const two = loadFrom(twoDir).environments.find((e) => e.name === 'prod-public')!;

  it('differs between 4 stamps (centralus has 2 scale units) and 2 only in the stamp list', () => {
    expect(three.stamps).toHaveLength(4);
    expect(two.stamps).toHaveLength(2);
    const a = workbook(three);
    const b = workbook(two);
    expect(JSON.stringify(a.content)).not.toEqual(JSON.stringify(b.content));
    expect(withoutStamps(a.content)).toEqual(withoutStamps(b.content));
    const { data_json: _a, ...restA } = a.resource;
    const { data_json: _b, ...restB } = b.resource;
    expect(restA).toEqual(restB);
    const stamps = (w: Workbook) =>
      JSON.parse(
        w.items.flatMap((i) => i.content.parameters ?? []).find((p) => p.name === STAMP_PARAMETER)!.jsonData!,
      ) as { label: string; value: string }[];
    expect(stamps(a.content).map((s) => s.label)).toEqual([
      'East US 2',
      'West US 3',
      'Central US',
      'Central US u2',
    ]);
    expect(stamps(b.content).map((s) => s.label)).toEqual(['East US 2', 'West US 3']);
    expect(stamps(a.content)[0]!.value).toMatch(
      /\/providers\/Microsoft\.OperationalInsights\/workspaces\/log-fp-prdpub-eus2$/,
    );
  });

  it.each([
    ['3', three],
    ['2', two],
  ])(
    "shows the health score of each of %s stamps, from that stamp's workspace, with runbook links",
    (_n, env) => {
      const tiles = healthTiles(workbook(env).content);
      expect(tiles.map((t) => t.name)).toEqual(env.stamps.map((_s, i) => healthTileName(i)));
      tiles.forEach((t, i) => {
        expect(t.content.title).toBe(`Health: ${env.stamps[i]!.displayName}`);
        expect(t.content.query).toBe('StampHealthScore()');
        expect(t.content.crossComponentResources).toHaveLength(1);
        expect(t.content.crossComponentResources![0]).toMatch(
          new RegExp(`/workspaces/log-fp-prdpub-${env.stamps[i]!.code}$`),
        );
        const formatters = t.content.gridSettings!.formatters;
        expect(formatters.find((f) => f.columnMatch === 'Runbook')!.formatter).toBe(7);
        expect(formatters.find((f) => f.columnMatch === 'State')!.formatter).toBe(18);
      });
      // Each stamp's own workspace, never the same twice.
      expect(new Set(tiles.map((t) => t.content.crossComponentResources![0])).size).toBe(env.stamps.length);
    },
  );

  it('loads its query text from monitoring/queries', () => {
    const text = JSON.stringify(workbook(three).content);
    expect(text).toContain('OriginHealthPercentage');
    expect(text).toContain('CDBDataPlaneRequests');
    expect(text).toContain('KubeNodeInventory');
    expect(text).toContain(`{${STAMP_PARAMETER}}`);
  });

  it('shows Traffic Manager tiles where Front Door is not the entry', () => {
    const text = JSON.stringify(workbook(shippedEnvironment('prod-ussec')).content);
    expect(text).toContain('ProbeAgentCurrentEndpointStateByProfileResourceId');
    expect(text).not.toContain('FrontDoorAccessLog');
  });

  it('names the workbook with a stable GUID', () => {
    expect(deterministicUuid('x')).toBe(deterministicUuid('x'));
    expect(deterministicUuid('x')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(deterministicUuid('x')).not.toBe(deterministicUuid('y'));
  });
});
