/** The creation-stack shim: cdktf's token traces are skipped while it runs, nothing else is. */
import { Lazy } from 'cdktf';
import { withoutCreationStacks } from '../../stacks/creation-stacks';

const token = () => Lazy.anyValue({ produce: () => 'x' });

describe('withoutCreationStacks', () => {
  const saved = process.env.FOOTPRINT_CREATION_STACKS;
  afterEach(() => {
    if (saved === undefined) delete process.env.FOOTPRINT_CREATION_STACKS;
    else process.env.FOOTPRINT_CREATION_STACKS = saved;
  });
  beforeEach(() => delete process.env.FOOTPRINT_CREATION_STACKS);

  it('cdktf records a creation stack for every token, even with Error.stackTraceLimit = 0', () => {
    expect(token().creationStack.length).toBeGreaterThan(0);
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      // cdktf raises the limit around its own capture, so lowering it is no switch.
      expect(token().creationStack.length).toBeGreaterThan(0);
    } finally {
      Error.stackTraceLimit = limit;
    }
  });

  it('skips them while it runs, and only then', () => {
    const original = Error.captureStackTrace;
    const inside = withoutCreationStacks(() => token().creationStack);
    expect(inside).toEqual([]);
    expect(Error.captureStackTrace).toBe(original);
    expect(token().creationStack.length).toBeGreaterThan(0);
  });

  it('restores Error.captureStackTrace when the run throws, and the error keeps its stack', () => {
    const original = Error.captureStackTrace;
    let thrown: Error | undefined;
    try {
      withoutCreationStacks(() => {
        throw new Error('boom');
      });
    } catch (e) {
      thrown = e as Error;
    }
    expect(thrown?.stack).toMatch(/boom\n\s+at /);
    expect(Error.captureStackTrace).toBe(original);
  });

  it('leaves every other capture alone', () => {
    const stack = withoutCreationStacks(() => {
      const target: { stack?: string } = {};
      Error.captureStackTrace(target);
      return target.stack;
    });
    expect(stack).toMatch(/\n\s+at /);
  });

  it('keeps the traces with FOOTPRINT_CREATION_STACKS=1', () => {
    process.env.FOOTPRINT_CREATION_STACKS = '1';
    expect(withoutCreationStacks(() => token().creationStack).length).toBeGreaterThan(0);
  });
});
