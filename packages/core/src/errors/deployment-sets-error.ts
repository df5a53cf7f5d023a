import type { ErrorCode, ErrorDataByCode } from "./error-codes.js";

/**
 * The base class of every error raised by Deployment Sets. It carries a stable {@link ErrorCode}, the code's
 * typed `data` and, where it wraps another error, `cause`. It never carries an HTTP status: the server maps
 * codes to statuses in one table.
 *
 * @example
 * ```ts
 * try {
 *   await sets.addMember(owner, setId, { ref: { type: "set", id: other } });
 * } catch (error) {
 *   if (hasErrorCode(error, "cycle_detected")) console.log(error.data.path.join(" -> "));
 * }
 * ```
 */
export class DeploymentSetsError<C extends ErrorCode = ErrorCode> extends Error {
  /** The error class name (`"DeploymentSetsError"` or a subclass's). */
  override name = "DeploymentSetsError";
  /** The stable, machine-readable code. */
  readonly code: C;
  /** The code's data fields (see {@link ErrorDataByCode}). */
  readonly data: ErrorDataByCode[C];

  /**
   * @param code - the stable code
   * @param message - a readable message (the `detail` clients see)
   * @param data - the code's data
   * @param options - `cause`: the error this one wraps
   */
  constructor(code: C, message: string, data: ErrorDataByCode[C], options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.data = data;
  }
}

/**
 * True when `error` is a {@link DeploymentSetsError}. It checks the shape as well as the class, so it also
 * recognises errors thrown by another copy of this module.
 */
export function isDeploymentSetsError(error: unknown): error is DeploymentSetsError {
  if (error instanceof DeploymentSetsError) return true;
  if (!(error instanceof Error)) return false;
  const candidate = error as Error & { code?: unknown; data?: unknown };
  return (
    typeof candidate.code === "string" &&
    typeof candidate.data === "object" &&
    candidate.data !== null &&
    candidate.name.endsWith("Error")
  );
}

/**
 * True when `error` is a {@link DeploymentSetsError} with the given code; narrows its `data`.
 *
 * @example
 * ```ts
 * if (hasErrorCode(error, "set_not_found")) console.log(error.data.setId);
 * ```
 */
export function hasErrorCode<C extends ErrorCode>(error: unknown, code: C): error is DeploymentSetsError<C> {
  return isDeploymentSetsError(error) && error.code === code;
}
