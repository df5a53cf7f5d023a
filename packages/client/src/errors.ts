import type { components } from "./generated/api.js";

/** An RFC 9457 problem body: what the server sends with every error. */
export type Problem = components["schemas"]["Problem"];

/** Every stable error code the server can answer with (`set_not_found`, `cycle_detected`, ...). */
export type ErrorCode = Problem["code"];

/**
 * The server answered with an error status. `code` is the stable, machine-readable reason; `problem` is the whole
 * problem body, with the code's data fields (`path`, `set_names`, `errors`, ...). `cause` is ky's `HTTPError`.
 *
 * @example
 * ```ts
 * try {
 *   await client.sets.members.add(fullStack.id, { nested_set_id: backend.id });
 * } catch (error) {
 *   if (error instanceof DeploymentSetsApiError && error.code === "cycle_detected") {
 *     console.log(error.problem.set_names?.join(" -> "));
 *   } else throw error;
 * }
 * ```
 */
export class DeploymentSetsApiError<C extends ErrorCode = ErrorCode> extends Error {
  /** Always `"DeploymentSetsApiError"`. */
  override name = "DeploymentSetsApiError";
  /** The HTTP status. */
  readonly status: number;
  /** The stable error code. */
  readonly code: C;
  /** The server's readable explanation. */
  readonly detail: string;
  /** The whole problem body. */
  readonly problem: Problem;

  /**
   * @param problem - the problem body the server sent
   * @param options - `cause`: the HTTP error it came with
   */
  constructor(problem: Problem, options?: { cause?: unknown }) {
    super(`${problem.status} ${problem.code}: ${problem.detail}`, options);
    this.status = problem.status;
    this.code = problem.code as C;
    this.detail = problem.detail;
    this.problem = problem;
  }
}

/** The server did not answer within the client's `timeout`. `cause` is ky's `TimeoutError`. */
export class DeploymentSetsTimeoutError extends Error {
  /** Always `"DeploymentSetsTimeoutError"`. */
  override name = "DeploymentSetsTimeoutError";
  /** @param timeout - the limit in milliseconds @param options - `cause`: the underlying error */
  constructor(
    /** The limit that was reached, in milliseconds. */
    readonly timeout: number,
    options?: { cause?: unknown },
  ) {
    super(`The server did not answer within ${timeout} ms`, options);
  }
}

/**
 * The server could not be reached (refused, reset, DNS, TLS), or its answer could not be read (not the JSON the
 * API sends). `cause` is the error `fetch` or the parser threw.
 */
export class DeploymentSetsNetworkError extends Error {
  /** Always `"DeploymentSetsNetworkError"`. */
  override name = "DeploymentSetsNetworkError";
  /** @param message - what failed @param options - `cause`: the underlying error */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * True when `error` is a {@link DeploymentSetsApiError}, optionally with the given `code` (then `code` is narrowed
 * to it). It checks the name rather than the class, so it also recognises errors from another copy of this package.
 *
 * @example
 * ```ts
 * if (isDeploymentSetsApiError(error, "cycle_detected")) console.log(error.problem.set_names);
 * ```
 */
export function isDeploymentSetsApiError<C extends ErrorCode = ErrorCode>(error: unknown, code?: C): error is DeploymentSetsApiError<C> {
  if (!(error instanceof Error) || error.name !== "DeploymentSetsApiError") return false;
  return code === undefined || (error as DeploymentSetsApiError).code === code;
}
