/**
 * The checklist of everything a subscription must have before an environment's first deploy, from
 * footprint.json (`prerequisites` per stack) and the stacks' provider blocks: each item with the `az` command
 * that checks it and how its output is judged. Pure: contract in, checks out; run.ts executes them.
 */
import type { CloudSummary, EnvironmentSummary, StackPrerequisites } from '../../contract/footprint';
import type { SynthOutput } from '../../contract/out';
import { shellQuote } from '../../lib/shell';
import { LIMITS, TOTAL_REGIONAL_QUOTA, vcpuDemand } from '../../model/prerequisites';

export const GROUPS = [
  'resource providers',
  'features',
  'network watchers',
  'vCPU quota',
  'limits',
  'roles',
  'state storage',
] as const;
export type Group = (typeof GROUPS)[number];

export type Status = 'pass' | 'fail' | 'could-not-check';

export interface Verdict {
  readonly status: Status;
  readonly detail: string;
}

/** What an `az` call gave back. */
export interface AzResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface Check {
  readonly id: string;
  readonly group: Group;
  /** What must hold, in words. */
  readonly title: string;
  /** The az arguments (after `az`). */
  readonly args: readonly string[];
  /** The pass condition, in words (printed offline). */
  readonly expect: string;
  /** How to fix a failure (what bootstrap prints). */
  readonly fix?: readonly string[];
  readonly judge: (r: AzResult) => Verdict;
}

/** One az call of the setup; skipped when `unless` succeeds (a cloud already registered). */
export interface SetupStep {
  readonly args: readonly string[];
  readonly unless?: readonly string[];
}

/** Placeholder in a check's args for the signed-in identity (`az account show --query user.name`). */
export const ASSIGNEE = '{assignee}';
export const ASSIGNEE_ARGS = ['account', 'show', '--query', 'user.name', '--output', 'tsv'] as const;

export interface Checklist {
  readonly environment: string;
  readonly cloud: string;
  readonly azCloudName: string;
  readonly subscriptionId: string;
  /** az calls run first (select the cloud and subscription), in order. */
  readonly setup: readonly SetupStep[];
  readonly checks: readonly Check[];
  /** Facts the checklist could not cover offline (unknown VM sizes, trees without prerequisites). */
  readonly notes: readonly string[];
}

/** The command line as a user pastes it; the assignee placeholder becomes its own az call. */
export const azLine = (args: readonly string[]): string =>
  ['az', ...args]
    .map((a) => (a === ASSIGNEE ? `"$(${['az', ...ASSIGNEE_ARGS].join(' ')})"` : shellQuote(a)))
    .join(' ');

export const setupLine = (s: SetupStep): string =>
  s.unless ? `${azLine(s.unless)} 2>/dev/null || ${azLine(s.args)}` : azLine(s.args);

const failed = (r: AzResult): Verdict | undefined =>
  r.code === 0
    ? undefined
    : { status: 'could-not-check', detail: `az exited ${r.code}: ${firstLine(r.stderr) || 'no message'}` };
const firstLine = (s: string) => s.trim().split('\n')[0] ?? '';

function parseJson(r: AzResult): unknown {
  try {
    return JSON.parse(r.stdout);
  } catch {
    return undefined;
  }
}

/** Union of the environment's stacks' prerequisites, with the stacks that need each. */
function merged(prereqs: Record<string, StackPrerequisites>) {
  const providers = new Map<string, string[]>();
  const features = new Map<string, { namespace: string; name: string; reason: string; stacks: string[] }>();
  const watchers = new Map<
    string,
    { name: string; resourceGroup: string; region: string; stacks: string[] }
  >();
  const pools: (StackPrerequisites['pools'][number] & { stack: string })[] = [];
  const publicIps = new Map<string, number>();
  let cosmos = 0;
  let frontDoor = 0;
  let trafficManager = 0;
  for (const [stack, p] of Object.entries(prereqs)) {
    for (const ns of p.resourceProviders) providers.set(ns, [...(providers.get(ns) ?? []), stack]);
    for (const f of p.features) {
      const key = `${f.namespace}/${f.name}`;
      const row = features.get(key) ?? { ...f, stacks: [] };
      row.stacks.push(stack);
      features.set(key, row);
    }
    for (const w of p.networkWatchers) {
      const key = `${w.region}/${w.name}`;
      const row = watchers.get(key) ?? { ...w, stacks: [] };
      row.stacks.push(stack);
      watchers.set(key, row);
    }
    pools.push(...p.pools.map((x) => ({ ...x, stack })));
    for (const ip of p.publicIps) publicIps.set(ip.region, (publicIps.get(ip.region) ?? 0) + ip.count);
    cosmos += p.cosmosAccounts;
    frontDoor += p.frontDoorProfiles;
    trafficManager += p.trafficManagerProfiles;
  }
  return { providers, features, watchers, pools, publicIps, cosmos, frontDoor, trafficManager };
}

