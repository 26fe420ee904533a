/**
 * Maps an environment onto the global entry's props: Front Door origins or Traffic Manager endpoints, one per
 * stamp at its synth-time host name, in the environment's region order; a stamp that is not `serving` gets a
 * disabled one (no traffic before its stamp is deployed and healthy, or while it is drained).
 */
import type { Environment } from '../config/environment';
import type { GlobalEntryProps } from '../constructs/global-entry';
import { stampOriginHostname } from './shared-values';

export function globalEntryProps(
  env: Environment,
  resourceGroupName: string,
  workspaceId: string,
): GlobalEntryProps {
  const c = env.config;
  if (env.globalEntry === 'frontDoor') {
    const fd = c.frontDoor;
    const activePassive = fd.routing === 'activePassive';
    const domain = fd.customDomain;
    const managedCerts = env.features.frontDoorManagedCertificates.outcome === 'on';
    if (domain && !managedCerts && !domain.certificateSecretId) {
      throw new Error(
        `${env.name}: custom domain ${domain.hostName} needs certificateSecretId in this cloud`,
      );
    }
    return {
      frontDoor: {
        profileName: env.resourceName('frontDoorProfile'),
        endpointName: env.resourceName('frontDoorEndpoint'),
        resourceGroupName,
        sku: fd.sku,
        responseTimeoutSeconds: fd.originResponseTimeoutSeconds,
        // One origin per scale unit, each with its own weight: a region's share grows with its units.
        origins: env.stamps.map((s) => ({
          name: s.id,
          hostName: stampOriginHostname(env, s),
          priority: activePassive ? s.index + 1 : 1,
          weight: 1000,
          enabled: s.serving,
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
      },
    };
  }
  const tm = c.trafficManager;
  return {
    trafficManager: {
      name: env.resourceName('trafficManagerProfile'),
      resourceGroupName,
      dnsSuffix: env.cloud.suffix('trafficManager'),
      routing: tm.routing,
      monitor: tm.monitor,
      ttlSeconds: tm.ttlSeconds,
      endpoints: env.stamps.map((s) => ({
        name: s.id,
        target: stampOriginHostname(env, s),
        location: s.region,
        priority: s.index + 1,
        enabled: s.serving,
      })),
      workspaceId,
    },
  };
}
