/**
 * `<env>-<region>`: one independent stamp, a failure domain of its own (bulkhead). Nothing in it is reachable
 * from the internet except the ingress, and that only from the global entry. Every cloud-specific value comes
 * from the cloud profile; every capability the cloud lacks is left out as decided in `env.features` (which
 * warns at synth and fails validation where the environment requires it).
 */
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import type { Environment, Stamp } from '../config/environment';
import { stampAddressPlan } from '../model/address-plan';
import { StampCluster } from '../constructs/aks';
import { AksMonitoring } from '../constructs/aks-monitoring';
import { DiskEncryption } from '../constructs/disk-encryption';
import { EncryptionKey } from '../constructs/encryption-key';
import { Ingress } from '../constructs/ingress';
import { StampKeyVault } from '../constructs/key-vault';
import { LogAnalytics } from '../constructs/log-analytics';
import type { NameKind } from '../model/naming';
import { StampNetwork } from '../constructs/network';
import { PrivateEndpoint } from '../constructs/private-endpoint';
import { buildServiceConfig, SERVICE_CONFIG_FILE, type ServiceConfig } from '../constructs/service-config';
import { WorkloadIdentity } from '../constructs/workload-identity';
import {
  APPSETTINGS_FILE,
  buildAppSettings,
  buildPlainPolicy,
  RESILIENCE_FILE,
  type ResilienceConfigInput,
} from '../constructs/resilience-config';
import { stampResilienceInput } from './client-policy';
import { FootprintStack } from './base-stack';
import { maintenanceWindow } from './maintenance';
import { addStampObservability } from './observability';
import {
  cosmosAccountId,
  cosmosAccountName,
  cosmosEndpoint,
  globalResourceGroupName,
  ingressDnsLabel,
  stampOriginHostname,
  stampResourceGroupName,
} from './shared-values';

/** Names of the stamp stack's Terraform outputs (the service config refers to them). */
export const STAMP_OUTPUTS = {
  workloadIdentityClientId: 'workload_identity_client_id',
  appInsightsConnectionString: 'app_insights_connection_string',
  aksOidcIssuerUrl: 'aks_oidc_issuer_url',
} as const;

const ZONES = ['1', '2', '3'] as const;

export class StampStack extends FootprintStack {
  readonly stamp: Stamp;
  readonly monitoring: LogAnalytics;
  readonly network: StampNetwork;
  readonly ingress: Ingress;
  readonly keyVault: StampKeyVault;
  readonly cluster: StampCluster;
  readonly workloadIdentity: WorkloadIdentity;
  /** Where the environment uses customer-managed keys: the stamp's key (disks, storage) and disk encryption set. */
  readonly key?: EncryptionKey;
  readonly diskEncryption?: DiskEncryption;
  private readonly serviceConfig: ServiceConfig;
  private readonly resilience: ResilienceConfigInput;

