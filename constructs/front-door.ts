/**
 * Azure Front Door (Standard/Premium) in front of the stamps: one endpoint, one origin group whose health probe
 * takes an unhealthy stamp out of rotation (circuit breaking at the edge), one origin per stamp, HTTPS-only routes
 * with compression on the cached paths, an optional custom domain, and the WAF bound to every domain.
 */
import { Construct } from 'constructs';
import { CdnFrontdoorCustomDomain } from '@cdktf/provider-azurerm/lib/cdn-frontdoor-custom-domain';
import { CdnFrontdoorCustomDomainAssociation } from '@cdktf/provider-azurerm/lib/cdn-frontdoor-custom-domain-association';
import { CdnFrontdoorEndpoint } from '@cdktf/provider-azurerm/lib/cdn-frontdoor-endpoint';
import { CdnFrontdoorOrigin } from '@cdktf/provider-azurerm/lib/cdn-frontdoor-origin';
import { CdnFrontdoorOriginGroup } from '@cdktf/provider-azurerm/lib/cdn-frontdoor-origin-group';
import { CdnFrontdoorProfile } from '@cdktf/provider-azurerm/lib/cdn-frontdoor-profile';
import { CdnFrontdoorRoute } from '@cdktf/provider-azurerm/lib/cdn-frontdoor-route';
import { CdnFrontdoorSecret } from '@cdktf/provider-azurerm/lib/cdn-frontdoor-secret';
import { CdnFrontdoorSecurityPolicy } from '@cdktf/provider-azurerm/lib/cdn-frontdoor-security-policy';
import { DEFAULT_HEALTH_PATH } from '../model/health';
import { Diagnostics } from './diagnostics';
import { WafPolicy, type RateLimit } from './waf-policy';

export interface FrontDoorOrigin {
  /** Unique in the origin group, e.g. the stamp's region. */
  readonly name: string;
  /** Public host name of the stamp's ingress, known at synth time. */
  readonly hostName: string;
  /**
   * Lower is preferred; origins of equal priority share traffic by weight (active-active).
   * @default 1
   */
  readonly priority?: number;
  /** @default 1000 */
  readonly weight?: number;
  /** False takes the origin out of rotation (a drained stamp). @default true */
  readonly enabled?: boolean;
}

export interface FrontDoorHealthProbe {
  /** A dedicated health path, never "/". @default DEFAULT_HEALTH_PATH (`/healthz`) */
  readonly path?: string;
  /** @default 30 */
  readonly intervalSeconds?: number;
}

export interface FrontDoorLoadBalancing {
  /** @default 4 */
  readonly sampleSize?: number;
  /** @default 3 */
  readonly successfulSamplesRequired?: number;
  /** Origins within this latency of the fastest share traffic. @default 50 */
  readonly additionalLatencyMs?: number;
}

export interface FrontDoorCustomDomain {
  readonly hostName: string;
  /**
   * Key Vault certificate for clouds without managed certificates (CustomerCertificate).
   * @default a Front Door managed certificate
   */
  readonly keyVaultCertificateId?: string;
}

export interface FrontDoorProps {
  readonly profileName: string;
  /** Globally unique endpoint label. */
  readonly endpointName: string;
  readonly resourceGroupName: string;
  /** One per stamp. */
  readonly origins: readonly FrontDoorOrigin[];
  readonly waf: {
    readonly name: string;
    readonly rateLimits: readonly RateLimit[];
    /** @default true (Premium only) */
    readonly managedRuleSets?: boolean;
  };
  /** @default 'Premium' */
  readonly sku?: 'Premium' | 'Standard';
  /**
   * Seconds Front Door waits for an origin's response (16-240); the application's deadlines must end before it.
   * Set explicitly rather than left to the provider's default of 120. @default 60
   */
  readonly responseTimeoutSeconds?: number;
  /** Used only with two or more origins (a single origin is always routed to). @default {} */
  readonly healthProbe?: FrontDoorHealthProbe;
  /** @default {} */
  readonly loadBalancing?: FrontDoorLoadBalancing;
  /** Paths served from the edge cache, compressed. @default [] */
  readonly cachedPaths?: readonly string[];
  /** @default none: only the endpoint's own azurefd host name */
  readonly customDomain?: FrontDoorCustomDomain;
  /** Log Analytics workspace for access, health probe and WAF logs. @default no diagnostic setting */
  readonly workspaceId?: string;
}

