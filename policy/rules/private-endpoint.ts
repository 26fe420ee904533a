/**
 * "A private endpoint exists for this resource" (Checkov CKV2_AZURE_32/33, KICS azure_paas_private_endpoint_missing).
 * The endpoint may live in another stack of the environment and name the target by its synth-time ARM id.
 */
import { referrers } from '../attrs';
import { resourceRule } from '../rule';
import type { Rule, Severity } from '../types';

export const PRIVATE_ENDPOINT = 'azurerm_private_endpoint';
const TARGET = 'private_service_connection.private_connection_resource_id';

export function privateEndpointRule(meta: {
  id: string;
  aliases?: string[];
  severity: Severity;
  title: string;
  type: string;
  fix: string;
}): Rule {
  return resourceRule({
    id: meta.id,
    ...(meta.aliases ? { aliases: meta.aliases } : {}),
    severity: meta.severity,
    title: meta.title,
    types: [meta.type],
    fix: meta.fix,
    test(r, ctx) {
      return referrers(ctx.resources(PRIVATE_ENDPOINT), TARGET, r).length > 0
        ? undefined
        : {
            attribute: PRIVATE_ENDPOINT,
            expected: `a private endpoint whose ${TARGET} is this resource`,
            found: 'none',
          };
    },
  });
}
