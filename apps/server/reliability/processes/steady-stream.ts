import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/** What a steady-stream process is told (one JSON argument). */
export interface SteadyStreamConfig {
  /** The server processes it spreads its requests over. */
  readonly bases: readonly string[];
  readonly token: string;
  /** The owner's set it reads and adds to (and removes from). */
  readonly setId: string;
  /** Artifacts it adds, in turn (each removed again right after). */
  readonly artifactUuids: readonly string[];
  /** Concurrent request loops. */
  readonly workers: number;
  /** Pause after each request of a loop. */
  readonly pauseMs: number;
}

/** One answer the stream saw. */
export interface StreamSample {
  readonly ms: number;
  readonly status: number;
  readonly method: string;
  /** When it was answered (epoch ms). */
  readonly at: number;
}

/** A running steady stream. */
export interface SteadyStream {
  /** Asks it to finish its current requests and returns every sample. */
  stop(): Promise<StreamSample[]>;
}

const CHILD = fileURLToPath(new URL("./steady-stream-child.ts", import.meta.url));
const SERVER_DIR = fileURLToPath(new URL("../..", import.meta.url));

/**
 * Starts another client process (`node --import tsx steady-stream-child.ts`) sending one owner's steady stream of
 * reads and writes; resolves once it runs.
 */
export async function startSteadyStream(config: SteadyStreamConfig): Promise<SteadyStream> {
  const child = spawn(process.execPath, ["--import", "tsx", CHILD, JSON.stringify(config)], {
    cwd: SERVER_DIR,
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const check = () => stdout.includes("READY\n") && resolve();
    child.stdout.on("data", check);
    void exited.then((code) => reject(new Error(`steady stream exited early (${code}): ${stderr}`)));
  });
  return {
    async stop() {
      child.stdin.end();
      const code = await exited;
      const line = stdout.split("\n").find((text) => text.startsWith("["));
      if (code !== 0 || line === undefined) throw new Error(`steady stream failed (${code}): ${stderr}`);
      return JSON.parse(line) as StreamSample[];
    },
  };
}
