import { defineConfig } from 'vitest/config';

// Unit, property, integration and simulation tests. End-to-end tests are Playwright's
// (tests/e2e) and benchmarks are `npm run bench` (tests/bench); neither runs here.
export default defineConfig({
  test: {
    include: ['tests/{unit,integration,sim}/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
