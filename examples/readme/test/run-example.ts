import { spawn } from "node:child_process";

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
