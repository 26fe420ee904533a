/** Every rule, by family. Ids are unique (a test holds this); waivers name them. */
import { aksRules } from './rules/aks';
import { cosmosRules } from './rules/cosmos';
import { encryptionRules } from './rules/encryption';
import { frontDoorRules } from './rules/front-door';
import { keyVaultRules } from './rules/key-vault';
import { monitorReferenceRules } from './rules/monitor-reference';
import { monitoringRules } from './rules/monitoring';
import { networkRules } from './rules/network';
import { providerRules } from './rules/providers';
import { residencyRules } from './rules/residency';
import { storageRules } from './rules/storage';
import { tagRules } from './rules/tags';
import { templateRules } from './rules/templates';
import type { Rule } from './types';

/** Rules the engine itself reports (waiver hygiene); listed so ids, severities and fixes are in one place. */
export const WAIVER_EXPIRED: Rule = {
  id: 'FP_WAIVER_EXPIRED',
  severity: 'high',
  title: 'A waiver is past its expiry date',
  types: [],
  fix: 'Fix the finding and delete the waiver, or renew it with a new reason and date.',
  check: () => [],
};

export const WAIVER_UNUSED: Rule = {
  id: 'FP_WAIVER_UNUSED',
  severity: 'low',
  title: 'A waiver matches no finding (fixed, renamed or mistyped)',
  types: [],
  fix: 'Delete the waiver, or correct its rule id or resource pattern.',
  check: () => [],
};

export const FAMILIES: Readonly<Record<string, readonly Rule[]>> = {
  aks: aksRules,
  cosmos: cosmosRules,
  encryption: encryptionRules,
  'front-door': frontDoorRules,
  'key-vault': keyVaultRules,
  storage: storageRules,
  network: networkRules,
  monitoring: monitoringRules,
  'monitor-reference': monitorReferenceRules,
  residency: residencyRules,
  providers: providerRules,
  tags: tagRules,
  templates: templateRules,
  waivers: [WAIVER_EXPIRED, WAIVER_UNUSED],
};

export const RULES: readonly Rule[] = Object.values(FAMILIES).flat();

export function familyOf(rule: Rule): string {
  return Object.entries(FAMILIES).find(([, rules]) => rules.includes(rule))?.[0] ?? '';
}

/** Rule by id or alias. */
export function findRule(id: string, rules: readonly Rule[] = RULES): Rule | undefined {
  return rules.find((r) => r.id === id || r.aliases?.includes(id));
}
