/**
 * Bench cases `deploy.cold`, `deploy.warm` and `deploy.plan`: the filesystem deployer writing 500 artifacts
 * (300 skill folders of 4 files of about 2 KB, 100 commands and 100 agents) into a project.
 *
 * - `deploy.cold`: into an empty project with a fresh deployer (no caches). Baseline in the same run:
 *   `cp -r` of the same sources into another empty folder (a spawned `cp`). Target: `ms / baseline_ms <= 3`.
 * - `deploy.warm`: the same deploy again right after (everything unchanged). Target: at most half the cold time.
 * - `deploy.plan`: a dry run of the same. Target: no slower than the warm deploy.
 *
 * Runs in a memory-backed folder (`/dev/shm` when present) so the disk does not dominate; repetitions are
 * interleaved (cold, cp, warm, plan, cold, ...) and medians reported. Runs at top level when imported
 * (`bench/run.ts`) or run directly (`node --expose-gc --import tsx bench/deploy.ts`). Prints one `BENCH {json}`
 * line per case on stdout; progress goes to stderr. A missed target is reported, not fatal; a deploy that does
 * not report the expected actions exits non-zero.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import type { Artifact, DeployAction, DeployRequest, DeployResult } from "@deployment-sets/core";
import { FilesystemDeployer } from "../src/deployer/index.js";

const SKILLS = 300;
const FILE_ARTIFACTS_PER_TYPE = 100;
const WARMUP = 3;
const RUNS = 11;
// Source hashes are cached only for files older than 2 s (an edit in the same clock tick must not be missed);
// a real collection is not written the moment before a deploy, so the bench lets its sources settle.
const SETTLE_MS = 2_100;

function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

function report(result: Record<string, unknown>): void {
  process.stdout.write(`BENCH ${JSON.stringify(result)}\n`);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

/** About 2 KB of markdown-ish text, different for every `seed`. */
function text(seed: string): string {
  const line = `${seed}: the quick brown fox jumps over the lazy dog, then reviews the pull request.\n`;
  return `# ${seed}\n\n${line.repeat(Math.ceil(2048 / line.length))}`;
}

/** Writes the collection and returns its artifacts (1,400 files in all). */
function writeCollection(root: string): Artifact[] {
  const artifacts: Artifact[] = [];
  const add = (type: Artifact["type"], name: string, path: string) =>
    artifacts.push({ uuid: `${artifacts.length}`.padStart(32, "0"), name, type, description: null, tags: [], path });
  for (let i = 0; i < SKILLS; i++) {
    const name = `skill-${i}`;
    const dir = join(root, "skills", name);
    mkdirSync(join(dir, "scripts"), { recursive: true });
    mkdirSync(join(dir, "examples"));
    writeFileSync(join(dir, "SKILL.md"), text(`${name} skill`));
    writeFileSync(join(dir, "reference.md"), text(`${name} reference`));
    writeFileSync(join(dir, "scripts", "run.sh"), text(`${name} script`), { mode: 0o755 });
    writeFileSync(join(dir, "examples", "example.md"), text(`${name} example`));
    add("skill", name, `skills/${name}`);
  }
  for (const type of ["command", "agent"] as const) {
    mkdirSync(join(root, `${type}s`), { recursive: true });
    for (let i = 0; i < FILE_ARTIFACTS_PER_TYPE; i++) {
      const name = `${type}-${i}`;
      writeFileSync(join(root, `${type}s`, `${name}.md`), text(`${name}`));
      add(type, name, `${type}s/${name}.md`);
    }
  }
  return artifacts;
}

function expectActions(label: string, results: readonly DeployResult[], action: DeployAction, count: number): void {
  const wrong = results.filter((result) => result.action !== action);
  if (results.length !== count || wrong.length > 0) {
    progress(`${label}: expected ${count} x ${action}, got ${JSON.stringify(wrong.slice(0, 3))}`);
    process.exit(1);
  }
}

