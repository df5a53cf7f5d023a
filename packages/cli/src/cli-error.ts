import { EXIT, type ExitCode } from "./exit-codes.js";

/**
 * An error the CLI reports and exits on: a message for people, the exit code, and for `--json` the API's problem
 * body (or, for an error of the CLI's own, one of the same shape).
 */
export class CliError extends Error {
  override name = "CliError";
  constructor(
    message: string,
    readonly exitCode: ExitCode,
    readonly problem: Readonly<Record<string, unknown>> = { code: codeOf(exitCode), detail: message },
    /** Extra lines for people: candidates, a suggestion, the setting to change. */
    readonly hints: readonly string[] = [],
  ) {
    super(message);
  }
}

function codeOf(exitCode: ExitCode): string {
  return exitCode === EXIT.notFound ? "not_found" : exitCode === EXIT.usage ? "usage" : exitCode === EXIT.unreachable ? "unreachable" : "failed";
}
