import type { Backend } from "./backend/backend.js";
import type { ExitCode } from "./exit-codes.js";
import type { Output } from "./output.js";

/** What a command's action gets: where to write, and the backend (opened on first use). */
export interface CommandContext {
  readonly out: Output;
  /** The working directory `--project` is relative to. */
  readonly cwd: string;
  backend(): Promise<Backend>;
}

/** A command's action: returns its exit code (0 when nothing is said). */
export type Action<A extends unknown[]> = (context: CommandContext, ...args: A) => Promise<ExitCode | void>;

/** Registers a command's action: the program wraps it with the backend's lifecycle and error reporting. */
export type Wrap = <A extends unknown[]>(action: Action<A>) => (...args: A) => Promise<void>;