// No forced GC before a run: a full collection shrinks the young generation, and a deploy (which allocates a
// few megabytes of short-lived stat objects and buffers) would then pay for scavenges a running server does
// not see.
async function time<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await run();
  return { value, ms: performance.now() - started };
}

const base = mkdtempSync(join(existsSync("/dev/shm") ? "/dev/shm" : tmpdir(), "ds-bench-deploy-"));
try {
  progress(`deploy: writing 500 artifacts under ${base}`);
  const collection = join(base, "collection");
  const artifacts = writeCollection(collection);
  const sources = ["skills", "commands", "agents"].map((folder) => join(collection, folder));
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

  const cold: number[] = [];
  const baseline: number[] = [];
  const warm: number[] = [];
  const plan: number[] = [];
  progress(`deploy: ${WARMUP} warm-up + ${RUNS} interleaved runs of cold, cp -r, warm, plan`);
  for (let run = 0; run < WARMUP + RUNS; run++) {
    const project = join(base, `project-${run}`);
    const copy = join(base, `copy-${run}`);
    mkdirSync(project);
    mkdirSync(copy);
    const deployer = new FilesystemDeployer({ collectionRoot: collection, allowedRoots: [base] });
    const request: DeployRequest = { setId: "b".repeat(32), projectPath: project, profile: "claude_code", force: false, artifacts };

    const coldRun = await time(() => deployer.deploy(request));
    expectActions("deploy.cold", coldRun.value, "created", artifacts.length);
    const copyRun = await time(async () => spawnSync("cp", ["-r", ...sources, copy], { stdio: "inherit" }));
    if (copyRun.value.status !== 0) throw new Error("cp -r failed");
    const warmRun = await time(() => deployer.deploy(request));
    expectActions("deploy.warm", warmRun.value, "unchanged", artifacts.length);
    const planRun = await time(() => deployer.plan(request));
    expectActions("deploy.plan", planRun.value, "unchanged", artifacts.length);

    if (run >= WARMUP) {
      cold.push(coldRun.ms);
      baseline.push(copyRun.ms);
      warm.push(warmRun.ms);
      plan.push(planRun.ms);
    }
    rmSync(project, { recursive: true, force: true });
    rmSync(copy, { recursive: true, force: true });
  }

  const coldMs = median(cold);
  const baselineMs = median(baseline);
  const warmMs = median(warm);
  const planMs = median(plan);
  // The machine's load and the fastest runs, to read the medians by: on a shared machine both sides move.
  const shape = {
    artifacts: artifacts.length,
    files: SKILLS * 4 + 2 * FILE_ARTIFACTS_PER_TYPE,
    runs: RUNS,
    load_avg: round(loadavg()[0]!),
  };
  progress(`deploy: cold ${coldMs.toFixed(1)} ms (cp -r ${baselineMs.toFixed(1)} ms), warm ${warmMs.toFixed(1)} ms, plan ${planMs.toFixed(1)} ms`);
  report({
    case: "deploy.cold",
    ms: round(coldMs),
    baseline_ms: round(baselineMs),
    ratio: round(coldMs / baselineMs),
    target: "ms / baseline_ms <= 3 (baseline: cp -r of the same sources)",
    target_met: coldMs / baselineMs <= 3,
    min_ms: round(Math.min(...cold)),
    baseline_min_ms: round(Math.min(...baseline)),
    ...shape,
  });
  report({
    case: "deploy.warm",
    ms: round(warmMs),
    cold_ms: round(coldMs),
    ratio: round(warmMs / coldMs),
    target: "ms <= cold_ms / 2",
    target_met: warmMs <= coldMs / 2,
    min_ms: round(Math.min(...warm)),
    ...shape,
  });
  report({
    case: "deploy.plan",
    ms: round(planMs),
    warm_ms: round(warmMs),
    ratio: round(planMs / warmMs),
    target: "ms <= warm_ms",
    target_met: planMs <= warmMs,
    min_ms: round(Math.min(...plan)),
    ...shape,
  });
} finally {
  rmSync(base, { recursive: true, force: true });
}
