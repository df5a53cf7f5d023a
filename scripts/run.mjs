#!/usr/bin/env node
// Entry point of the README's quick-start commands (`npm start`, `npm test`, and `npm run cli -- …`) on a fresh clone with only
// Node.js: it makes the pinned pnpm available (installing it into .tools/ when the machine has another or none),
// installs the workspace from the lockfile, then hands over to turbo.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pin = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).packageManager.split("@")[1];
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: "1" };
// better-sqlite3 compiles from source where no prebuilt binary can be fetched; pnpm 12 only passes Node's
// headers on through this variable.
if (!env.npm_config_nodedir && existsSync("/usr/include/node/node.h")) env.npm_config_nodedir = "/usr";

const tasks = {
  // Two packages' suites at a time, and every package reports even when another fails; the server's reliability
  // suite (which measures latency) runs last, alone.
  test: [["turbo", "run", "test", "test:reliability", "--concurrency=2", "--continue"]],
  start: [
    ["turbo", "run", "build", "--filter=@deployment-sets/server...", "--output-logs=errors-only"],
    ["node", "apps/server/dist/main.js"],
  ],
  // The command line, built from this clone; its arguments follow `--` (`npm run cli -- sets list`).
  // It runs where `npm run` was called (INIT_CWD), and the build reports on stderr, so stdout is the command's.
  cli: [
    ["turbo", "run", "build", "--filter=@deployment-sets/cli...", "--output-logs=errors-only"],
    ["node", join(root, "packages/cli/dist/bin.js"), ...process.argv.slice(3)],
  ],
};
const task = process.argv[2];
if (!(task in tasks)) {
  console.error(`usage: node scripts/run.mjs <${Object.keys(tasks).join("|")}>`);
  process.exit(2);
}

// Without PostgreSQL the PostgreSQL suites skip: say so once for the whole run, not once per package and file.
if (task === "test" && !env.PG_URL) {
  console.warn("PG_URL is not set: the PostgreSQL suites are skipped (e.g. PG_URL=postgres://postgres@127.0.0.1:5432/postgres npm test)");
  env.DS_PG_NOTICE = "shown";
}

const pnpm = findPnpm();
if (task === "cli") {
  const [build, command] = tasks.cli;
  run(pnpm, ["install", "--frozen-lockfile", "--reporter=silent"]);
  run(pnpm, ["exec", ...build], { stdio: ["inherit", 2, "inherit"] });
  run(command[0], command.slice(1), { cwd: env.INIT_CWD ?? process.cwd() });
} else {
  run(pnpm, ["install", "--frozen-lockfile"]);
  for (const args of tasks[task]) run(pnpm, ["exec", ...args]);
}

function findPnpm() {
  const probe = spawnSync("pnpm", ["--version"], { encoding: "utf8", env });
  if (probe.status === 0 && probe.stdout.trim() === pin) return "pnpm";
  const local = join(root, ".tools", "node_modules", ".bin", "pnpm");
  if (!existsSync(local)) {
    console.error(`Installing pnpm ${pin} into .tools/ (the machine has ${probe.status === 0 ? probe.stdout.trim() : "none"})`);
    run("npm", ["install", "--prefix", join(root, ".tools"), "--no-save", "--no-audit", "--no-fund", `pnpm@${pin}`]);
  }
  // turbo (and package scripts) look pnpm up on PATH.
  env.PATH = `${dirname(local)}${delimiter}${env.PATH ?? ""}`;
  return local;
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, env, stdio: "inherit", ...options });
  if (result.error) throw result.error;
  if (result.status !== 0) process.exit(result.status ?? 1);
}
