/**
 * A plan JSON safe to keep as a CI artefact: only `format_version`, `terraform_version`, `resource_changes`
 * and `output_changes`, with every value a sensitivity mask marks replaced by "(sensitive)". The plan's
 * `configuration` (it holds the provider block's constant expressions, such as a client secret),
 * `prior_state`, `planned_values` and `variables` hold secrets in clear and are dropped.
 */
import type { Json } from '../../contract/out';
import type { TfChange, TfPlan } from './plan';
import { redact, SENSITIVE } from './walk';

/** What a sensitive value that changes becomes in `after`, so the redacted plan still shows the change. */
export const SENSITIVE_CHANGED = '(sensitive, changed)';

const isObj = (v: unknown): v is { [k: string]: Json } =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function sub(mask: Json | undefined, step: string | number): Json | undefined {
  if (mask === true) return true;
  if (Array.isArray(mask) && typeof step === 'number') return mask[step];
  if (isObj(mask) && typeof step === 'string') return mask[step];
  return undefined;
}

/** Before and after redacted together: a sensitive value that differs is marked changed, never shown. */
function redactPair(
  b: Json | undefined,
  a: Json | undefined,
  bm: Json | undefined,
  am: Json | undefined,
): [Json | undefined, Json | undefined] {
  if (bm === true || am === true) {
    const hide = (v: Json | undefined, mark: string) => (v === null || v === undefined ? v : mark);
    const same = JSON.stringify(b) === JSON.stringify(a);
    return [hide(b, SENSITIVE), hide(a, same ? SENSITIVE : SENSITIVE_CHANGED)];
  }
  if (Array.isArray(b) && Array.isArray(a)) {
    const rb: Json[] = [];
    const ra: Json[] = [];
    for (let i = 0; i < Math.max(b.length, a.length); i++) {
      const [x, y] = redactPair(b[i], a[i], sub(bm, i), sub(am, i));
      if (i < b.length) rb.push(x ?? null);
      if (i < a.length) ra.push(y ?? null);
    }
    return [rb, ra];
  }
  if (isObj(b) && isObj(a)) {
    const rb: { [k: string]: Json } = {};
    const ra: { [k: string]: Json } = {};
    for (const k of [...new Set([...Object.keys(b), ...Object.keys(a)])]) {
      const [x, y] = redactPair(b[k], a[k], sub(bm, k), sub(am, k));
      if (k in b) rb[k] = x ?? null;
      if (k in a) ra[k] = y ?? null;
    }
    return [rb, ra];
  }
  return [redact(b, bm), redact(a, am)];
}

function redactChange(c: TfChange): TfChange {
  const [before, after] = redactPair(c.before, c.after, c.before_sensitive, c.after_sensitive);
  return { ...c, before: before ?? null, after: after ?? null };
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
