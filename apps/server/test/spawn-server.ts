import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The built entry point the packaged server runs (`pnpm build` produces it). */
export const MAIN = fileURLToPath(new URL("../dist/main.js", import.meta.url));
const SRC = fileURLToPath(new URL("../src", import.meta.url));

/** How a spawned process ended. */
export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** A `node dist/main.js` process with its captured output. */
export interface SpawnedServer {
  readonly child: ChildProcess;
  /** The URL of the "listening on" line (set once {@link startMain} resolved). */
  readonly url: string;
  stdout(): string;
  stderr(): string;
  /** Resolves when the process has exited. */
  readonly exited: Promise<Exit>;
  /** Sends `signal` (default SIGTERM) and waits for the exit; SIGKILL after `graceMs`. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<Exit>;
}

/**
 * Throws when `dist/main.js` is missing or older than a source file: the process tests would otherwise run
 * yesterday's server. (`pnpm build` in apps/server, or turbo's `test` task, which depends on `build`.)
 */
export function assertBuilt(): void {
  let built: number;
  try {
    built = statSync(MAIN).mtimeMs;
  } catch {
    throw new Error(`${MAIN} is missing: run \`pnpm build\` in apps/server first`);
  }
  const newest = newestMtime(SRC);
  if (newest > built) throw new Error(`${MAIN} is older than apps/server/src: run \`pnpm build\` in apps/server first`);
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else if (!entry.name.endsWith(".test.ts")) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** The environment of a spawned server: only what the test sets, plus PATH and HOME (no inherited `DS_*`). */
export function serverEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/root", HOST: "127.0.0.1", PORT: "0", ...env };
}

/** Every child still running: killed when the test process exits, so a timed-out test leaves no server behind. */
const running = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

function launch(env: Record<string, string>): { child: ChildProcess; out: { stdout: string; stderr: string }; exited: Promise<Exit> } {
  const child = spawn(process.execPath, [MAIN], { env: serverEnv(env), stdio: ["ignore", "pipe", "pipe"] });
  const out = { stdout: "", stderr: "" };
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => (out.stdout += chunk));
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (out.stderr += chunk));
  running.add(child);
  const exited = new Promise<Exit>((resolve) =>
    child.on("exit", (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    }),
  );
  return { child, out, exited };
}

/** Runs `node dist/main.js` until it exits by itself (a bad configuration); kills it after `timeoutMs`. */
export async function runMainToExit(env: Record<string, string>, timeoutMs = 10_000): Promise<Exit & { stdout: string; stderr: string }> {
  const { child, out, exited } = launch(env);
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  const exit = await exited;
  clearTimeout(timer);
  return { ...exit, ...out };
}

/** Starts `node dist/main.js` and resolves once it printed its listen URL (rejects if it exits first). */
export async function startMain(env: Record<string, string>, timeoutMs = 20_000): Promise<SpawnedServer> {
  const { child, out, exited } = launch(env);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`no listen line after ${timeoutMs} ms\nstdout: ${out.stdout}\nstderr: ${out.stderr}`));
    }, timeoutMs);
    const check = () => {
      const match = /listening on (http:\/\/\S+)/.exec(out.stdout);
      // Wait for the whole banner (the docs line is printed last).
      if (match && /docs: /.test(out.stdout)) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on("data", check);
    void exited.then((exit) => {
      clearTimeout(timer);
      reject(new Error(`exited early (${exit.code ?? exit.signal})\nstdout: ${out.stdout}\nstderr: ${out.stderr}`));
    });
  });
  return {
    child,
    url,
    stdout: () => out.stdout,
    stderr: () => out.stderr,
    exited,
    async stop(signal = "SIGTERM", graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill(signal);
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      const exit = await exited;
      clearTimeout(timer);
      return exit;
    },
  };
}
