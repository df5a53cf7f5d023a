import { defineConfig } from "vitest/config";

/**
 * Shared vitest settings. Tests sit next to the code (`src/**`) and in `test/`; every run also writes a JSON
 * report that `.ci/run` sums into its `N passed, N failed` line.
 */
export const sharedVitestConfig = defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    environment: "node",
    reporters: ["default", "json"],
    outputFile: { json: "test-results/vitest.json" },
    pool: "forks",
    maxWorkers: 2,
    // Packages' suites run side by side on small machines (2 cores in CI): time limits are for hangs, not speed.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
