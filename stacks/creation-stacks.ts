/**
 * Synthesis without cdktf's token creation stacks. cdktf records a full stack trace for every token it creates
 * (Lazy, Intrinsic, complex attributes: about 7,200 in a synth of the shipped matrix), to print only if that token
 * later fails to resolve. The App's `stackTraces: false` turns off the traces in annotation metadata only;
 * lowering `Error.stackTraceLimit` does not help either, as cdktf raises it to MAX_SAFE_INTEGER around its own
 * `Error.captureStackTrace` call (cdktf/lib/tokens/private/stack-trace.js). Upstream: hashicorp/terraform-cdk#3892
 * (its workaround stubs that helper); CDK Terrain added `CDKTN_DISABLE_CREATION_STACK`
 * (open-constructs/cdk-terrain#215); AWS CDK dropped token traces (aws/aws-cdk#37642).
 *
 * The shim needs no cdktf internals: while `run` runs, a capture at that raised limit is skipped (the target keeps
 * its empty `stack`, which cdktf reads as no trace). Errors thrown meanwhile keep their stacks (V8 fills those
 * without this function), and so does any capture at another limit. The output is unchanged (test/cli).
 * FOOTPRINT_CREATION_STACKS=1 keeps the traces, for debugging a token that does not resolve.
 */
export function withoutCreationStacks<T>(run: () => T): T {
  if (process.env.FOOTPRINT_CREATION_STACKS === '1') return run();
  const original = Error.captureStackTrace;
  Error.captureStackTrace = function captureStackTrace(
    target: object,
    below?: Parameters<typeof original>[1],
  ) {
    if (Error.stackTraceLimit === Number.MAX_SAFE_INTEGER) return;
    original(target, below);
  };
  try {
    return run();
  } finally {
    Error.captureStackTrace = original;
  }
}
