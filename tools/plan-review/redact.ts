/**
 * A plan JSON safe to keep as a CI artefact: only `format_version`, `terraform_version`, `resource_changes`
 * and `output_changes`, with every value a sensitivity mask marks replaced by "(sensitive)". The plan's
 * `configuration` (it holds the provider block's constant expressions, such as a client secret),
 * `prior_state`, `planned_values` and `variables` hold secrets in clear and are dropped.
 */
import type { Json } from '../../contract/out';
import type { TfChange, TfPlan } from './plan';
import { redact } from './walk';

function redactChange(c: TfChange): TfChange {
  return {
    ...c,
    before: redact(c.before, c.before_sensitive) ?? null,
    after: redact(c.after, c.after_sensitive) ?? null,
  };
}

/** Resource references of the configuration, kept so a review can tell which updates follow a replacement. */
function references(plan: TfPlan): Json {
  const resources =
    (plan.configuration as { root_module?: { resources?: { address: string; expressions?: Json }[] } })
      ?.root_module?.resources ?? [];
  const refs = (v: Json | undefined, out: string[]) => {
    if (Array.isArray(v)) v.forEach((x) => refs(x, out));
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'references' && Array.isArray(x))
          out.push(...x.filter((s): s is string => typeof s === 'string'));
        else refs(x, out);
      }
    }
    return out;
  };
  return {
    root_module: {
      resources: resources.map((r) => ({
        address: r.address,
        expressions: { refs: { references: [...new Set(refs(r.expressions, []))] } },
      })),
    },
  };
}

export function redactPlan(plan: TfPlan): Json {
  return {
    format_version: plan.format_version,
    ...(plan.terraform_version ? { terraform_version: plan.terraform_version } : {}),
    resource_changes: (plan.resource_changes ?? []).map((r) => ({
      ...r,
      change: redactChange(r.change),
    })) as unknown as Json,
    output_changes: Object.fromEntries(
      Object.entries(plan.output_changes ?? {}).map(([k, c]) => [k, redactChange(c)]),
    ) as unknown as Json,
    configuration: references(plan),
  };
}
