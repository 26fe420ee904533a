/** Traffic Manager construct: monitored profile and one external endpoint per stamp. */
import { Testing } from 'cdktf';
import { TrafficManager, type TrafficManagerProps } from '../../constructs/traffic-manager';
import { ref, synthJson, type Attrs } from '../helpers/synth-global';

const base: TrafficManagerProps = {
  name: 'traf-x',
  resourceGroupName: 'rg-x',
  dnsSuffix: 'usgovtrafficmanager.net',
  endpoints: [
    {
      name: 'usdodeast',
      target: 'a.usdodeast.cloudapp.usgovcloudapi.net',
      location: 'usdodeast',
      priority: 1,
    },
    {
      name: 'usdodcentral',
      target: 'b.usdodcentral.cloudapp.usgovcloudapi.net',
      location: 'usdodcentral',
      priority: 2,
    },
  ],
};

function synth(props: Partial<TrafficManagerProps> = {}) {
  let fqdn = '';
  const json = JSON.parse(
    Testing.synthScope((scope) => {
      fqdn = new TrafficManager(scope, 'tm', { ...base, ...props }).fqdn;
    }),
  ) as Attrs;
  return { fqdn, r: (type: string) => synthJson(json, type) };
}

describe('TrafficManager', () => {
  it('monitors every endpoint over HTTPS on the health path, Performance routing by default', () => {
    const { r, fqdn } = synth();
    const [profile] = r('azurerm_traffic_manager_profile');
    expect(profile).toMatchObject({
      name: 'traf-x',
      traffic_routing_method: 'Performance',
      dns_config: { relative_name: 'traf-x', ttl: 30 },
      monitor_config: {
        protocol: 'HTTPS',
        port: 443,
        path: '/healthz',
        interval_in_seconds: 30,
        timeout_in_seconds: 10,
        tolerated_number_of_failures: 3,
      },
    });
    expect(fqdn).toBe('traf-x.usgovtrafficmanager.net');
  });

  it('has one external endpoint per stamp with its location and priority', () => {
    const { r } = synth({ routing: 'Priority' });
    expect(r('azurerm_traffic_manager_profile')[0]!.traffic_routing_method).toBe('Priority');
    // Synthesized JSON is keyed by name (sorted): order by priority to compare.
    const eps = r('azurerm_traffic_manager_external_endpoint').sort((a, b) => a.priority - b.priority);
    expect(eps.map((e) => [e.target, e.endpoint_location, e.priority, e.enabled])).toEqual(
      base.endpoints.map((e) => [e.target, e.location, e.priority, true]),
    );
    for (const e of eps) expect(e.profile_id).toBe(ref(r('azurerm_traffic_manager_profile')[0]!));
  });

  it('uses the monitor settings given and keeps the timeout below a 10 s interval', () => {
    const { r } = synth({ monitor: { path: '/ready', intervalSeconds: 10, toleratedFailures: 1 } });
    expect(r('azurerm_traffic_manager_profile')[0]!.monitor_config).toMatchObject({
      path: '/ready',
      interval_in_seconds: 10,
      timeout_in_seconds: 9,
      tolerated_number_of_failures: 1,
    });
    expect(() => synth({ monitor: { intervalSeconds: 10, timeoutSeconds: 10 } })).toThrow(
      /timeout 10s must be below the interval 10s/,
    );
  });

  it('sends probe logs to the workspace when given one', () => {
    expect(synth().r('azurerm_monitor_diagnostic_setting')).toHaveLength(0);
    const { r } = synth({ workspaceId: '/subscriptions/x/w' });
    expect(r('azurerm_monitor_diagnostic_setting')[0]!.target_resource_id).toBe(
      ref(r('azurerm_traffic_manager_profile')[0]!),
    );
  });
});
