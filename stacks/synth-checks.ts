/**
 * Stack validations of the whole app before anything is written, so every problem of every stack is reported
 * at once (app.synth() stops at the first failing stack and wraps the messages in a stack trace).
 */
import type { App } from 'cdktf';
import { TerraformStack } from 'cdktf';
// Aspects register validations (e.g. diagnostics coverage), so they run first, as app.synth() does; every
// aspect here is idempotent, and app.synth() invokes them again.
import { invokeAspects } from 'cdktf/lib/synthesize/synthesizer';

/** A user-facing synthesis failure: one line per problem, printed without a stack trace. */
export class SynthesisError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`${problems.length} synthesis error${problems.length === 1 ? '' : 's'}:\n${problems.join('\n')}`);
  }
}

/** Every validation message of every stack, in stack order. */
export function validationProblems(app: App): string[] {
  const problems: string[] = [];
  for (const stack of app.node.findAll().filter(TerraformStack.isStack)) {
    invokeAspects(stack);
    for (const node of stack.node.findAll()) problems.push(...node.node.validate());
  }
  return problems;
}

export function assertValid(app: App): void {
  const problems = validationProblems(app);
  if (problems.length) throw new SynthesisError(problems);
}
