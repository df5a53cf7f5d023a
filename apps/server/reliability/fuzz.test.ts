import { describe, expect, test } from "vitest";
import { ADAPTERS } from "../test/harness.js";
import { fuzzPlans } from "./fuzz/fuzz-plans.js";
import { runFuzz, type FuzzStats } from "./fuzz/fuzz-run.js";
import { openFuzzWorld } from "./fuzz/fuzz-world.js";
import { loadApiDocument } from "./fuzz/openapi-operations.js";
import { openStateProbe } from "./fuzz/state-snapshot.js";
import { reportReliability } from "./report.js";

/**
 * Fuzzing over real HTTP, driven by the committed OpenAPI document: every operation with valid, mutated and hostile
 * bodies, query strings, ids, methods, content types and headers, plus odd targets and malformed bytes on raw
 * sockets. Every answer must be a non-5xx, every error valid problem+json with a known code, and every refused
 * request must change nothing (see `runFuzz` for how state is checked). 10,000 requests per run, split over the
 * adapters. `FUZZ_SEED` replays a run; `FUZZ_REQUESTS` changes the total.
 */
const TOTAL = Number(process.env.FUZZ_REQUESTS ?? 10_000);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
const PER_ADAPTER = Math.ceil(TOTAL / ADAPTERS.length);
if (!process.env.PG_URL && process.env.DS_PG_NOTICE !== "shown") console.warn(`[fuzz] PG_URL is not set: fuzzing SQLite only, with all ${TOTAL} requests`);

const api = loadApiDocument();

describe("fuzzing the REST API over HTTP", () => {
  for (const adapter of ADAPTERS) {
    test(`${adapter}: ${PER_ADAPTER} generated requests, no 5xx, only problem+json errors, refused requests change nothing`, async () => {
      const world = await openFuzzWorld(adapter);
      const probe = await openStateProbe(world.server.database, world.watched);
      try {
        const started = performance.now();
        const stats = await runFuzz(api, world, probe, fuzzPlans(api, SEED, PER_ADAPTER));
        reportReliability({
          part: "fuzz",
          adapter,
          requests: stats.requests,
          failures: stats.failures,
          s5xx: stats.s5xx,
          seed: SEED,
          seconds: Math.round((performance.now() - started) / 100) / 10,
          state_checks: stats.stateChecks,
          findings: stats.findings.size,
          by_status: stats.byStatus,
          routes: stats.routes,
        });
        expect(stats.failures, failureMessage(adapter, stats)).toBe(0);
        expect(stats.requests).toBeGreaterThanOrEqual(PER_ADAPTER);
      } finally {
        await probe.close();
        await world.close();
      }
    });
  }
});

/** The seed to replay with, then each distinct finding with its count and one request that shows it. */
function failureMessage(adapter: string, stats: FuzzStats): string {
  const findings = [...stats.findings].sort(([, a], [, b]) => b.count - a.count);
  const lines = findings
    .slice(0, 25)
    .map(([key, { count, routes, example }]) => `  ${count}x ${key} (${[...routes].slice(0, 6).join(", ")}${routes.size > 6 ? ", ..." : ""})\n      e.g. ${example}`);
  return [
    `fuzz ${adapter}: ${stats.failures} failures, ${stats.s5xx} 5xx in ${stats.requests} requests; ` +
      `replay with FUZZ_SEED=${SEED} FUZZ_REQUESTS=${TOTAL}${process.env.PG_URL ? " and PG_URL set" : " and PG_URL unset"}`,
    ...lines,
    ...(findings.length > 25 ? [`  ... ${findings.length - 25} more distinct findings`] : []),
  ].join("\n");
}
