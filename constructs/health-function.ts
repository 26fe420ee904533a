/**
 * The stamp's health score as a KQL function saved in its Log Analytics workspace
 * (`azurerm_log_analytics_saved_search` with `function_alias`), so the workbook, an operator and the
 * application's deep health check all call the same `StampHealthScore()`. Every argument of the resource is
 * ForceNew in azurerm 4.55.0: a changed query replaces the function (a moment without it, nothing else).
 */
import { Construct } from 'constructs';
import { LogAnalyticsSavedSearch } from '@cdktf/provider-azurerm/lib/log-analytics-saved-search';

export interface HealthFunctionProps {
  readonly workspaceId: string;
  /** KQL body (model/health-model.ts `healthScoreQuery`). */
  readonly query: string;
  /** What queries call, e.g. `StampHealthScore`. */
  readonly alias: string;
  /**
   * `name:type` or `name:type=default` each (azurerm `function_parameters`).
   * @default none
   */
  readonly parameters?: readonly string[];
  /**
   * Saved-search category shown in the workspace.
   * @default 'HealthModel'
   */
  readonly category?: string;
}

/** Terraform would evaluate these inside the query string. */
const TEMPLATE = /[$%]\{/;
/** The provider's own check of a parameter (log_analytics_saved_search_resource.go), simple form only. */
const PARAMETER = /^[a-zA-Z_][a-zA-Z0-9-_]*:[a-z]+(=[^,\n]+)?$/;

export class HealthFunction extends Construct {
  readonly savedSearch: LogAnalyticsSavedSearch;

  constructor(scope: Construct, id: string, props: HealthFunctionProps) {
    super(scope, id);
    if (TEMPLATE.test(props.query))
      throw new Error(`HealthFunction ${this.node.path}: the query holds a Terraform template sequence`);
    const bad = (props.parameters ?? []).filter((p) => !PARAMETER.test(p));
    if (bad.length)
      throw new Error(
        `HealthFunction ${this.node.path}: parameters must be name:type[=default], got ${bad.join(', ')}`,
      );
    this.savedSearch = new LogAnalyticsSavedSearch(this, 'function', {
      name: props.alias,
      logAnalyticsWorkspaceId: props.workspaceId,
      category: props.category ?? 'HealthModel',
      displayName: props.alias,
      query: props.query,
      functionAlias: props.alias,
      ...(props.parameters?.length ? { functionParameters: [...props.parameters] } : {}),
    });
  }
}
