/**
 * The live-site workbook of one environment. Its JSON is built from query text handed in by the stack layer
 * (monitoring/queries/dashboard/*.kql, diffable by reviewers) and is parameterized over the stamps: the only
 * stamp-specific part is the `StampWorkspaces` parameter, so a 2-stamp and a 3-stamp environment differ only
 * in that list and a new stamp needs no new tile.
 */
import { createHash } from 'node:crypto';
import { Construct } from 'constructs';
import { ApplicationInsightsWorkbook } from '@cdktf/provider-azurerm/lib/application-insights-workbook';

export interface DashboardStamp {
  /** Shown in the stamp picker, e.g. "East US 2". */
  readonly label: string;
  /** The stamp's Log Analytics workspace (AKS, Key Vault and App Insights telemetry of that stamp). */
  readonly workspaceId: string;
}

export interface DashboardTile {
  readonly id: string;
  readonly title: string;
  /** KQL text. */
  readonly query: string;
  /** `global`: runs on the global workspace; `stamps`: across the selected stamps' workspaces. */
  readonly scope: 'global' | 'stamps';
  readonly visualization: 'timechart' | 'barchart' | 'table' | 'tiles';
}

export interface WorkbookSpec {
  readonly title: string;
  readonly globalWorkspaceId: string;
  readonly stamps: readonly DashboardStamp[];
  readonly tiles: readonly DashboardTile[];
  /**
   * The health score of each stamp: one tile per stamp (from `stamps`, so a new stamp needs no code), calling
   * the function saved in that stamp's workspace; its `Runbook` column links each signal's runbook.
   * @default no health tiles
   */
  readonly health?: { readonly call: string };
}

export const STAMP_PARAMETER = 'StampWorkspaces';

/** Workbook grid formatters: 7 = link, 18 = thresholds (icons). */
const HEALTH_GRID = {
  formatters: [
    {
      columnMatch: 'State',
      formatter: 18,
      formatOptions: {
        thresholdsOptions: 'icons',
        thresholdsGrid: [
          { operator: '==', thresholdValue: 'green', representation: 'success', text: '{0}' },
          { operator: '==', thresholdValue: 'yellow', representation: 'warning', text: '{0}' },
          { operator: '==', thresholdValue: 'red', representation: 'critical', text: '{0}' },
          { operator: 'Default', text: '{0}' },
        ],
      },
    },
    { columnMatch: 'Runbook', formatter: 7, formatOptions: { linkTarget: 'Url', linkLabel: 'runbook' } },
  ],
};

/** `health-<n>`: one per stamp, in the stamps' order. */
export function healthTileName(index: number): string {
  return `health-${index + 1}`;
}

function healthItems(spec: WorkbookSpec): Record<string, unknown>[] {
  if (!spec.health) return [];
  const call = spec.health.call;
  return [
    {
      type: 1,
      name: 'health-intro',
      content: {
        json: `## Stamp health\nEach stamp scored by \`${call}\` in its own workspace: the worst signal decides (green, yellow, red). The deep health endpoint reads the same score before it answers the edge probe.`,
      },
    },
    ...spec.stamps.map((stamp, i) => ({
      type: 3,
      name: healthTileName(i),
      content: {
        version: 'KqlItem/1.0',
        title: `Health: ${stamp.label}`,
        query: call,
        size: 4,
        queryType: 0,
        resourceType: 'microsoft.operationalinsights/workspaces',
        crossComponentResources: [stamp.workspaceId],
        visualization: 'table',
        gridSettings: HEALTH_GRID,
      },
      customWidth: String(Math.max(25, Math.floor(100 / Math.min(spec.stamps.length, 4)))),
    })),
  ];
}

/** A stable UUID (workbook names must be GUIDs) derived from a seed, so the output stays deterministic. */
export function deterministicUuid(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Workbook content (Notebook/1.0) as a plain object. */
export function workbookContent(spec: WorkbookSpec): Record<string, unknown> {
  const stampOptions = spec.stamps.map((s) => ({ value: s.workspaceId, label: s.label, selected: true }));
  return {
    version: 'Notebook/1.0',
    items: [
      { type: 1, name: 'title', content: { json: `# ${spec.title}` } },
      {
        type: 9,
        name: 'parameters',
        content: {
          version: 'KqlParameterItem/1.0',
          parameters: [
            {
              id: 'time-range',
              version: 'KqlParameterItem/1.0',
              name: 'TimeRange',
              label: 'Time range',
              type: 4,
              isRequired: true,
              value: { durationMs: 3600000 },
              typeSettings: {
                selectableValues: [3600000, 14400000, 43200000, 86400000, 604800000].map((durationMs) => ({
                  durationMs,
                })),
              },
            },
            {
              id: 'stamps',
              version: 'KqlParameterItem/1.0',
              name: STAMP_PARAMETER,
              label: 'Stamps',
              type: 5,
              isRequired: true,
              multiSelect: true,
              quote: "'",
              delimiter: ',',
              typeSettings: {
                resourceTypeFilter: { 'microsoft.operationalinsights/workspaces': true },
                showDefault: false,
              },
              jsonData: JSON.stringify(stampOptions),
              value: stampOptions.map((o) => o.value),
            },
          ],
        },
      },
      ...healthItems(spec),
      ...spec.tiles.map((t) => ({
        type: 3,
        name: t.id,
        content: {
          version: 'KqlItem/1.0',
          title: t.title,
          query: t.query,
          size: 0,
          queryType: 0,
          timeContextFromParameter: 'TimeRange',
          resourceType: 'microsoft.operationalinsights/workspaces',
          crossComponentResources: t.scope === 'global' ? [spec.globalWorkspaceId] : [`{${STAMP_PARAMETER}}`],
          visualization: t.visualization,
        },
      })),
    ],
    fallbackResourceIds: [spec.globalWorkspaceId],
    $schema: 'https://github.com/Microsoft/Application-Insights-Workbooks/blob/master/schema/workbook.json',
  };
}

export interface DashboardProps extends WorkbookSpec {
  readonly resourceGroupName: string;
  readonly location: string;
  /** Seed of the workbook's GUID name (e.g. the environment name): stable across runs. */
  readonly seed: string;
}

export class Dashboard extends Construct {
  readonly workbook: ApplicationInsightsWorkbook;

  constructor(scope: Construct, id: string, props: DashboardProps) {
    super(scope, id);
    this.workbook = new ApplicationInsightsWorkbook(this, 'workbook', {
      name: deterministicUuid(`${props.seed}/live-site-workbook`),
      displayName: props.title,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      category: 'workbook',
      dataJson: JSON.stringify(workbookContent(props)),
    });
  }
}
