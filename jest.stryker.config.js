/**
 * Jest config for `npm run mutate`: the fast in-process tests only (test/unit, test/policy, and the plan-review
 * suite, which reviews its plan fixtures in process; only its exit-code cases spawn dist/). test/cli otherwise
 * runs dist/ in child processes, which Stryker's per-test coverage cannot credit; the stack tests synthesize
 * whole environments, seconds per mutant on a shared 2-core machine.
 *
 * STRYKER_TESTS=<path>,<path> narrows the set for a per-file run (README, "Mutation testing"): every mutant of
 * the config rules is covered by each of the ~90 tests that load a config, so a run of that file with the whole
 * set takes hours, and with its own tests minutes. Killed results carry over into the full run; what survived is
 * tested again there against every test that covers it.
 */
const base = require('./jest.config');

const ALL = [
  '<rootDir>/test/unit/**/*.test.ts',
  '<rootDir>/test/policy/**/*.test.ts',
  '<rootDir>/test/cli/plan-review.test.ts',
];
const only = (process.env.STRYKER_TESTS ?? '')
  .split(',')
  .map((p) => p.trim())
  .filter(Boolean)
  .map((p) => `<rootDir>/${p}`);

module.exports = {
  ...base,
  testMatch: only.length ? only : ALL,
  // The bench's generators validate a 2,000-stamp matrix: instrumented, one run of it outlasts the timeout.
  testPathIgnorePatterns: ['<rootDir>/test/unit/bench.test.ts'],
};
