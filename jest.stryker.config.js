/**
 * Jest config for `npm run mutate`: the fast in-process tests only (test/unit, test/policy, and the plan-review
 * suite, which reviews its plan fixtures in process; only its exit-code cases spawn dist/). test/cli otherwise
 * runs dist/ in child processes, which Stryker's per-test coverage cannot credit; the stack tests synthesize
 * whole environments, seconds per mutant on a shared 2-core machine.
 */
const base = require('./jest.config');

module.exports = {
  ...base,
  testMatch: [
    '<rootDir>/test/unit/**/*.test.ts',
    '<rootDir>/test/policy/**/*.test.ts',
    '<rootDir>/test/cli/plan-review.test.ts',
  ],
  // The bench's generators validate a 2,000-stamp matrix: instrumented, one run of it outlasts the timeout.
  testPathIgnorePatterns: ['<rootDir>/test/unit/bench.test.ts'],
};
