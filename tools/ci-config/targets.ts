/**
 * What CI needs to know about every stack, from the synthesized tree only (footprint.json, manifest.json and each
 * stack's provider and backend blocks): its cloud, how a runner logs in there, its working directory and state,
 * and the rollout waves (the same planRollout as `npm run rollout`).
 */
import type { EnvironmentSummary } from '../../contract/footprint';
import type { Json, JsonObject, SynthOutput } from '../../contract/out';
import { planRollout, type Dependencies, type WaveKind } from '../rollout/plan';

/**
 * azure/login `environment` and the Entra token-exchange audience of a federated credential, per cloud name
 * (footprint.json `azCloudName`). Sources: Azure/login README (v2) and Microsoft Learn "workload identity
 * federation" (api://AzureADTokenExchange<cloud>). A cloud reached through a metadata host has no entry: GitHub's
 * OIDC issuer is out of its reach, so it plans on a self-hosted runner inside the cloud with a managed identity.
 */
export const LOGIN: Readonly<Record<string, { readonly environment: string; readonly audience?: string }>> = {
  AzureCloud: { environment: 'AzureCloud' },
  AzureUSGovernment: { environment: 'AzureUSGovernment', audience: 'api://AzureADTokenExchangeUSGov' },
  AzureChinaCloud: { environment: 'AzureChinaCloud', audience: 'api://AzureADTokenExchangeChina' },
};

export interface CiStack {
  readonly stack: string;
  readonly environment: string;
  /** Working directory relative to the synthesized tree (`stacks/<stack>`). */
  readonly dir: string;
  readonly subscriptionId: string;
  readonly tenantId: string;
  /** The environment's state is local (a workstation's file): planned in CI, never applied there. */
  readonly localState: boolean;
  /** The environment and cloud files whose change should plan this stack again. */
  readonly files: readonly string[];
}

export interface CiCloud {
  readonly cloud: string;
  readonly displayName: string;
  /** GitHub OIDC login; absent: a self-hosted runner in the cloud with a managed identity. */
  readonly login?: { readonly environment: string; readonly audience?: string };
  readonly metadataHost?: string;
  readonly stacks: CiStack[];
}

export interface CiWave {
  /** `apply-<env>-w<n>`: a GitHub job id. */
  readonly id: string;
  readonly environment: string;
  readonly cloud: string;
  readonly index: number;
  /** Position in the whole rollout, from 0 (Atlantis execution_order_group). */
  readonly order: number;
  readonly kind: WaveKind;
  readonly regions: readonly string[];
  readonly stacks: readonly string[];
  readonly bakeMinutesAfter: number;
}

export interface CiModel {
  readonly clouds: CiCloud[];
  readonly waves: CiWave[];
  /** Stacks of environments with local state: not applied by CI. */
  readonly localStateStacks: string[];
}

const isObj = (v: Json | undefined): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function providerOf(json: JsonObject): JsonObject {
  const p = isObj(json.provider) ? json.provider.azurerm : undefined;
  const first = Array.isArray(p) ? p[0] : p;
  return isObj(first) ? first : {};
}

function str(v: Json | undefined): string {
  return typeof v === 'string' ? v : '';
}

export function ciModel(out: SynthOutput): CiModel {
  const deps: Dependencies = Object.fromEntries(out.stacks.map((s) => [s.name, s.dependencies]));
  const byStack = new Map(out.stacks.map((s) => [s.name, s]));
  const envs = Object.values(out.footprint.environments);
  const envOf = new Map<string, EnvironmentSummary>();
  for (const e of envs) for (const s of e.stacks) envOf.set(s, e);
  const plan = planRollout(out.footprint, deps);
  // Clouds and their stacks in rollout order, so the files read like the rollout.
  const ordered = plan.environments.flatMap((p) => p.waves.flatMap((w) => w.stacks));
  const clouds = new Map<string, CiCloud>();
  for (const name of ordered) {
    const env = envOf.get(name)!;
    const cloud = out.footprint.clouds[env.cloud];
    const stack = byStack.get(name)!;
    const provider = providerOf(stack.json);
    let c = clouds.get(env.cloud);
    if (!c) {
      const login = env.provider.metadataHost ? undefined : LOGIN[cloud?.azCloudName ?? ''];
      if (!env.provider.metadataHost && !login) {
        throw new Error(
          `cloud ${env.cloud}: no azure/login environment for azCloudName "${cloud?.azCloudName}"`,
        );
      }
      c = {
        cloud: env.cloud,
        displayName: cloud?.displayName ?? env.cloud,
        ...(login ? { login } : {}),
        ...(env.provider.metadataHost ? { metadataHost: env.provider.metadataHost } : {}),
        stacks: [],
      };
      clouds.set(env.cloud, c);
    }
    c.stacks.push({
      stack: name,
      environment: env.name,
      dir: stack.dir.slice(out.dir.length + 1),
      subscriptionId: str(provider.subscription_id),
      tenantId: str(provider.tenant_id),
      localState: env.state.backend === 'local',
      files: [env.file, ...(cloud ? [cloud.file] : [])],
    });
  }
  let order = 0;
  // A destroy wave (a retired stamp) never runs in CI: only `rollout --execute --allow-destroy <stack>` does.
  const waves: CiWave[] = plan.environments.flatMap((p) =>
    p.waves
      .flatMap((w) => (w.kind === 'destroy' ? [] : [{ ...w, kind: w.kind }]))
      .map((w) => ({
        id: `apply-${p.environment}-w${w.index}`,
        environment: p.environment,
        cloud: p.cloud,
        index: w.index,
        order: order++,
        kind: w.kind,
        regions: w.regions,
        stacks: w.stacks,
        bakeMinutesAfter: w.bakeMinutesAfter,
      })),
  );
  return {
    clouds: [...clouds.values()],
    waves,
    localStateStacks: ordered.filter((s) => envOf.get(s)!.state.backend === 'local'),
  };
}
