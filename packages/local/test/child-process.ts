import { spawn, type ChildProcess } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Artifact, DeployProfile, DeployResult } from "@deployment-sets/core";

const PACKAGE = fileURLToPath(new URL("..", import.meta.url));

/** A deploy running in a child process (`test/deploy-child.ts`). */
export interface DeployChild {
  readonly process: ChildProcess;
  /** Resolves once the child has loaded (before it deploys). */
  readonly ready: Promise<void>;
  /** Resolves right before the child calls `deploy`. */
  readonly started: Promise<void>;
  /** Resolves with the child's results, or `null` when it died first; and its exit signal. */
  readonly done: Promise<{ results: DeployResult[] | null; signal: NodeJS.Signals | null; code: number | null }>;
}

/** Starts a child deploy; `inputDir` receives its input file. */
export async function spawnDeploy(
  inputDir: string,
  input: { collection: string; project: string; setId: string; profile?: DeployProfile; artifacts: readonly Artifact[]; go?: string },
): Promise<DeployChild> {
  const inputPath = join(inputDir, `child-${process.hrtime.bigint()}.json`);
  await writeFile(inputPath, JSON.stringify({ profile: "claude_code", ...input }));
  const child = spawn(process.execPath, ["--import", "tsx", "test/deploy-child.ts", inputPath], {
    cwd: PACKAGE,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  let onReady!: () => void;
  let onStart!: () => void;
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  const started = new Promise<void>((resolve) => (onStart = resolve));
  child.stdout!.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
    if (stdout.includes("ready\n")) onReady();
    if (stdout.includes("start\n")) onStart();
  });
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<{ results: DeployResult[] | null; signal: NodeJS.Signals | null; code: number | null }>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => {
      onReady();
      onStart();
      const last = stdout.trim().split("\n").at(-1) ?? "";
      if (code === 0 && last.startsWith("[")) resolve({ results: JSON.parse(last) as DeployResult[], signal, code });
      else if (signal) resolve({ results: null, signal, code });
      else reject(new Error(`deploy child exited with ${code}: ${stderr}`));
    });
  });
  return { process: child, ready, started, done };
}
