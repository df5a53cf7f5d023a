// cli.startup: `deployment-sets sets list --json` on an empty database, the whole process, against `node -e 0` on
// the same machine in the same run (alternating, so both see the same noise). Target: at most 250 ms over it.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { median, positiveIntEnv, quantile, report, round, timed } from "@deployment-sets/bench-fixtures";

const BIN = fileURLToPath(new URL("../dist/bin.js", import.meta.url));
const runs = positiveIntEnv("BENCH_CLI_RUNS", 21);
const dir = mkdtempSync(join(tmpdir(), "ds-cli-bench-"));
const env = { ...process.env, DATABASE_URL: join(dir, "empty.db"), DS_SERVER: "", NO_COLOR: "1" };

function spawn(args: string[]): void {
  const result = spawnSync(process.execPath, args, { env, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${args.join(" ")} exited ${result.status}: ${result.stderr}`);
}

try {
  spawn([BIN, "sets", "list", "--json"]); // creates and migrates the database: not part of a start
  const ours: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < runs; i++) {
    baseline.push(timed(() => spawn(["-e", "0"])).ms);
    ours.push(timed(() => spawn([BIN, "sets", "list", "--json"])).ms);
  }
  const ms = median(ours);
  const baselineMs = median(baseline);
  report({
    case: "cli.startup",
    ms: round(ms),
    baseline_ms: round(baselineMs),
    over_ms: round(ms - baselineMs),
    p90_ms: round(quantile(ours, 0.9)),
    runs,
    target: "at most 250 ms over node -e 0",
    target_met: ms - baselineMs <= 250,
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
