import { defineConfig } from "vitest/config";

/**
 * The reliability suite (`reliability/`): fuzzing, model-based tests, several server processes, faults, a soak
 * and the security matrix, over real HTTP against SQLite and PostgreSQL. Its parts measure latency and memory, so
 * they run one file at a time, after every other package's tests (see turbo.json), on as quiet a machine as CI has.
 * Each part prints one `RELIABILITY {json}` line.
 */
export default defineConfig({
  test: {
    include: ["reliability/**/*.test.ts"],
    environment: "node",
    reporters: ["default", "json"],
    outputFile: { json: "test-results/reliability.json" },
    pool: "forks",
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 240_000,
    hookTimeout: 120_000,
  },
});
