/**
 * A Mermaid `flowchart LR` of one environment as synthesized: the global entry → the stamps (origins) → the
 * Cosmos DB regions they use, in failover order. Read from the Terraform JSON, so it shows what will be deployed;
 * a layer missing from the output is drawn as such, never guessed.
 */
import type { EnvironmentSummary } from '../../contract/footprint';
import { asList, type JsonObject, type StackJson } from '../../contract/out';

function label(s: string): string {
  return `"${s.replace(/"/g, '#quot;')}"`;
}

interface CosmosRegion {
  readonly location: string;
  readonly priority: number;
  readonly write: boolean;
}

function cosmosRegions(global: StackJson | undefined): CosmosRegion[] | undefined {
  const account = global?.resources.find((r) => r.type === 'azurerm_cosmosdb_account');
  if (!account) return undefined;
  const multi = account.attrs.multiple_write_locations_enabled === true;
  return asList(account.attrs.geo_location)
    .map((g: JsonObject, i) => ({
      location: String(g.location),
      priority: typeof g.failover_priority === 'number' ? g.failover_priority : i,
    }))
    .sort((a, b) => a.priority - b.priority)
    .map((g) => ({ ...g, write: multi || g.priority === 0 }));
}

function entries(env: EnvironmentSummary, global: StackJson | undefined): string[] {
  const out: string[] = [];
  for (const r of global?.resources ?? []) {
    if (r.type === 'azurerm_cdn_frontdoor_profile')
      out.push(`Front Door ${String(r.attrs.sku_name ?? '')}`.trim());
    if (r.type === 'azurerm_traffic_manager_profile') {
      out.push(`Traffic Manager (${String(r.attrs.traffic_routing_method ?? '?')})`);
    }
  }
  if (out.length) return out;
  return [`${env.globalEntry === 'frontDoor' ? 'Front Door' : 'Traffic Manager'} (not in the output)`];
}

export function topology(env: EnvironmentSummary, stacks: readonly StackJson[]): string[] {
  const global = stacks.find((s) => s.name === env.globalStack);
  const lines = ['```mermaid', 'flowchart LR'];
  const entryLabels = entries(env, global);
  entryLabels.forEach((l, i) => lines.push(`  e${i}[${label(l)}]`));
  lines.push('  subgraph stamps [stamps]');
  env.regions.forEach((r, i) => {
    const stack = stacks.find((s) => s.name === r.stack);
    const aks = stack?.resources.some((x) => x.type === 'azurerm_kubernetes_cluster') ? ' · AKS' : '';
    const n = stack?.resources.length ?? 0;
    const count = stack ? `${n} resource${n === 1 ? '' : 's'}` : 'not in the output';
    const unit = (r.unit ?? 1) > 1 ? ` unit ${r.unit}` : '';
    lines.push(
      `    s${i}[${label(`${r.region}${unit}${r.primary ? ' (primary)' : ''}<br/>${count}${aks}`)}]`,
    );
  });
  lines.push('  end');
  const cosmos = cosmosRegions(global);
  lines.push('  subgraph data [Cosmos DB]');
  if (cosmos?.length) {
    cosmos.forEach((c, i) =>
      lines.push(
        `    c${i}[(${label(`${c.location}<br/>priority ${c.priority}${c.write ? ' · write' : ' · read'}`)})]`,
      ),
    );
  } else {
    lines.push(`    c0[(${label(cosmos ? 'no regions' : 'not in the output')})]`);
  }
  lines.push('  end');
  entryLabels.forEach((_, i) => env.regions.forEach((_r, j) => lines.push(`  e${i} --> s${j}`)));
  env.regions.forEach((r, j) => {
    const local = cosmos?.findIndex((c) => c.location === r.region) ?? -1;
    lines.push(local >= 0 ? `  s${j} --> c${local}` : `  s${j} -.-> c0`);
  });
  lines.push('```');
  return lines;
}
