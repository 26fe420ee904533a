/** The health score saved as a KQL function in a workspace (azurerm_log_analytics_saved_search). */
import { HealthFunction } from '../../constructs/health-function';
import { HEALTH_FUNCTION, HEALTH_SIGNALS, healthScoreQuery } from '../../model/health-model';
import { FORCE_NEW } from '../../model/provider-facts';
import { synth } from '../helpers/synth-construct';

const WS = '/subscriptions/0/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/log-x';
const query = healthScoreQuery(HEALTH_SIGNALS, (id) => `docs/runbooks/${id}.md`);

describe('HealthFunction', () => {
  it('saves the query as a function with its alias and parameters in the workspace', () => {
    const s = synth((scope) => {
      new HealthFunction(scope, 'health', {
        workspaceId: WS,
        query,
        alias: HEALTH_FUNCTION.alias,
        parameters: HEALTH_FUNCTION.parameters,
      });
    });
    expect(s.one('azurerm_log_analytics_saved_search')).toEqual({
      name: 'StampHealthScore',
      display_name: 'StampHealthScore',
      category: 'HealthModel',
      function_alias: 'StampHealthScore',
      function_parameters: ['lookback:timespan=15m'],
      log_analytics_workspace_id: WS,
      query,
    });
  });

  it('leaves function_parameters out when there are none', () => {
    const s = synth((scope) => {
      new HealthFunction(scope, 'health', { workspaceId: WS, query: 'print 1', alias: 'F' });
    });
    expect(s.one('azurerm_log_analytics_saved_search').function_parameters).toBeUndefined();
  });

  it('refuses a query Terraform would template and a parameter the provider rejects', () => {
    for (const bad of ['print x = "${var.x}"', 'print "%{ if true }"'])
      expect(() =>
        synth((scope) => {
          new HealthFunction(scope, 'health', { workspaceId: WS, query: bad, alias: 'F' });
        }),
      ).toThrow(/Terraform template sequence/);
    expect(() =>
      synth((scope) => {
        new HealthFunction(scope, 'health', {
          workspaceId: WS,
          query: 'print 1',
          alias: 'F',
          parameters: ['Lookback:TimeSpan'],
        });
      }),
    ).toThrow(/parameters must be name:type\[=default\], got Lookback:TimeSpan/);
  });

  it('is replaced on any change: every argument is ForceNew in azurerm 4.55.0', () => {
    expect(FORCE_NEW.azurerm_log_analytics_saved_search?.forceNew).toEqual(
      expect.arrayContaining([
        'query',
        'function_alias',
        'function_parameters',
        'log_analytics_workspace_id',
      ]),
    );
  });
});
