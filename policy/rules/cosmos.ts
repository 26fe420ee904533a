/** Cosmos DB accounts: Checkov CKV_AZURE_*, KICS private endpoint, APRL multi-region, zones and backup. */
import type { Resource } from '../../contract/out';
import { asList, get, isSet, isTrue, localAuthStillOn, show } from '../attrs';
import { attrRule, equals, oneOf, resourceRule } from '../rule';
import type { Rule } from '../types';
import { hasZones } from './context';
import { privateEndpointRule } from './private-endpoint';

const ACCOUNT = 'azurerm_cosmosdb_account';

/** `kind = "GlobalDocumentDB"` written out (Checkov's CKV_AZURE_140 sees nothing else, not even the default). */
function explicitSqlKind(r: Resource): boolean {
  return r.attrs.kind === 'GlobalDocumentDB';
}

export const cosmosRules: Rule[] = [
  attrRule({
    id: 'CKV_AZURE_101',
    severity: 'high',
    differs:
      'does not carry CKV_AZURE_99, which also passes public access limited by a VNet filter or IP ranges.',
    title: 'Cosmos DB public network access disabled',
    types: [ACCOUNT],
    path: 'public_network_access_enabled',
    expected: 'false',
    ok: equals(false),
    absent: 'fail',
    fix: 'Set public_network_access_enabled = false and reach the account through private endpoints.',
  }),
  attrRule({
    id: 'CKV_AZURE_140',
    severity: 'high',
    title: 'Cosmos DB keys disabled (Entra ID only)',
    types: [ACCOUNT],
    // Checkov judges only an explicit kind GlobalDocumentDB (else UNKNOWN); FP_COSMOS_LOCAL_AUTH covers the rest.
    when: (r) => explicitSqlKind(r),
    path: 'local_authentication_disabled',
    expected: 'true',
    ok: equals(true),
    absent: 'fail',
    fix: 'Set local_authentication_disabled = true.',
  }),
  resourceRule({
    id: 'FP_COSMOS_LOCAL_AUTH',
    severity: 'high',
    title: 'Cosmos DB keys disabled (Entra ID only) for any account kind',
    types: [ACCOUNT],
    differs:
      'extends CKV_AZURE_140 (only kind = "GlobalDocumentDB" written explicitly) to every kind, and accepts the azurerm 4.78+ local_authentication_enabled = false.',
    fix: 'Set local_authentication_disabled = true (azurerm >= 4.78: local_authentication_enabled = false).',
    test: (r) => (explicitSqlKind(r) ? undefined : localAuthStillOn(r.attrs)),
  }),
  attrRule({
    id: 'CKV_AZURE_100',
    severity: 'medium',
    title: 'Cosmos DB data encrypted with a customer-managed key',
    types: [ACCOUNT],
    path: 'key_vault_key_id',
    expected: 'a versionless Key Vault key id',
    ok: isSet,
    absent: 'fail',
    fix: 'Turn on encryption.customerManagedKeys for the environment (key_vault_key_id; forces a new account).',
  }),
  attrRule({
    id: 'CKV_AZURE_132',
    severity: 'medium',
    title: 'Cosmos DB metadata writes need Azure RBAC',
    types: [ACCOUNT],
    path: 'access_key_metadata_writes_enabled',
    expected: 'false',
    ok: equals(false),
    absent: 'fail',
    fix: 'Set access_key_metadata_writes_enabled = false.',
  }),
  privateEndpointRule({
    id: 'KICS-azure_paas_private_endpoint_missing',
    severity: 'high',
    title: 'Cosmos DB reached through a private endpoint',
    type: ACCOUNT,
    fix: 'Add an azurerm_private_endpoint (subresource Sql) in each stamp that targets the account id.',
  }),
  resourceRule({
    id: 'APRL-43663217',
    severity: 'high',
    title: 'Cosmos DB replicated to at least two regions (three for Strong)',
    types: [ACCOUNT],
    tiers: ['staging', 'prod'],
    fix: 'Add a geo_location per region of the environment.',
    test(r) {
      const n = asList(r.attrs.geo_location).length;
      const strong = get(r.attrs, 'consistency_policy.consistency_level') === 'Strong';
      const want = strong ? 3 : 2;
      return n >= want
        ? undefined
        : { attribute: 'geo_location', expected: `>= ${want} locations`, found: String(n) };
    },
  }),
  resourceRule({
    id: 'APRL-9cabded7',
    severity: 'high',
    title: 'Cosmos DB fails over without an operator',
    types: [ACCOUNT],
    fix: 'Set automatic_failover_enabled = true (or multiple_write_locations_enabled = true).',
    test(r) {
      if (asList(r.attrs.geo_location).length <= 1) return undefined;
      if (isTrue(r.attrs.automatic_failover_enabled) || isTrue(r.attrs.multiple_write_locations_enabled))
        return undefined;
      return {
        attribute: 'automatic_failover_enabled',
        expected: 'true',
        found: show(r.attrs.automatic_failover_enabled),
      };
    },
  }),
  resourceRule({
    id: 'APRL-921631f6',
    severity: 'medium',
    title: 'Cosmos DB zone redundant in regions with zones',
    types: [ACCOUNT],
    capability: 'cosmosZoneRedundancy',
    fix: 'Set zone_redundant = true on every geo_location in a region with availability zones.',
    test(r, ctx) {
      return asList(r.attrs.geo_location).flatMap((g, i) =>
        typeof g.location === 'string' && hasZones(g.location, ctx) && !isTrue(g.zone_redundant)
          ? [
              {
                attribute: `geo_location[${i}].zone_redundant`,
                expected: `true (${g.location} has zones)`,
                found: show(g.zone_redundant),
              },
            ]
          : [],
      );
    },
  }),
  resourceRule({
    id: 'FP_COSMOS_ZONES_UNSUPPORTED',
    severity: 'high',
    title: 'Cosmos DB zone redundancy only where the region has zones',
    types: [ACCOUNT],
    fix: 'Set zone_redundant = false on geo_locations in regions without availability zones (the create fails).',
    test(r, ctx) {
      return asList(r.attrs.geo_location).flatMap((g, i) =>
        typeof g.location === 'string' &&
        ctx.env.regions.some((x) => x.region === g.location) &&
        !hasZones(g.location, ctx) &&
        isTrue(g.zone_redundant)
          ? [
              {
                attribute: `geo_location[${i}].zone_redundant`,
                expected: `false (${g.location} has no availability zones)`,
                found: show(g.zone_redundant),
              },
            ]
          : [],
      );
    },
  }),
  attrRule({
    id: 'APRL-e544520b',
    severity: 'medium',
    title: 'Cosmos DB continuous backup (point-in-time restore)',
    types: [ACCOUNT],
    capability: 'cosmosContinuousBackup',
    path: 'backup.type',
    expected: 'Continuous',
    ok: oneOf('Continuous'),
    absent: 'fail',
    fix: 'Set backup { type = "Continuous", tier = "Continuous30Days" }.',
  }),
];
