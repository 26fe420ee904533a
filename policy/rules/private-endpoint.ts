/**
 * "A private endpoint exists for this resource" (Checkov CKV2_AZURE_32/33, KICS azure_paas_private_endpoint_missing).
 * The endpoint may live in another stack of the environment and name the target by its synth-time ARM id.
 */
import { referrers } from '../attrs';
import { resourceRule, singleTypeMeta, type SingleTypeMeta } from '../rule';
import type { Rule } from '../types';

export const PRIVATE_ENDPOINT = 'azurerm_private_endpoint';
const TARGET = 'private_service_connection.private_connection_resource_id';

export function privateEndpointRule(meta: SingleTypeMeta): Rule {
  return resourceRule({
    ...singleTypeMeta(meta),
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
