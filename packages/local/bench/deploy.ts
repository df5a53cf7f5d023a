/**
 * Bench cases `deploy.cold`, `deploy.warm`, `deploy.plan` and `undeploy`: the filesystem deployer writing a set of
 * 500 artifacts into a project for Claude Code and taking it out again. The set is a realistic mix: 250 skill
 * folders (4 files of about 2 KB each), 120 commands, 80 agents, 25 hooks (a folder with `hooks.json` and the
 * script it runs; the groups are merged into `.claude/settings.json`, the folder copied to `.claude/hooks/<name>/`)
 * and 25 MCP servers (a folder with `mcp.json`; merged into `.mcp.json`).
 *
 * - `deploy.cold`: into an empty project with a fresh deployer (no caches). Baseline in the same run: `cp -r` of
 *   the same source folders (skills, commands, agents, hooks, mcp) into another empty folder (a spawned `cp`).
 *   Target: `ms / baseline_ms <= 3`.
 * - `deploy.warm`: the same deploy again right after (everything unchanged). Target: at most half the cold time.
 * - `deploy.plan`: a dry run of the same. Target: no slower than the warm deploy.
 * - `undeploy`: taking the set back out of that project with a fresh deployer (no caches), until the project is
 *   empty again. Baseline: the cold deploy's median of the same run. Target: `ms <= baseline_ms`.
 *
 * Runs in a memory-backed folder (`/dev/shm` when present, else `os.tmpdir()`) so the disk does not dominate;
 * repetitions are interleaved (cold, cp, warm, plan, undeploy, cold, ...) and medians reported. Every repetition
 * checks the actions reported (500 `created`, `unchanged`, `unchanged`, `removed`) and that the project is empty
 * after the undeploy; the first also checks what landed (files, servers in `.mcp.json`, hook groups in
 * `.claude/settings.json`, hook scripts). A deploy that does not do what it should exits non-zero; a missed target
 * is reported, not fatal.
 *
 * Runs at top level when imported (`bench/run.ts`) or run directly (`node --expose-gc --import tsx bench/deploy.ts`).
 * Prints one `BENCH {json}` line per case on stdout; progress goes to stderr. For a quick smoke run, shrink it:
 * `BENCH_DEPLOY_ARTIFACTS=50 BENCH_DEPLOY_RUNS=3` (the mix keeps its proportions; at least 10 artifacts).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { median, positiveIntEnv, progressFor, report, round, timed, timedAsync } from "@deployment-sets/bench-fixtures";
import type { Artifact, ArtifactType, DeployAction, DeployResult } from "@deployment-sets/core";
import type { DeployRequest } from "@deployment-sets/core/ports";
import { FilesystemDeployer } from "../src/deployer/index.js";

const ARTIFACTS = positiveIntEnv("BENCH_DEPLOY_ARTIFACTS", 500, 10);
const WARMUP = 3;
const RUNS = positiveIntEnv("BENCH_DEPLOY_RUNS", 11, 1);
// Shares of the set: 250 skills, 120 commands, 80 agents, 25 hooks and 25 MCP servers at 500 artifacts.
const HOOKS = Math.round(ARTIFACTS * 0.05);
const MCP_SERVERS = Math.round(ARTIFACTS * 0.05);
const COMMANDS = Math.round(ARTIFACTS * 0.24);
const AGENTS = Math.round(ARTIFACTS * 0.16);
const SKILLS = ARTIFACTS - HOOKS - MCP_SERVERS - COMMANDS - AGENTS;
const FILES_PER_SKILL = 4;
const FILES_PER_HOOK = 2;
const SOURCE_FILES = SKILLS * FILES_PER_SKILL + COMMANDS + AGENTS + HOOKS * FILES_PER_HOOK + MCP_SERVERS;
const HOOK_EVENTS = ["PreToolUse", "PostToolUse", "UserPromptSubmit", "SessionStart"] as const;
// Source hashes are cached only for files older than 2 s (an edit in the same clock tick must not be missed);
// a real collection is not written the moment before a deploy, so the bench lets its sources settle.
const SETTLE_MS = 2_100;

const progress = progressFor("bench");

function fail(message: string): never {
  progress(message);
  process.exit(1);
}

/** About 2 KB of markdown-ish text, different for every `seed`. */
function text(seed: string): string {
  const line = `${seed}: the quick brown fox jumps over the lazy dog, then reviews the pull request.\n`;
  return `# ${seed}\n\n${line.repeat(Math.ceil(2048 / line.length))}`;
}

