/**
 * Jest config for `npm run mutate`: the in-process tests only. test/cli runs dist/ in child processes, which
 * Stryker's per-test coverage cannot credit, and it is most of the suite's time.
 */
const base = require('./jest.config');

module.exports = {
  ...base,
  testMatch: [
    '<rootDir>/test/unit/**/*.test.ts',
    '<rootDir>/test/policy/**/*.test.ts',
    '<rootDir>/test/constructs/network.test.ts',
    '<rootDir>/test/stacks/stamp.test.ts',
    '<rootDir>/test/stacks/resilience.test.ts',
    '<rootDir>/test/stacks/client-policy-library.test.ts',
    // Reviews the plan fixtures in process (only its exit-code cases spawn dist/).
    '<rootDir>/test/cli/plan-review.test.ts',
  ],
  // The bench's generators validate a 2,000-stamp matrix: instrumented, one run of it outlasts the timeout.
  testPathIgnorePatterns: ['<rootDir>/test/unit/bench.test.ts'],
};
