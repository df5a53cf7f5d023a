import { mkdirSync, mkdtempSync, realpathSync, rmSync } from "node:fs";
import { clearLine, cursorTo, moveCursor } from "node:readline";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freshDatabase, startLiveServer } from "@deployment-sets/test-server";
import { run } from "../src/program.js";

/** One way to run the CLI against a fresh, empty state, with a project folder it may deploy into. */
export interface Mode {
  readonly name: string;
  /** The environment every command of this mode runs with. */
  readonly env: NodeJS.ProcessEnv;
  /** An empty project folder inside the allowed project roots. */
  readonly project: string;
  close(): Promise<void>;
}

/** What one command did. */
export interface Invocation {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

if (!process.env.PG_URL && process.env.DS_PG_NOTICE !== "shown") console.warn("[cli tests] PG_URL is not set: the PostgreSQL modes are skipped");

/** The example collection shipped in the repository. */
export const EXAMPLE_COLLECTION = realpathSync(new URL("../../../examples/starter-collection", import.meta.url));

/** Nothing from the machine's environment that would change what the CLI does. */
function baseEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: "1", ...extra };
}

/**
 * Embedded: a fresh database (a SQLite file, or a new database on `PG_URL`'s server, dropped on close), the example
 * collection, one allowed project root.
 */
export async function embeddedMode(adapter: "sqlite" | "postgres" = "sqlite"): Promise<Mode> {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), "ds-cli-embedded-")));
  const project = join(dir, "project");
  mkdirSync(project);
  const database = await freshDatabase(adapter, dir);
  const config = database.config;
  const databaseUrl = config.kind === "sqlite" ? config.filename : config.url;
  return {
    name: adapter === "sqlite" ? "embedded" : `embedded (${adapter})`,
    env: baseEnv({ DATABASE_URL: databaseUrl, DS_COLLECTION: EXAMPLE_COLLECTION, DS_PROJECT_ROOTS: dir }),
    project,
    close: async () => {
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Remote: the real server on a loopback port (SQLite, or PostgreSQL), reached through `--server`'s variable. */
export async function remoteMode(adapter: "sqlite" | "postgres" = "sqlite"): Promise<Mode> {
  const server = await startLiveServer({ adapter });
  return {
    name: `remote (${adapter})`,
    env: baseEnv({ DS_SERVER: server.baseUrl }),
    project: server.project,
    close: () => server.close(),
  };
}

/** Runs one command line in-process, as the `deployment-sets` binary does, and captures what it wrote. */
export async function cli(
  mode: Mode,
  argv: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; terminal?: { rows: number } } = {},
): Promise<Invocation> {
  let stdout = "";
  let stderr = "";
  const sink = (append: (text: string) => void) => {
    const stream = { write: (text: string) => (append(text), true) };
    if (!options.terminal) return stream;
    // A terminal: its size and cursor functions (what a progress bar, a spinner and the colour decision read).
    return Object.assign(stream, {
      isTTY: true,
      rows: options.terminal.rows,
      columns: 100,
      cursorTo: (x: number, y?: number) => cursorTo(stream as unknown as NodeJS.WritableStream, x, y),
      moveCursor: (dx: number, dy: number) => moveCursor(stream as unknown as NodeJS.WritableStream, dx, dy),
      clearLine: (dir: -1 | 0 | 1) => clearLine(stream as unknown as NodeJS.WritableStream, dir),
    });
  };
  const code = await run({
    argv,
    stdout: sink((text) => (stdout += text)),
    stderr: sink((text) => (stderr += text)),
    env: { ...mode.env, ...options.env },
    cwd: options.cwd ?? mode.project,
  });
  return { code, stdout, stderr };
}

/**
 * Output with what differs between two runs of the same story replaced: ids (numbered by first appearance, so the
 * same structure reads the same), timestamps, durations and the project folder.
 */
export function normalize(text: string, project: string): string {
  const ids = new Map<string, string>();
  return text
    .replaceAll(project, "<project>")
    .replace(/\b[0-9a-f]{32}\b/g, (id) => {
      if (!ids.has(id)) ids.set(id, `<id${ids.size + 1}>`);
      return ids.get(id)!;
    })
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, "<time>")
    .replace(/"duration_ms": \d+(\.\d+)?/g, '"duration_ms": 0')
    .replace(/\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d(-\d+)?Z?/g, "<backup-time>");
}
