/**
 * The `deployment-sets` command line, callable in-process: `run` takes the arguments, streams, environment and
 * working directory of one invocation and returns its exit code.
 *
 * @example
 * ```ts
 * import { run } from "@deployment-sets/cli";
 *
 * const code = await run({ argv: ["sets", "list"], stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() });
 * ```
 *
 * @packageDocumentation
 */
export { run, type RunOptions } from "./program.js";
export { EXIT, type ExitCode } from "./exit-codes.js";
export type { OutputStream, Streams } from "./output.js";
