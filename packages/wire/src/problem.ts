import { isDeploymentSetsError } from "@deployment-sets/core";
import { ERROR_STATUS, TITLES, type WireErrorCode } from "./error-status.js";
import { HttpError } from "./http-error.js";

/** An RFC 9457 problem body. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  [field: string]: unknown;
}

/** What an error becomes on the wire, and whether it is a bug worth an error log. */
export interface MappedError {
  readonly problem: Problem;
  readonly unexpected: boolean;
}

/** Builds the problem body of a code; `data` goes to the top level as is (snake_case already). */
export function problem(code: WireErrorCode, detail: string, data: object = {}): Problem {
  const status = ERROR_STATUS[code];
  return { type: `urn:deployment-sets:problem:${code}`, title: TITLES[status] ?? "Error", status, code, detail, ...data };
}

/** A library error's data on the wire: the same fields, snake_case (`setNames` becomes `set_names`). */
function wireData(data: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) out[key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)] = value;
  return out;
}

/** The problem of an unexpected error: nothing about it is told. */
export function internalProblem(): MappedError {
  return { problem: problem("internal_error", "An internal error occurred"), unexpected: true };
}

/**
 * The problem of a library error (core's `DeploymentSetsError`) or an {@link HttpError}; `undefined` for anything
 * else. An `internal_error` tells nothing; `projectSettingHint` ends a `project_path_forbidden` detail with where
 * the allowed folders are set.
 */
export function libraryProblem(error: unknown, projectSettingHint: string): MappedError | undefined {
  if (error instanceof HttpError) return { problem: problem(error.code, error.message, error.data), unexpected: false };
  if (!isDeploymentSetsError(error) || !(error.code in ERROR_STATUS)) return undefined;
  if (error.code === "internal_error") return internalProblem();
  const detail =
    error.code === "storage_unavailable"
      ? "Storage is unavailable; nothing was changed, try again"
      : error.code === "project_path_forbidden"
        ? `${error.message} (${projectSettingHint})`
        : error.message;
  return { problem: problem(error.code, detail, wireData(error.data)), unexpected: error.code === "storage_unavailable" };
}