const stateWord = (s: string) => s.trim() || '(empty)';

export function checklist(env: EnvironmentSummary, cloud: CloudSummary, out: SynthOutput): Checklist {
  const notes: string[] = [];
  const prereqs = env.prerequisites ?? {};
  if (!env.prerequisites) notes.push('footprint.json has no prerequisites: run `npm run synth` again');
  const global = out.stacks.find((s) => s.name === env.globalStack);
  const provider = (global?.json.provider as { azurerm?: { subscription_id?: string }[] } | undefined)
    ?.azurerm?.[0];
  const subscriptionId =
    provider?.subscription_id ?? (env.state.backend === 'azurerm' ? env.state.subscriptionId : '');
  const setup: SetupStep[] = [];
  if (env.provider.metadataHost) {
    setup.push({
      args: [
        'cloud',
        'register',
        '--name',
        cloud.azCloudName,
        '--endpoint-resource-manager',
        `https://${env.provider.metadataHost}`,
      ],
      unless: ['cloud', 'show', '--name', cloud.azCloudName, '--output', 'none'],
    });
  }
  setup.push({ args: ['cloud', 'set', '--name', cloud.azCloudName] });
  if (subscriptionId) setup.push({ args: ['account', 'set', '--subscription', subscriptionId] });

  const m = merged(prereqs);
  const checks: Check[] = [];

  for (const [ns, stacks] of [...m.providers.entries()].sort(([a], [b]) =>
    a.toLowerCase().localeCompare(b.toLowerCase()),
  )) {
    checks.push({
      id: `provider:${ns}`,
      group: 'resource providers',
      title: `${ns} is registered (${stacks.length} stack${stacks.length === 1 ? '' : 's'})`,
      args: ['provider', 'show', '--namespace', ns, '--query', 'registrationState', '--output', 'tsv'],
      expect: 'Registered',
      fix: [azLine(['provider', 'register', '--namespace', ns, '--wait'])],
      judge(r) {
        if (r.code !== 0 && /not ?found|could not be found|InvalidResourceNamespace/i.test(r.stderr))
          return { status: 'fail', detail: `not offered in this cloud: ${firstLine(r.stderr)}` };
        const e = failed(r);
        if (e) return e;
        const state = stateWord(r.stdout);
        return state === 'Registered'
          ? { status: 'pass', detail: state }
          : {
              status: 'fail',
              detail: `${state}: register it (the stacks register only with */register/action rights)`,
            };
      },
    });
  }

  for (const f of m.features.values()) {
    checks.push({
      id: `feature:${f.namespace}/${f.name}`,
      group: 'features',
      title: `feature ${f.namespace}/${f.name} is registered (${f.reason})`,
      args: [
        'feature',
        'show',
        '--namespace',
        f.namespace,
        '--name',
        f.name,
        '--query',
        'properties.state',
        '--output',
        'tsv',
      ],
      expect: 'Registered',
      fix: [
        azLine(['feature', 'register', '--namespace', f.namespace, '--name', f.name]),
        // Registration takes minutes to hours; give up after an hour instead of hanging.
        [
          'for attempt in $(seq 1 120); do',
          `  [ "$(${azLine(['feature', 'show', '--namespace', f.namespace, '--name', f.name, '--query', 'properties.state', '--output', 'tsv'])})" = Registered ] && break`,
          `  if [ "$attempt" -eq 120 ]; then echo '${f.namespace}/${f.name} still not Registered after an hour' >&2; exit 1; fi`,
          '  sleep 30',
          'done',
        ].join('\n'),
        azLine(['provider', 'register', '--namespace', f.namespace, '--wait']),
      ],
      judge(r) {
        const e = failed(r);
        if (e) return e;
        const state = stateWord(r.stdout);
        return state === 'Registered' ? { status: 'pass', detail: state } : { status: 'fail', detail: state };
      },
    });
  }

  for (const w of m.watchers.values()) {
    checks.push({
      id: `network-watcher:${w.region}`,
      group: 'network watchers',
      title: `Network Watcher ${w.name} exists in ${w.resourceGroup} (${w.region}; flow logs of ${w.stacks.join(', ')})`,
      args: [
        'network',
        'watcher',
        'list',
        '--query',
        `[?location=='${w.region}'].{name:name,resourceGroup:resourceGroup}`,
        '--output',
        'json',
      ],
      expect: `[{"name": "${w.name}", "resourceGroup": "${w.resourceGroup}"}]`,
      fix: [
        azLine(['group', 'create', '--name', w.resourceGroup, '--location', w.region]),
        azLine([
          'network',
          'watcher',
          'configure',
          '--resource-group',
          w.resourceGroup,
          '--locations',
          w.region,
          '--enabled',
          'true',
        ]),
      ],
      judge(r) {
        const e = failed(r);
        if (e) return e;
        const list = parseJson(r);
        if (!Array.isArray(list))
          return { status: 'could-not-check', detail: 'az did not return a JSON list' };
        const found = list as { name?: string; resourceGroup?: string }[];
        const same = (a?: string, b?: string) => (a ?? '').toLowerCase() === (b ?? '').toLowerCase();
        if (found.some((x) => same(x.name, w.name) && same(x.resourceGroup, w.resourceGroup)))
          return { status: 'pass', detail: `${w.name} in ${w.resourceGroup}` };
        if (found.length)
          return {
            status: 'fail',
            detail: `the region's watcher is ${found.map((x) => `${x.name} in ${x.resourceGroup}`).join(', ')} (one per region): name it in FlowLogProps.networkWatcherName/ResourceGroup`,
          };
        return { status: 'fail', detail: `no Network Watcher in ${w.region}` };
      },
    });
  }

  for (const d of vcpuDemand(m.pools)) {
    if (d.family.startsWith('unknown:')) {
      notes.push(
        `VM size ${d.family.slice(8)} (${d.pools.join(', ')}) is not in model/data/vm-sizes.json: its vCPU quota is not checked`,
      );
      continue;
    }
    checks.push({
      id: `quota:${d.region}:${d.family}`,
      group: 'vCPU quota',
      title: `${d.family === TOTAL_REGIONAL_QUOTA ? 'total regional vCPUs' : d.family} in ${d.region}: ${d.vcpus} free for ${d.pools.join(' + ')}`,
      args: ['vm', 'list-usage', '--location', d.region, '--output', 'json'],
      expect: `"${d.family}": limit - currentValue >= ${d.vcpus}`,
      fix: [
        `# request a quota increase for ${d.family} in ${d.region} to at least currentValue + ${d.vcpus} (portal: Quotas > Compute)`,
      ],
      judge(r) {
        const e = failed(r);
        if (e) return e;
        const usage = parseJson(r);
        const row = Array.isArray(usage)
          ? (usage as { name?: { value?: string }; currentValue?: number; limit?: number }[]).find(
              (u) => u.name?.value?.toLowerCase() === d.family.toLowerCase(),
            )
          : undefined;
        if (!row || typeof row.limit !== 'number')
          return { status: 'could-not-check', detail: `no usage row ${d.family} in ${d.region}` };
        const free = row.limit - (row.currentValue ?? 0);
        return free >= d.vcpus
          ? { status: 'pass', detail: `${free} of ${row.limit} free, ${d.vcpus} needed` }
          : { status: 'fail', detail: `only ${free} of ${row.limit} free, ${d.vcpus} needed` };
      },
    });
  }

  const ipLimit = LIMITS.standardPublicIps;
  for (const [region, count] of [...m.publicIps.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    checks.push({
      id: `limit:publicIps:${region}`,
      group: 'limits',
      title: `${count} Standard public IPs fit in ${region} (documented default ${ipLimit.limit} per region)`,
      args: ['network', 'list-usages', '--location', region, '--output', 'json'],
      expect: `"${ipLimit.usageName}": limit - currentValue >= ${count}`,
      judge(r) {
        const e = failed(r);
        if (e) return e;
        const usage = parseJson(r);
        const row = Array.isArray(usage)
          ? (usage as { name?: { value?: string }; currentValue?: number; limit?: number }[]).find(
              (u) => u.name?.value === ipLimit.usageName,
            )
          : undefined;
        if (!row || typeof row.limit !== 'number')
          return { status: 'could-not-check', detail: `no usage row ${ipLimit.usageName}` };
        const free = row.limit - (row.currentValue ?? 0);
        return free >= count
          ? { status: 'pass', detail: `${free} of ${row.limit} free` }
          : { status: 'fail', detail: `only ${free} of ${row.limit} free, ${count} needed` };
      },
    });
  }
  const counted = (
    key: 'cosmosAccounts' | 'frontDoorProfiles' | 'trafficManagerProfiles',
    ours: number,
    args: string[],
  ) => {
    if (ours === 0) return;
    const l = LIMITS[key];
    checks.push({
      id: `limit:${key}`,
      group: 'limits',
      title: `${ours} more ${l.what} fit (documented limit ${l.limit} per subscription)`,
      args: [...args, '--query', 'length(@)', '--output', 'tsv'],
      expect: `existing + ${ours} <= ${l.limit}`,
      judge(r) {
        const e = failed(r);
        if (e) return e;
        const used = Number(r.stdout.trim());
        if (!Number.isInteger(used))
          return { status: 'could-not-check', detail: `not a count: ${firstLine(r.stdout)}` };
        return used + ours <= l.limit
          ? { status: 'pass', detail: `${used} existing + ${ours} <= ${l.limit}` }
          : { status: 'fail', detail: `${used} existing + ${ours} > ${l.limit}` };
      },
    });
  };
  counted('cosmosAccounts', m.cosmos, ['cosmosdb', 'list']);
  counted('frontDoorProfiles', m.frontDoor, ['afd', 'profile', 'list']);
  counted('trafficManagerProfiles', m.trafficManager, ['network', 'traffic-manager', 'profile', 'list']);

  // Roles: Contributor for the resources; role assignments in the stacks need Microsoft.Authorization writes,
  // which Contributor excludes.
  const assigns = out.stacks.some((s) => s.resources.some((r) => r.type === 'azurerm_role_assignment'));
  const admin = ['Owner', 'User Access Administrator', 'Role Based Access Control Administrator'];
  checks.push({
    id: 'roles:deployer',
    group: 'roles',
    title: `the signed-in identity holds Contributor${assigns ? ' and one of User Access Administrator / Role Based Access Control Administrator' : ''} (or Owner) on the subscription`,
    args: [
      'role',
      'assignment',
      'list',
      '--assignee',
      ASSIGNEE,
      '--scope',
      `/subscriptions/${subscriptionId}`,
      '--include-inherited',
      '--include-groups',
      '--query',
      '[].roleDefinitionName',
      '--output',
      'tsv',
    ],
    expect: assigns ? 'Owner, or Contributor + User Access Administrator' : 'Owner or Contributor',
    judge(r) {
      const e = failed(r);
      if (e) return e;
      const roles = new Set(
        r.stdout
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean),
      );
      const has = (x: string) => roles.has(x);
      const ok = has('Owner') || (has('Contributor') && (!assigns || admin.some(has)));
      const list = [...roles].sort().join(', ') || 'none';
      return ok ? { status: 'pass', detail: list } : { status: 'fail', detail: `holds ${list}` };
    },
  });

  const state = env.state;
  if (state.backend === 'azurerm') {
    checks.push({
      id: 'state:account',
      group: 'state storage',
      title: `state account ${state.storageAccount} exists in ${state.resourceGroup} with shared keys off`,
      args: [
        'storage',
        'account',
        'show',
        '--name',
        state.storageAccount,
        '--resource-group',
        state.resourceGroup,
        '--query',
        'allowSharedKeyAccess',
        '--output',
        'tsv',
      ],
      expect: 'false',
      fix: [`npm run -s bootstrap-state -- --env ${env.name}`],
      judge(r) {
        if (r.code !== 0 && /ResourceNotFound|not found/i.test(r.stderr))
          return { status: 'fail', detail: 'missing: run npm run bootstrap-state' };
        const e = failed(r);
        if (e) return e;
        return r.stdout.trim().toLowerCase() === 'false'
          ? { status: 'pass', detail: 'shared keys off' }
          : { status: 'fail', detail: `allowSharedKeyAccess is ${stateWord(r.stdout)}` };
      },
    });
    checks.push({
      id: 'state:container',
      group: 'state storage',
      title: `container ${state.container} is readable with your Entra ID token (Storage Blob Data role)`,
      args: [
        'storage',
        'container',
        'show',
        '--name',
        state.container,
        '--account-name',
        state.storageAccount,
        '--auth-mode',
        'login',
        '--query',
        'name',
        '--output',
        'tsv',
      ],
      expect: state.container,
      fix: [`npm run -s bootstrap-state -- --env ${env.name}`],
      judge(r) {
        // A data-plane denial is the finding (no Storage Blob Data role); anything else is az not answering.
        if (r.code !== 0 && /Authorization|ContainerNotFound|does not exist|ResourceNotFound/i.test(r.stderr))
          return { status: 'fail', detail: firstLine(r.stderr) };
        const e = failed(r);
        if (e) return e;
        return r.stdout.trim() === state.container
          ? { status: 'pass', detail: 'readable' }
          : { status: 'fail', detail: stateWord(r.stdout) };
      },
    });
  } else {
    notes.push(
      `${env.name} keeps its state in local files (state.backend: local): no state storage to check`,
    );
  }

  return {
    environment: env.name,
    cloud: cloud.id,
    azCloudName: cloud.azCloudName,
    subscriptionId,
    setup,
    checks,
    notes,
  };
}
