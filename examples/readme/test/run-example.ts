import { spawn } from "node:child_process";
import { mkdtempSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { expect } from "vitest";

/** How a run of an example ended. */
export interface ExampleRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `command` with `args` in `cwd` with extra environment; resolves when it exits (killed after `timeoutMs`). */
export function run(command: string, args: readonly string[], cwd: string, env: Record<string, string>, timeoutMs = 120_000): Promise<ExampleRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** What both examples print about the two sets, whatever the collection's ids. */
export const RESOLVED_LINE = "code-reviewer (via Full-stack > Backend)";
/** The dry run's line for the agent. */
export const PLANNED_LINE = "created: .claude/agents/code-reviewer.md";
/** The SDK example's rejected cycle. */
export const CYCLE_LINE = "rejected: Backend > Full-stack > Backend";

/**
 * Runs the README's CLI example (`script`, with bash, stopping at the first failing command) in a fresh project
 * folder, embedded on a fresh SQLite file and `collection`, with `binDir` (where a `deployment-sets` binary is)
 * first on PATH; checks it did its job: the nested set resolved, the deploy, the status check.
 */
export async function expectCliExampleRuns(script: string, binDir: string, collection: string): Promise<void> {
  const project = realpathSync(mkdtempSync(join(tmpdir(), "ds-readme-cli-")));
  try {
    const result = await run("bash", ["-e", script], project, {
      PATH: `${binDir}${delimiter}${process.env.PATH ?? ""}`,
      NO_COLOR: "1",
      DS_COLLECTION: collection,
      DATABASE_URL: join(project, ".sets.db"),
      DS_PROJECT_ROOTS: project,
      DS_SERVER: "",
    });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout.split("\n")).toEqual(
      expect.arrayContaining([
        "│  └─ skill:api-design",
        `Deployed Full-stack → ${project} (claude_code): 3 created`,
        "3 deployed, all in sync",
      ]),
    );
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
}