/** A hook's `hooks.json` (Claude Code's plugin format), running the script beside it. */
function hookDefinition(name: string, i: number): string {
  const event = HOOK_EVENTS[i % HOOK_EVENTS.length]!;
  const handler = { type: "command", command: `sh "\${CLAUDE_PLUGIN_ROOT}/${name}.sh"`, timeout: 10 };
  const group = event === "PreToolUse" || event === "PostToolUse" ? { matcher: "Write|Edit|MultiEdit", hooks: [handler] } : { hooks: [handler] };
  return `${JSON.stringify({ description: `Bench hook ${i}.`, hooks: { [event]: [group] } }, null, 2)}\n`;
}

/** An MCP artifact's `mcp.json`: one server, local (most) or remote (every fifth). */
function mcpDefinition(name: string, i: number): string {
  const server =
    i % 5 === 4
      ? { type: "http", url: `https://mcp.example.com/${name}`, headers: { Authorization: "Bearer ${EXAMPLE_TOKEN}" } }
      : { command: "npx", args: ["-y", `@example/${name}-server`, "--stdio"], env: { EXAMPLE_TOKEN: "${EXAMPLE_TOKEN}" } };
  return `${JSON.stringify({ mcpServers: { [name]: server } }, null, 2)}\n`;
}

/** Writes the collection and returns its artifacts. */
function writeCollection(root: string): Artifact[] {
  const artifacts: Artifact[] = [];
  const add = (type: ArtifactType, name: string, path: string) =>
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
  for (const [type, count] of [["command", COMMANDS], ["agent", AGENTS]] as const) {
    mkdirSync(join(root, `${type}s`), { recursive: true });
    for (let i = 0; i < count; i++) {
      const name = `${type}-${i}`;
      writeFileSync(join(root, `${type}s`, `${name}.md`), text(`${name}`));
      add(type, name, `${type}s/${name}.md`);
    }
  }
  for (let i = 0; i < HOOKS; i++) {
    const name = `hook-${i}`;
    const dir = join(root, "hooks", name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "hooks.json"), hookDefinition(name, i));
    writeFileSync(join(dir, `${name}.sh`), `#!/bin/sh\n# ${name}\ncat >/dev/null\nexit 0\n`, { mode: 0o755 });
    add("hook", name, `hooks/${name}`);
  }
  for (let i = 0; i < MCP_SERVERS; i++) {
    const name = `mcp-${i}`;
    const dir = join(root, "mcp", name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "mcp.json"), mcpDefinition(name, i));
    add("mcp", name, `mcp/${name}`);
  }
  return artifacts;
}

function expectActions(label: string, results: readonly DeployResult[], action: DeployAction, count: number): void {
  const status = action === "unchanged" ? "skipped" : "success";
  const wrong = results.filter((result) => result.action !== action || result.status !== status);
  if (results.length !== count || wrong.length > 0) {
    fail(`${label}: expected ${count} x ${action}, got ${results.length} results, wrong: ${JSON.stringify(wrong.slice(0, 3))}`);
  }
}

/** Every file under `dir` (0 when it does not exist). */
function countFiles(dir: string): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).length;
}

/** Checks once what a cold deploy wrote: every copied file, every merged entry, every hook's scripts. */
function checkDeployed(project: string): void {
  const claude = join(project, ".claude");
  const expect = (what: string, got: number, want: number) => {
    if (got !== want) fail(`deploy.cold: expected ${want} ${what}, found ${got}`);
  };
  expect("skill files", countFiles(join(claude, "skills")), SKILLS * FILES_PER_SKILL);
  expect("command files", countFiles(join(claude, "commands")), COMMANDS);
  expect("agent files", countFiles(join(claude, "agents")), AGENTS);
  expect("hook script files", countFiles(join(claude, "hooks")), HOOKS * FILES_PER_HOOK);
  const mcp = JSON.parse(readFileSync(join(project, ".mcp.json"), "utf8")) as { mcpServers?: Record<string, unknown> };
  expect("servers in .mcp.json", Object.keys(mcp.mcpServers ?? {}).length, MCP_SERVERS);
  const settings = JSON.parse(readFileSync(join(claude, "settings.json"), "utf8")) as { hooks?: Record<string, unknown[]> };
  expect("hook groups in .claude/settings.json", Object.values(settings.hooks ?? {}).reduce((sum, groups) => sum + groups.length, 0), HOOKS);
  if (!JSON.stringify(settings).includes("${CLAUDE_PROJECT_DIR}/.claude/hooks/hook-0/hook-0.sh")) {
    fail("deploy.cold: the hook commands in .claude/settings.json do not point at the copied scripts");
  }
}

