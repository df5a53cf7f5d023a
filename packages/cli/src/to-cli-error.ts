import { ConfigError } from "@deployment-sets/settings";
import { libraryProblem } from "@deployment-sets/wire";
import { CliError } from "./cli-error.js";
import { EXIT, exitCodeOf } from "./exit-codes.js";

/** Where the allowed project folders are set, per mode (ends a `project_path_forbidden` message). */
const PROJECT_ROOTS_HINT = {
  embedded: "set DS_PROJECT_ROOTS to the folders deploys may write into, separated by ':'",
  remote: "the server's DS_PROJECT_ROOTS setting lists them",
} as const;

/**
 * Any error a command throws, as the {@link CliError} to report: the API's problem in both modes (the server's in
 * remote mode, the same mapping applied in this process in embedded mode), so `--json` prints the same body.
 */
export function toCliError(error: unknown, mode: "embedded" | "remote"): CliError {
  if (error instanceof CliError) return error;
  if (error instanceof ConfigError) return new CliError(`invalid configuration: ${error.message}`, EXIT.usage);
  // The SDK's errors by name: importing its classes would load the SDK (and Node's fetch) in embedded mode too.
  const name = error instanceof Error ? error.name : "";
  if (name === "DeploymentSetsApiError") return fromProblem((error as unknown as { problem: Record<string, unknown> }).problem);
  if (name === "DeploymentSetsNetworkError" || name === "DeploymentSetsTimeoutError") {
    const message = (error as Error).message;
    return new CliError(message, EXIT.unreachable, { code: "unreachable", detail: message }, [
      "is the server running? --server (or DS_SERVER) names it; without either the CLI runs embedded",
    ]);
  }
  // A library error, as the server would answer it (an internal error keeps its own message: it is this process's).
  const mapped = libraryProblem(error, PROJECT_ROOTS_HINT[mode]);
  if (mapped && mapped.problem.code !== "internal_error") return fromProblem(mapped.problem);
  const message = error instanceof Error ? error.message : String(error);
  return new CliError(`unexpected error: ${message}`, EXIT.failed, { code: "internal_error", detail: message });
}

/** What to do about a refused token. */
const ACCESS_HINTS: Readonly<Record<string, readonly string[]>> = {
  unauthenticated: ["set DS_TOKEN to a token the server accepts"],
  forbidden: ["DS_TOKEN's token lacks the scope this needs (read, or write to change anything)"],
};

function fromProblem(problem: Readonly<Record<string, unknown>>): CliError {
  const code = String(problem.code);
  const names = problem.set_names;
  const message =
    code === "cycle_detected" && Array.isArray(names)
      ? `that would create a cycle: ${names.join(" → ")}`
      : String(problem.detail ?? code);
  const hints: string[] = [...(ACCESS_HINTS[code] ?? [])];
  if (Array.isArray(problem.errors)) {
    for (const item of problem.errors as { path?: string; message?: string }[]) hints.push(`${item.path ?? ""}: ${item.message ?? ""}`);
  }
  return new CliError(message, exitCodeOf(code), problem, hints);
}
