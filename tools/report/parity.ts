/**
 * The cloud parity matrix: each capability × cloud, on, off with the reason, or the fallback used, from the
 * feature decisions in footprint.json, plus customer-managed keys (`encryption`). Where environments of one
 * cloud decide differently, the cell says which.
 */
import type { EnvironmentSummary, FootprintManifest } from '../../contract/footprint';
import { mdCell } from '../../lib/markdown';

interface Decision {
  readonly outcome?: string;
  readonly fallback?: string;
  readonly reason?: string;
}

export interface ParityTable {
  readonly clouds: { readonly id: string; readonly name: string }[];
  readonly rows: { readonly feature: string; readonly cells: string[] }[];
  /** Footnotes: reasons, numbered in order of first use. */
  readonly notes: string[];
}

export function parityTable(fp: FootprintManifest, envs: readonly EnvironmentSummary[]): ParityTable {
  const cloudIds = [...new Set(envs.map((e) => e.cloud))].sort();
  const clouds = cloudIds.map((id) => ({ id, name: fp.clouds[id]?.displayName ?? id }));
  const features: string[] = [];
  for (const e of envs)
    for (const f of Object.keys(e.features ?? {})) if (!features.includes(f)) features.push(f);
  const notes: string[] = [];
  const note = (reason: string | undefined) => {
    if (!reason) return '';
    let i = notes.indexOf(reason);
    if (i < 0) i = notes.push(reason) - 1;
    return ` [${i + 1}]`;
  };
  const label = (d: Decision | undefined) => {
    if (!d) return '–';
    if (d.outcome === 'on') return `✅ on${note(d.reason)}`;
    if (d.outcome === 'fallback') return `↪️ ${d.fallback ?? 'fallback'}${note(d.reason)}`;
    return `❌ off${note(d.reason)}`;
  };
  // One cell per cloud: the label when all its environments agree, else one line per environment.
  const row = (feature: string, cellOf: (e: EnvironmentSummary) => string) => ({
    feature,
    cells: cloudIds.map((cloud) => {
      const inCloud = envs.filter((e) => e.cloud === cloud).sort((a, b) => a.name.localeCompare(b.name));
      const labels = inCloud.map(cellOf);
      if (new Set(labels).size <= 1) return labels[0] ?? '–';
      return inCloud.map((e, i) => `${e.name}: ${labels[i]}`).join('<br>');
    }),
  });
  const rows = features.map((feature) =>
    row(feature, (e) => label(e.features?.[feature] as Decision | undefined)),
  );
  if (envs.some((e) => e.encryption))
    rows.push(row('customerManagedKeys', (e) => label(encryptionDecision(e))));
  if (envs.some((e) => e.liveSite)) rows.push(row('outside-in signal', outsideInLabel));
  return { clouds, rows, notes };
}

const SIGNAL_LABEL: Record<string, string> = {
  availabilityTests: 'availability tests',
  frontDoorProbes: 'Front Door health probes',
  trafficManagerProbes: 'Traffic Manager health probes',
};

/** Which outside-in signal (and alert) an environment uses; `–` for trees without it. */
function outsideInLabel(e: EnvironmentSummary): string {
  const o = e.liveSite?.outsideIn;
  return o ? `${SIGNAL_LABEL[o.signal] ?? o.signal} (alert ${o.alert})` : '–';
}

/** Customer-managed keys as a decision: on (RSA-HSM or software RSA) or off, and who decided. */
function encryptionDecision(e: EnvironmentSummary): Decision | undefined {
  const enc = e.encryption;
  if (!enc) return undefined;
  const by =
    enc.source === 'environment'
      ? 'environment sets encryption.customerManagedKeys'
      : 'cloud default for its tier';
  return enc.customerManagedKeys
    ? { outcome: 'on', reason: `${enc.hsmKeys ? 'RSA-HSM keys, Premium vault' : 'software RSA keys'}; ${by}` }
    : { outcome: 'off', reason: `Microsoft-managed keys; ${by}` };
}

export function renderParity(t: ParityTable): string[] {
  if (!t.rows.length) return ['No feature decisions in footprint.json.'];
  const out = [
    `| feature | ${t.clouds.map((c) => mdCell(c.name)).join(' | ')} |`,
    `|---|${t.clouds.map(() => '---').join('|')}|`,
    ...t.rows.map((r) => `| ${r.feature} | ${r.cells.join(' | ')} |`),
  ];
  if (t.notes.length) out.push('', ...t.notes.map((n, i) => `${i + 1}. ${mdCell(n)}`));
  return out;
}
