/**
 * "A private endpoint exists for this resource" (Checkov CKV2_AZURE_32/33, KICS azure_paas_private_endpoint_missing).
 * The endpoint may live in another stack of the environment and name the target by its synth-time ARM id, except
 * with `sameStack`: Checkov's graph only connects resources of one scanned file by a Terraform reference.
 */
import { get, referrers } from '../attrs';
import { sameStack as inStack } from '../lookup';
import { referencesIn } from '../../contract/out';
import { resourceRule, singleTypeMeta, type SingleTypeMeta } from '../rule';
import type { Rule } from '../types';

export const PRIVATE_ENDPOINT = 'azurerm_private_endpoint';
const TARGET = 'private_service_connection.private_connection_resource_id';

export function privateEndpointRule(meta: SingleTypeMeta & { readonly sameStack?: boolean }): Rule {
  const { sameStack, ...rest } = meta;
  return resourceRule({
    ...singleTypeMeta(rest),
    test(r, ctx) {
      const endpoints = ctx.resources(PRIVATE_ENDPOINT);
      const found = sameStack
        ? inStack(endpoints, r.stack).some((e) => referencesIn(get(e.attrs, TARGET)).includes(r.address))
        : referrers(endpoints, TARGET, r).length > 0;
      return found
        ? undefined
        : {
            attribute: PRIVATE_ENDPOINT,
            expected: `a private endpoint whose ${TARGET} is this resource`,
            found: 'none',
          };
    },
  });
}
