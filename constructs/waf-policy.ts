/**
 * The edge WAF of Front Door: Prevention mode, Microsoft's managed rule sets where the SKU and cloud have them,
 * and per-client-IP rate limits that shed abusive load before it reaches a stamp.
 */
import { Construct } from 'constructs';
import {
  CdnFrontdoorFirewallPolicy,
  type CdnFrontdoorFirewallPolicyCustomRule,
  type CdnFrontdoorFirewallPolicyManagedRule,
} from '@cdktf/provider-azurerm/lib/cdn-frontdoor-firewall-policy';

export interface RateLimit {
  /** Letters and digits, unique in the policy. */
  readonly name: string;
  /** Requests per client IP per window before the WAF blocks. */
  readonly threshold: number;
  /** @default 1 */
  readonly windowMinutes?: 1 | 5;
  /** Only requests whose path starts with one of these. @default every request */
  readonly pathPrefixes?: readonly string[];
}

export interface WafPolicyProps {
  /** Letters and digits only. */
  readonly name: string;
  readonly resourceGroupName: string;
  /** Must match the Front Door profile's SKU. */
  readonly sku: 'Premium' | 'Standard';
  readonly rateLimits: readonly RateLimit[];
  /**
   * Microsoft_DefaultRuleSet 2.1 and Microsoft_BotManagerRuleSet 1.1 (Premium only; ignored on Standard).
   * @default true
   */
  readonly managedRuleSets?: boolean;
  /**
   * Detection only logs; use it briefly when tuning false positives.
   * @default 'Prevention'
   */
  readonly mode?: 'Prevention' | 'Detection';
}

/** Managed rule sets on Premium: the OWASP-based default rules and bot protection. */
export const MANAGED_RULE_SETS: readonly CdnFrontdoorFirewallPolicyManagedRule[] = [
  { type: 'Microsoft_DefaultRuleSet', version: '2.1', action: 'Block' },
  { type: 'Microsoft_BotManagerRuleSet', version: '1.1', action: 'Block' },
];

/** Custom rules are evaluated before managed rules, in priority order. */
const FIRST_CUSTOM_PRIORITY = 100;

/**
 * A rate-limit rule needs a match condition. Every request: "not from 192.0.2.0/24" (TEST-NET-1, never a real
 * client), as Microsoft's own sample does. Path prefixes: a regex on RequestUri that accepts both the path and a
 * full URL, so the rule cannot silently miss whichever form the edge evaluates.
 */
export function rateLimitRule(limit: RateLimit, priority: number): CdnFrontdoorFirewallPolicyCustomRule {
  const prefixes = limit.pathPrefixes ?? [];
  const escape = (p: string) => p.replace(/\*+$/, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return {
    name: limit.name,
    enabled: true,
    priority,
    type: 'RateLimitRule',
    action: 'Block',
    rateLimitThreshold: limit.threshold,
    rateLimitDurationInMinutes: limit.windowMinutes ?? 1,
    matchCondition: prefixes.length
      ? [
          {
            matchVariable: 'RequestUri',
            operator: 'RegEx',
            matchValues: prefixes.map((p) => `^(https?://[^/]+)?${escape(p)}`),
          },
        ]
      : [
          {
            matchVariable: 'RemoteAddr',
            operator: 'IPMatch',
            negationCondition: true,
            matchValues: ['192.0.2.0/24'],
          },
        ],
  };
}

export class WafPolicy extends Construct {
  readonly policy: CdnFrontdoorFirewallPolicy;

  constructor(scope: Construct, id: string, props: WafPolicyProps) {
    super(scope, id);
    const managed = props.sku === 'Premium' && (props.managedRuleSets ?? true);
    this.policy = new CdnFrontdoorFirewallPolicy(this, 'policy', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      skuName: `${props.sku}_AzureFrontDoor`,
      enabled: true,
      mode: props.mode ?? 'Prevention',
      requestBodyCheckEnabled: true,
      customRule: props.rateLimits.map((l, i) => rateLimitRule(l, FIRST_CUSTOM_PRIORITY + i)),
      ...(managed ? { managedRule: [...MANAGED_RULE_SETS] } : {}),
    });
  }

  get id(): string {
    return this.policy.id;
  }
}
