/**
 * The environment's single public entry: Front Door (edge WAF, rate limits, health-probed origins) where the
 * feature decision says so, otherwise Traffic Manager (DNS failover only). The one place that decision is
 * consumed; the warning for the fallback is printed at synth from environments/features.ts.
 */
import { Construct } from 'constructs';
import type { Environment } from '../environments/environment';
import { stampOriginHostname } from '../stacks/shared-values';
import { FrontDoor } from './front-door';
import { TrafficManager } from './traffic-manager';

export interface GlobalEntryProps {
  readonly env: Environment;
  readonly resourceGroupName: string;
  /** Workspace for edge logs. */
  readonly workspaceId: string;
}

export class GlobalEntry extends Construct {
  readonly kind: 'frontDoor' | 'trafficManager';
  readonly frontDoor?: FrontDoor;
  readonly trafficManager?: TrafficManager;

  constructor(scope: Construct, id: string, props: GlobalEntryProps) {
    super(scope, id);
    const { env, resourceGroupName, workspaceId } = props;
    const c = env.config;
    this.kind = env.features.frontDoor.outcome === 'on' ? 'frontDoor' : 'trafficManager';
    if (this.kind === 'frontDoor') {
      const fd = c.frontDoor;
      const activePassive = fd.routing === 'activePassive';
      const domain = fd.customDomain;
      const managedCerts = env.features.frontDoorManagedCertificates.outcome === 'on';
      if (domain && !managedCerts && !domain.certificateSecretId) {
        throw new Error(
          `${env.name}: custom domain ${domain.hostName} needs certificateSecretId in this cloud`,
        );
      }
      this.frontDoor = new FrontDoor(this, 'front-door', {
        profileName: env.resourceName('frontDoorProfile'),
        endpointName: env.resourceName('frontDoorEndpoint'),
        resourceGroupName,
        sku: fd.sku,
        origins: env.stamps.map((s) => ({
          name: s.region,
          hostName: stampOriginHostname(env, s),
          priority: activePassive ? s.index + 1 : 1,
          weight: 1000,
        })),
        healthProbe: fd.healthProbe,
        loadBalancing: fd.loadBalancing,
        cachedPaths: fd.cachedPaths,
        waf: {
          name: env.resourceName('wafPolicy'),
          rateLimits: fd.rateLimits,
          managedRuleSets: env.features.wafManagedRuleSets.outcome === 'on',
        },
        // An explicit certificate wins; otherwise a managed one where the cloud has them.
        ...(domain
          ? {
              customDomain: {
                hostName: domain.hostName,
                ...(domain.certificateSecretId ? { keyVaultCertificateId: domain.certificateSecretId } : {}),
              },
            }
          : {}),
        workspaceId,
      });
    } else {
      const tm = c.trafficManager;
      this.trafficManager = new TrafficManager(this, 'traffic-manager', {
        name: env.resourceName('trafficManagerProfile'),
        resourceGroupName,
        dnsSuffix: env.cloud.suffix('trafficManager'),
        routing: tm.routing,
        monitor: tm.monitor,
        ttlSeconds: tm.ttlSeconds,
        endpoints: env.stamps.map((s) => ({
          name: s.region,
          target: stampOriginHostname(env, s),
          location: s.region,
          priority: s.index + 1,
        })),
        workspaceId,
      });
    }
  }
}