  constructor(scope: Construct, env: Environment, stamp: Stamp) {
    super(scope, env.stampStackName(stamp.id), {
      env,
      location: stamp.region,
      scope: stamp.id,
      resourceGroupName: stampResourceGroupName(env, stamp),
    });
    this.stamp = stamp;
    const { cloud, config, features } = env;
    const name = (kind: NameKind, purpose?: string) => env.resourceName(kind, stamp.id, purpose);
    const rg = this.resourceGroup.name;
    const location = stamp.region;
    const zones = stamp.zones ? [...ZONES] : [];

    this.monitoring = new LogAnalytics(this, 'monitoring', {
      resourceGroupName: rg,
      location,
      workspaceName: name('logAnalyticsWorkspace'),
      appInsightsName: name('applicationInsights'),
      retentionDays: config.monitoring.logRetentionDays,
    });
    const workspaceId = this.monitoring.workspaceId;

    this.ingress = new Ingress(this, 'ingress', {
      resourceGroupName: rg,
      location,
      name: name('publicIp', 'ingress'),
      dnsLabel: ingressDnsLabel(env, stamp),
      cloudappSuffix: cloud.suffix('cloudapp'),
      zones,
      workspaceId,
    });

    this.network = new StampNetwork(this, 'network', {
      resourceGroupName: rg,
      location,
      plan: stampAddressPlan(stamp.addressSpace),
      vnetName: name('virtualNetwork'),
      subnetName: (role) => name('subnet', role === 'privateEndpoints' ? 'pe' : role),
      nsgName: (role) => name('networkSecurityGroup', role === 'privateEndpoints' ? 'pe' : role),
      // Traffic Manager only answers DNS: clients connect directly, so the ingress must accept the internet.
      // The Front Door backend tag is the cloud's to name (read only where Front Door is the entry).
      ingressSource: env.globalEntry === 'frontDoor' ? cloud.serviceTag('frontDoorBackend') : 'Internet',
      ingressAddress: this.ingress.publicIp.ipAddress,
      workspaceId,
      ...(features.vnetFlowLogs.outcome === 'on'
        ? {
            flowLogs: {
              storageAccountName: name('storageAccount', 'flow'),
              retentionDays: config.monitoring.logRetentionDays,
              workspaceResourceId: workspaceId,
              workspaceCustomerId: this.monitoring.workspace.workspaceId,
              workspaceRegion: location,
            },
          }
        : {}),
    });

    this.keyVault = new StampKeyVault(this, 'key-vault', {
      resourceGroupName: rg,
      location,
      name: name('keyVault'),
      tenantId: config.tenantId,
      dnsSuffix: cloud.suffix('keyVault'),
      workspaceId,
      ...(env.encryption.customerManagedKeys && env.encryption.hsmKeys
        ? { skuName: 'premium' as const }
        : {}),
    });

    if (env.encryption.customerManagedKeys) {
      const flowLogs = this.network.flowLogStorage !== undefined;
      this.key = new EncryptionKey(this, 'cmk', {
        keyVaultId: this.keyVault.vault.id,
        name: 'stamp',
        hsm: env.encryption.hsmKeys,
        resourceGroupName: rg,
        location,
        consumers: {
          disks: name('userAssignedIdentity', 'disks-cmk'),
          ...(flowLogs ? { storage: name('userAssignedIdentity', 'storage-cmk') } : {}),
        },
      });
      this.diskEncryption = new DiskEncryption(this, 'disk-encryption', {
        name: name('diskEncryptionSet'),
        resourceGroupName: rg,
        location,
        keyVaultKeyId: this.key.versionlessId,
        identityId: this.key.consumer('disks').identity.id,
        dependsOn: this.key.dependencies('disks'),
      });
      if (flowLogs) {
        this.network.encryptFlowLogStorage({
          keyVaultKeyId: this.key.versionlessId,
          identityId: this.key.consumer('storage').identity.id,
          dependsOn: this.key.dependencies('storage'),
        });
      }
    }
    const des = this.diskEncryption;

    const endpoint = (id: string, purpose: string, target: string, subresource: string, zone: string) =>
      new PrivateEndpoint(this, id, {
        resourceGroupName: rg,
        location,
        name: name('privateEndpoint', purpose),
        targetResourceId: target,
        subresource,
        zoneName: zone,
        subnetId: this.network.subnets.privateEndpoints.id,
        virtualNetworkId: this.network.vnet.id,
        virtualNetworkName: this.network.vnet.name,
      });
    endpoint('key-vault-endpoint', 'kv', this.keyVault.vault.id, 'vault', cloud.privateDnsZone('keyVault'));
    endpoint('cosmos-endpoint', 'cosmos', cosmosAccountId(env), 'Sql', cloud.privateDnsZone('cosmosSql'));
    const flowLogStorage = this.network.flowLogStorage;
    if (flowLogStorage) {
      endpoint('flow-log-blob-endpoint', 'flow', flowLogStorage.id, 'blob', cloud.privateDnsZone('blob'));
    }

    this.cluster = new StampCluster(this, 'aks', {
      resourceGroupName: rg,
      location,
      name: name('kubernetesCluster'),
      dnsPrefix: name('aksDnsPrefix'),
      nodeResourceGroupName: name('nodeResourceGroup', 'aks'),
      tenantId: config.tenantId,
      config: { ...config.aks, maintenance: maintenanceWindow(env, stamp.id) },
      zones,
      nodeSubnetId: this.network.subnets.nodes.id,
      networkScopeId: this.resourceGroup.id,
      workspaceId,
      skuTier: features.aksStandardTier.outcome === 'on' ? 'Standard' : 'Free',
      containerInsights: features.containerInsights.outcome === 'on',
      managedPrometheus: features.managedPrometheus.outcome === 'on',
      defender: features.defenderForContainers.outcome === 'on',
      // Ephemeral OS disks cannot follow a key rotation (ephemeral-os-disks.md@0d0c4c59): managed where CMK is on.
      ephemeralOsDisks: !des,
      ...(des && this.key
        ? {
            diskEncryption: {
              diskEncryptionSetId: des.set.id,
              dependsOn: [des.set, ...this.key.dependencies('disks')],
            },
          }
        : {}),
    });

    new AksMonitoring(this, 'aks-monitoring', {
      resourceGroupName: rg,
      location,
      clusterId: this.cluster.cluster.id,
      workspaceId,
      ...(features.containerInsights.outcome === 'on'
        ? { containerInsights: { ruleName: name('dataCollectionRule', 'ci') } }
        : {}),
      ...(features.managedPrometheus.outcome === 'on'
        ? {
            prometheus: {
              monitorWorkspaceName: name('monitorWorkspace'),
              endpointName: name('dataCollectionEndpoint', 'prom'),
              ruleName: name('dataCollectionRule', 'prom'),
            },
          }
        : {}),
    });

    this.workloadIdentity = new WorkloadIdentity(this, 'workload-identity', {
      resourceGroupName: rg,
      location,
      name: name('userAssignedIdentity', 'app'),
      audience: cloud.workloadIdentityAudience(),
      oidcIssuerUrl: this.cluster.oidcIssuerUrl,
      keyVaultId: this.keyVault.vault.id,
      cosmos: {
        accountId: cosmosAccountId(env),
        accountName: cosmosAccountName(env),
        resourceGroupName: globalResourceGroupName(env),
      },
    });

    addStampObservability(this, env, stamp, {
      resourceGroupName: rg,
      aksClusterId: this.cluster.cluster.id,
      keyVaultId: this.keyVault.vault.id,
      workspaceId,
    });

    this.output(
      STAMP_OUTPUTS.workloadIdentityClientId,
      this.workloadIdentity.clientId,
      'Client id of the app',
    );
    this.output(
      STAMP_OUTPUTS.appInsightsConnectionString,
      this.monitoring.appInsights.connectionString,
      'Application Insights connection string',
      true,
    );
    this.output(STAMP_OUTPUTS.aksOidcIssuerUrl, this.cluster.oidcIssuerUrl, 'OIDC issuer of the AKS cluster');

    this.serviceConfig = buildServiceConfig({
      environment: env.name,
      stack: this.node.id,
      cloud: {
        id: cloud.id,
        azCloudName: cloud.azCloudName,
        endpoints: {
          resourceManager: cloud.endpoint('resourceManager'),
          login: cloud.endpoint('login'),
          graph: cloud.endpoint('graph'),
        },
        suffixes: {
          keyVault: cloud.suffix('keyVault'),
          cosmos: cloud.suffix('cosmos'),
          storage: cloud.suffix('storage'),
        },
      },
      region: { name: stamp.region, code: stamp.code, displayName: stamp.displayName },
      regions: env.regionStamps.map((s) => ({ name: s.region, displayName: s.displayName })),
      tenantId: config.tenantId,
      cosmosEndpoint: cosmosEndpoint(env),
      cosmosDatabases: config.cosmos.databases.map((d) => d.name),
      keyVaultUri: this.keyVault.uri,
      ingressHostname: stampOriginHostname(env, stamp),
      outputs: STAMP_OUTPUTS,
    });
    this.resilience = stampResilienceInput(env, stamp);
  }

  private output(name: string, value: string, description: string, sensitive = false): void {
    const out = new TerraformOutput(this, name, { value, description, sensitive });
    out.overrideLogicalId(name);
  }

  override artifacts(): Record<string, unknown> {
    return {
      [SERVICE_CONFIG_FILE]: this.serviceConfig,
      [RESILIENCE_FILE]: buildPlainPolicy(this.resilience),
      [APPSETTINGS_FILE]: buildAppSettings(this.resilience),
    };
  }
}
