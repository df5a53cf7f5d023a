import type { AddressInfo } from "node:net";
import fc from "fast-check";
import { afterAll, beforeAll, describe, it } from "vitest";
import { ADAPTERS, startTestServer, type TestServer } from "../test/harness.js";
import type { RequestCounters } from "./model/api-client.js";
import { loadCatalog, type ModelCatalog } from "./model/catalog.js";
import { modelCommands } from "./model/command-arbitraries.js";
import { OwnerPool } from "./model/owner-pool.js";
import { ReferenceModel } from "./model/reference-model.js";
import { verifyEverything } from "./model/step-check.js";
import type { ModelReal } from "./model/step-command.js";
import { reportReliability } from "./report.js";

/**
 * The model-based part of the reliability suite: random sequences of set and member operations go to the real
 * server over HTTP and to an independent reference model (reliability/model/), and after each step the two must
 * agree on every set, its members in order, and the resolutions the step could change; operations the model
 * rejects must fail with the expected problem and change nothing. One fresh owner per run.
 *
 * Replay a failure with what its message prints: `DS_MODEL_SEED=... DS_MODEL_PATH=... DS_MODEL_REPLAY=...`.
 * `DS_MODEL_RUNS` changes the number of runs per adapter.
 */

const RUNS = Number(process.env.DS_MODEL_RUNS ?? 100);
const MAX_COMMANDS = 30;
/** Stops generating new runs (or shrinking) after this long; an interrupted part fails. */
const TIME_LIMIT_MS = 200_000;

if (!process.env.PG_URL && process.env.DS_PG_NOTICE !== "shown") console.warn("[reliability: model] PG_URL is not set: the model-based part runs on SQLite only");

for (const adapter of ADAPTERS) {
  describe(`model-based reliability on ${adapter}`, () => {
    const pool = new OwnerPool(RUNS + 20);
    const counters: RequestCounters = { requests: 0, s5xx: 0, problems: {} };
    let server: TestServer;
    let baseUrl: string;
    let catalog: ModelCatalog;

    beforeAll(async () => {
      server = await startTestServer({ adapter, tokens: pool.tokens });
      await server.app.listen({ host: "127.0.0.1", port: 0 });
      baseUrl = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
      catalog = await loadCatalog((await pool.take(baseUrl, counters)).api);
    });
    afterAll(async () => {
      await server?.close();
    });

    it("agrees with the reference model after every step of random operation sequences", async () => {
      const started = Date.now();
      const counts = { commands: 0, mix: {} };
      let runs = 0;
      const property = fc.asyncProperty(modelCommands(MAX_COMMANDS, process.env.DS_MODEL_REPLAY), async (commands) => {
        runs++;
        const { owner, api } = await pool.take(baseUrl, counters);
        const model = new ReferenceModel(catalog, owner);
        const real: ModelReal = { api, counts, trace: [] };
        await fc.asyncModelRun(() => ({ model, real }), commands);
        try {
          await verifyEverything(model, api);
        } catch (error) {
          if (error instanceof Error) error.message += `\n  (the final check of the run)\n  run (${owner}):\n    ${real.trace.join("\n    ")}`;
          throw error;
        }
      });
      const details = await fc.check(property, {
        numRuns: RUNS,
        interruptAfterTimeLimit: TIME_LIMIT_MS,
        markInterruptAsFailure: true,
        ...(process.env.DS_MODEL_SEED ? { seed: Number(process.env.DS_MODEL_SEED) } : {}),
        ...(process.env.DS_MODEL_PATH ? { path: process.env.DS_MODEL_PATH } : {}),
      });
      reportReliability({
        part: "model",
        adapter,
        requests: counters.requests,
        failures: details.failed ? 1 : 0,
        s5xx: counters.s5xx,
        runs,
        commands: counts.commands,
        mix: counts.mix,
        problems: counters.problems,
        passed_runs: details.numRuns,
        shrinks: details.numShrinks,
        seed: details.seed,
        duration_ms: Date.now() - started,
      });
      if (details.failed) {
        const error = details.errorInstance;
        const why = error instanceof Error ? error.message : String(error);
        const report = fc.defaultReportMessage(details) ?? "";
        const replay = /replayPath="([^"]*)"/.exec(report)?.[1] ?? "";
        throw new Error(
          `${report}\n\nThe shrunk counterexample failed with:\n${why}\n\n` +
            `Replay: DS_MODEL_SEED=${details.seed} DS_MODEL_PATH=${details.counterexamplePath ?? ""} DS_MODEL_REPLAY='${replay}'`,
          { cause: error },
        );
      }
    });
  });
}