/** Compressible types Front Door serves from cache. */
export const COMPRESSED_CONTENT_TYPES = [
  'application/javascript',
  'application/json',
  'application/xml',
  'image/svg+xml',
  'text/css',
  'text/html',
  'text/javascript',
  'text/plain',
];

export const FRONT_DOOR_LOG_CATEGORIES = [
  'FrontDoorAccessLog',
  'FrontDoorHealthProbeLog',
  'FrontDoorWebApplicationFirewallLog',
];

export class FrontDoor extends Construct {
  readonly profile: CdnFrontdoorProfile;
  readonly endpoint: CdnFrontdoorEndpoint;
  readonly originGroup: CdnFrontdoorOriginGroup;
  readonly origins: CdnFrontdoorOrigin[];
  readonly routes: CdnFrontdoorRoute[];
  readonly waf: WafPolicy;
  readonly securityPolicy: CdnFrontdoorSecurityPolicy;
  readonly customDomain?: CdnFrontdoorCustomDomain;

  constructor(scope: Construct, id: string, props: FrontDoorProps) {
    super(scope, id);
    if (props.origins.length === 0) throw new Error('Front Door needs at least one origin');
    const sku = props.sku ?? 'Premium';
    this.profile = new CdnFrontdoorProfile(this, 'profile', {
      name: props.profileName,
      resourceGroupName: props.resourceGroupName,
      skuName: `${sku}_AzureFrontDoor`,
      responseTimeoutSeconds: props.responseTimeoutSeconds ?? 60,
    });
    const profileId = this.profile.id;
    this.endpoint = new CdnFrontdoorEndpoint(this, 'endpoint', {
      name: props.endpointName,
      cdnFrontdoorProfileId: profileId,
      enabled: true,
    });

    const probe = props.healthProbe ?? {};
    const lb = props.loadBalancing ?? {};
    this.originGroup = new CdnFrontdoorOriginGroup(this, 'origin-group', {
      name: 'stamps',
      cdnFrontdoorProfileId: profileId,
      sessionAffinityEnabled: false,
      // A probe only helps when there is another origin to fail over to (APRL 38f3d542).
      ...(props.origins.length > 1
        ? {
            healthProbe: {
              protocol: 'Https',
              requestType: 'HEAD',
              path: probe.path ?? DEFAULT_HEALTH_PATH,
              intervalInSeconds: probe.intervalSeconds ?? 30,
            },
          }
        : {}),
      loadBalancing: {
        sampleSize: lb.sampleSize ?? 4,
        successfulSamplesRequired: lb.successfulSamplesRequired ?? 3,
        additionalLatencyInMilliseconds: lb.additionalLatencyMs ?? 50,
      },
    });

    // The origin sees the host users asked for (custom domain), or its own name: either way its certificate
    // matches what Front Door checks.
    this.origins = props.origins.map(
      (o) =>
        new CdnFrontdoorOrigin(this, `origin-${o.name}`, {
          name: `origin-${o.name}`,
          cdnFrontdoorOriginGroupId: this.originGroup.id,
          enabled: o.enabled ?? true,
          hostName: o.hostName,
          originHostHeader: props.customDomain?.hostName ?? o.hostName,
          httpsPort: 443,
          certificateNameCheckEnabled: true,
          priority: o.priority ?? 1,
          weight: o.weight ?? 1000,
        }),
    );

    const domain = props.customDomain;
    if (domain) {
      const secret = domain.keyVaultCertificateId
        ? new CdnFrontdoorSecret(this, 'certificate', {
            name: `cert-${domain.hostName.replace(/\./g, '-')}`,
            cdnFrontdoorProfileId: profileId,
            secret: { customerCertificate: [{ keyVaultCertificateId: domain.keyVaultCertificateId }] },
          })
        : undefined;
      this.customDomain = new CdnFrontdoorCustomDomain(this, 'custom-domain', {
        name: domain.hostName.replace(/\./g, '-'),
        cdnFrontdoorProfileId: profileId,
        hostName: domain.hostName,
        tls: secret
          ? {
              certificateType: 'CustomerCertificate',
              cdnFrontdoorSecretId: secret.id,
              minimumTlsVersion: 'TLS12',
            }
          : { certificateType: 'ManagedCertificate', minimumTlsVersion: 'TLS12' },
      });
    }
    const customDomainIds = this.customDomain ? [this.customDomain.id] : [];

    // HTTPS only to the origins; plain HTTP from clients is redirected, never forwarded.
    const route = (name: string, patterns: readonly string[], cached: boolean) =>
      new CdnFrontdoorRoute(this, `route-${name}`, {
        name,
        cdnFrontdoorEndpointId: this.endpoint.id,
        cdnFrontdoorOriginGroupId: this.originGroup.id,
        cdnFrontdoorOriginIds: this.origins.map((o) => o.id),
        cdnFrontdoorCustomDomainIds: customDomainIds,
        enabled: true,
        patternsToMatch: [...patterns],
        supportedProtocols: ['Http', 'Https'],
        httpsRedirectEnabled: true,
        forwardingProtocol: 'HttpsOnly',
        linkToDefaultDomain: true,
        ...(cached
          ? {
              cache: {
                queryStringCachingBehavior: 'IgnoreQueryString',
                compressionEnabled: true,
                contentTypesToCompress: COMPRESSED_CONTENT_TYPES,
              },
            }
          : {}),
      });
    this.routes = [route('default', ['/*'], false)];
    const cachedPaths = props.cachedPaths ?? [];
    if (cachedPaths.length) this.routes.push(route('cached', cachedPaths, true));
    if (this.customDomain) {
      new CdnFrontdoorCustomDomainAssociation(this, 'custom-domain-routes', {
        cdnFrontdoorCustomDomainId: this.customDomain.id,
        cdnFrontdoorRouteIds: this.routes.map((r) => r.id),
      });
    }

    this.waf = new WafPolicy(this, 'waf', {
      name: props.waf.name,
      resourceGroupName: props.resourceGroupName,
      sku,
      rateLimits: props.waf.rateLimits,
      ...(props.waf.managedRuleSets === undefined ? {} : { managedRuleSets: props.waf.managedRuleSets }),
    });
    this.securityPolicy = new CdnFrontdoorSecurityPolicy(this, 'security-policy', {
      name: 'waf',
      cdnFrontdoorProfileId: profileId,
      securityPolicies: {
        firewall: {
          cdnFrontdoorFirewallPolicyId: this.waf.id,
          association: {
            patternsToMatch: ['/*'],
            domain: [this.endpoint.id, ...customDomainIds].map((cdnFrontdoorDomainId) => ({
              cdnFrontdoorDomainId,
            })),
          },
        },
      },
    });

    if (props.workspaceId) {
      new Diagnostics(this, 'diagnostics', {
        targetResourceId: profileId,
        resourceType: 'Microsoft.Cdn/profiles',
        workspaceId: props.workspaceId,
        logCategories: FRONT_DOOR_LOG_CATEGORIES,
      });
    }
  }

  /** The endpoint's generated host name (`<name>-<hash>.z01.<front door suffix>`), known after apply. */
  get endpointHostName(): string {
    return this.endpoint.hostName;
  }
}