const base = mkdtempSync(join(existsSync("/dev/shm") ? "/dev/shm" : tmpdir(), "ds-bench-deploy-"));
try {
  progress(`deploy: writing ${ARTIFACTS} artifacts (${SKILLS} skills, ${COMMANDS} commands, ${AGENTS} agents, ${HOOKS} hooks, ${MCP_SERVERS} MCP servers) under ${base}`);
  const collection = join(base, "collection");
  const artifacts = writeCollection(collection);
  const sources = ["skills", "commands", "agents", "hooks", "mcp"].map((folder) => join(collection, folder));
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

  const setId = "b".repeat(32);
  const newDeployer = () => new FilesystemDeployer({ collectionRoot: collection, allowedRoots: [base] });
  const cold: number[] = [];
  const baseline: number[] = [];
  const warm: number[] = [];
  const plan: number[] = [];
  const undeploy: number[] = [];
  progress(`deploy: ${WARMUP} warm-up + ${RUNS} interleaved runs of cold, cp -r, warm, plan, undeploy`);
  // No forced GC before a run: a full collection shrinks the young generation, and a deploy (which allocates a
  // few megabytes of short-lived stat objects and buffers) would then pay for scavenges a running server does
  // not see.
  for (let run = 0; run < WARMUP + RUNS; run++) {
    const project = join(base, `project-${run}`);
    const copy = join(base, `copy-${run}`);
    mkdirSync(project);
    mkdirSync(copy);
    const deployer = newDeployer();
    const request: DeployRequest = { setId, projectPath: project, profile: "claude_code", force: false, prune: false, artifacts };

    const coldRun = await timedAsync(() => deployer.deploy(request));
    expectActions("deploy.cold", coldRun.value, "created", artifacts.length);
    if (run === 0) checkDeployed(project);
    const copyRun = timed(() => spawnSync("cp", ["-r", ...sources, copy], { stdio: "inherit" }));
    if (copyRun.value.status !== 0) throw new Error("cp -r failed");
    if (run === 0 && countFiles(copy) !== SOURCE_FILES) fail(`cp -r: expected ${SOURCE_FILES} files, found ${countFiles(copy)}`);
    const warmRun = await timedAsync(() => deployer.deploy(request));
    expectActions("deploy.warm", warmRun.value, "unchanged", artifacts.length);
    const planRun = await timedAsync(() => deployer.plan(request));
    expectActions("deploy.plan", planRun.value, "unchanged", artifacts.length);
    const undeployer = newDeployer();
    const undeployRun = await timedAsync(() => undeployer.undeploy({ setId, projectPath: project, profile: "claude_code", force: false }));
    expectActions("undeploy", undeployRun.value, "removed", artifacts.length);
    const left = readdirSync(project, { recursive: true });
    if (left.length > 0) fail(`undeploy: the project is not empty afterwards: ${JSON.stringify(left.slice(0, 5))}`);

    if (run >= WARMUP) {
      cold.push(coldRun.ms);
      baseline.push(copyRun.ms);
      warm.push(warmRun.ms);
      plan.push(planRun.ms);
      undeploy.push(undeployRun.ms);
    }
    rmSync(project, { recursive: true, force: true });
    rmSync(copy, { recursive: true, force: true });
  }

  const coldMs = median(cold);
  const baselineMs = median(baseline);
  const warmMs = median(warm);
  const planMs = median(plan);
  const undeployMs = median(undeploy);
  // The machine's load and the fastest runs, to read the medians by: on a shared machine both sides move.
  const shape = {
    artifacts: artifacts.length,
    mix: { skill: SKILLS, command: COMMANDS, agent: AGENTS, hook: HOOKS, mcp: MCP_SERVERS },
    files: SOURCE_FILES,
    runs: RUNS,
    load_avg: round(loadavg()[0]!),
  };
  progress(
    `deploy: cold ${coldMs.toFixed(1)} ms (cp -r ${baselineMs.toFixed(1)} ms), warm ${warmMs.toFixed(1)} ms, ` +
      `plan ${planMs.toFixed(1)} ms, undeploy ${undeployMs.toFixed(1)} ms`,
  );
  // `met` is what the issue asks for; `target_met` (the same value) is what the other bench cases report.
  const coldMet = coldMs / baselineMs <= 3;
  report({
    case: "deploy.cold",
    ms: round(coldMs),
    baseline_ms: round(baselineMs),
    ratio: round(coldMs / baselineMs),
    target: "<= 3x cp -r",
    met: coldMet,
    target_met: coldMet,
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
  const undeployMet = undeployMs <= coldMs;
  report({
    case: "undeploy",
    ms: round(undeployMs),
    baseline_ms: round(coldMs),
    ratio: round(undeployMs / coldMs),
    target: "<= deploy.cold (baseline: the cold deploy of the same set, same run)",
    met: undeployMet,
    target_met: undeployMet,
    min_ms: round(Math.min(...undeploy)),
    baseline_min_ms: round(Math.min(...cold)),
    ...shape,
  });
} finally {
  rmSync(base, { recursive: true, force: true });
}
