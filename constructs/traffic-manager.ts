/**
 * Traffic Manager: the DNS-level global entry where Front Door is unavailable or not wanted. Endpoint monitoring
 * takes an unhealthy stamp out of DNS answers. There is no edge WAF or rate limiting on this path.
 */
import { Construct } from 'constructs';
import { TrafficManagerExternalEndpoint } from '@cdktf/provider-azurerm/lib/traffic-manager-external-endpoint';
import { TrafficManagerProfile } from '@cdktf/provider-azurerm/lib/traffic-manager-profile';
import { DEFAULT_HEALTH_PATH } from '../model/health';
import { Diagnostics } from './diagnostics';

export interface TrafficManagerEndpoint {
  /** Unique in the profile, e.g. the stamp's region. */
  readonly name: string;
  /** Public host name of the stamp's ingress, known at synth time. */
  readonly target: string;
  /** ARM region of the stamp (Performance routing needs it). */
  readonly location: string;
  /** 1 is preferred; used by Priority routing. */
  readonly priority: number;
  /** False takes the endpoint out of DNS answers (a drained stamp). @default true */
  readonly enabled?: boolean;
}

export interface TrafficManagerMonitor {
  /** @default DEFAULT_HEALTH_PATH (`/healthz`) */
  readonly path?: string;
  /** @default 30 */
  readonly intervalSeconds?: 10 | 30;
  /** Must be below the interval. @default 10 (9 when the interval is 10) */
  readonly timeoutSeconds?: number;
  /** @default 3 */
  readonly toleratedFailures?: number;
}

export interface TrafficManagerProps {
  /** Globally unique; also the DNS label under the cloud's Traffic Manager suffix. */
  readonly name: string;
  readonly resourceGroupName: string;
  readonly endpoints: readonly TrafficManagerEndpoint[];
  /** @default 'Performance' */
  readonly routing?: 'Performance' | 'Priority';
  /** @default {} */
  readonly monitor?: TrafficManagerMonitor;
  /** DNS TTL: how long clients keep a failed stamp's answer. @default 30 */
  readonly ttlSeconds?: number;
  /** The cloud's Traffic Manager DNS suffix, for `fqdn`. */
  readonly dnsSuffix: string;
  /** Log Analytics workspace for probe health events. @default no diagnostic setting */
  readonly workspaceId?: string;
}

export class TrafficManager extends Construct {
  readonly profile: TrafficManagerProfile;
  readonly endpoints: TrafficManagerExternalEndpoint[];
  /** The global entry host name, known at synth time. */
  readonly fqdn: string;

  constructor(scope: Construct, id: string, props: TrafficManagerProps) {
    super(scope, id);
    if (props.endpoints.length === 0) throw new Error('Traffic Manager needs at least one endpoint');
    const monitor = props.monitor ?? {};
    const interval = monitor.intervalSeconds ?? 30;
    const timeout = monitor.timeoutSeconds ?? (interval === 10 ? 9 : 10);
    if (timeout >= interval) {
      throw new Error(`Traffic Manager probe timeout ${timeout}s must be below the interval ${interval}s`);
    }
    this.profile = new TrafficManagerProfile(this, 'profile', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      profileStatus: 'Enabled',
      trafficRoutingMethod: props.routing ?? 'Performance',
      dnsConfig: { relativeName: props.name, ttl: props.ttlSeconds ?? 30 },
      monitorConfig: {
        protocol: 'HTTPS',
        port: 443,
        path: monitor.path ?? DEFAULT_HEALTH_PATH,
        intervalInSeconds: interval,
        timeoutInSeconds: timeout,
        toleratedNumberOfFailures: monitor.toleratedFailures ?? 3,
        expectedStatusCodeRanges: ['200-299'],
      },
    });
    this.fqdn = `${props.name}.${props.dnsSuffix}`;
    this.endpoints = props.endpoints.map(
      (e) =>
        new TrafficManagerExternalEndpoint(this, `endpoint-${e.name}`, {
          name: e.name,
          profileId: this.profile.id,
          enabled: e.enabled ?? true,
          target: e.target,
          endpointLocation: e.location,
          priority: e.priority,
          weight: 1,
        }),
    );
    if (props.workspaceId) {
      new Diagnostics(this, 'diagnostics', {
        targetResourceId: this.profile.id,
        resourceType: 'Microsoft.Network/trafficManagerProfiles',
        workspaceId: props.workspaceId,
      });
    }
  }
}
