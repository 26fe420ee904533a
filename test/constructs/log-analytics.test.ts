import { LogAnalytics } from '../../constructs/log-analytics';
import { synth } from '../helpers/synth-construct';

describe('LogAnalytics', () => {
  const s = synth(
    (scope) =>
      new LogAnalytics(scope, 'm', {
        resourceGroupName: 'rg',
        location: 'eastus2',
        workspaceName: 'log-x',
        appInsightsName: 'appi-x',
        retentionDays: 120,
      }),
  );

  it('keeps data for the configured retention', () => {
    expect(s.one('azurerm_log_analytics_workspace')).toMatchObject({
      retention_in_days: 120,
      sku: 'PerGB2018',
    });
  });

  it('makes Application Insights workspace-based with Entra-only ingestion', () => {
    expect(s.one('azurerm_application_insights')).toMatchObject({
      workspace_id: expect.stringMatching(/azurerm_log_analytics_workspace\..+\.id/),
      local_authentication_disabled: true,
    });
  });

  it('sends both resources’ diagnostics to the workspace', () => {
    const targets = s.of('azurerm_monitor_diagnostic_setting').map((d) => d.target_resource_id);
    expect(targets).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/azurerm_log_analytics_workspace/),
        expect.stringMatching(/azurerm_application_insights/),
      ]),
    );
  });
});
