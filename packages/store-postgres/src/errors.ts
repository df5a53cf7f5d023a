import { InternalError, isDeploymentSetsError, StorageUnavailableError } from "@deployment-sets/core";

/** Node socket errors that mean the server cannot be reached. */
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
]);

/** SQLSTATEs (beyond class 08, connection exception) that mean "unreachable, overloaded or timed out". */
const UNAVAILABLE_SQLSTATES = new Set([
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now
  "53300", // too_many_connections
  "57014", // query_canceled: statement_timeout
  "55P03", // lock_not_available: lock_timeout
  "3D000", // invalid_catalog_name: the database does not exist
  "28000", // invalid_authorization_specification
  "28P01", // invalid_password
]);

/** pg's own messages for a lost or never-established connection (these carry no code). */
const UNAVAILABLE_MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /connection error and is not queryable/i,
  /server closed the connection/i,
];

/** The SQLSTATE of a driver error, if it has one. */
export function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** True for a serialization failure or a deadlock: the transaction may simply be run again. */
export function isRetryable(error: unknown): boolean {
  const state = sqlState(error);
  return state === "40001" || state === "40P01";
}

/** The violated constraint's name when `error` is a unique violation (23505). */
export function uniqueViolation(error: unknown): string | undefined {
  if (sqlState(error) !== "23505") return undefined;
  const constraint = (error as { constraint?: unknown }).constraint;
  return typeof constraint === "string" ? constraint : "";
}

/** True when `error` means the database cannot be reached, went away, or timed out. */
export function isUnavailable(error: unknown): boolean {
  if (error instanceof AggregateError && error.errors.some(isUnavailable)) return true;
  if (typeof error !== "object" || error === null) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string") {
    if (NETWORK_CODES.has(code)) return true;
    if (sqlState(error) !== undefined && (code.startsWith("08") || UNAVAILABLE_SQLSTATES.has(code))) return true;
  }
  const message = (error as { message?: unknown }).message;
  return typeof message === "string" && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message));
}

/**
 * Turns anything thrown below the adapter into a core error: core errors pass unchanged, connection failures
 * and timeouts become `storage_unavailable`, everything else `internal_error` with the driver error as `cause`.
 *
 * @param operation - what was running, for the internal error's message (`"addMember"`)
 */
export function translateError(error: unknown, operation: string): Error {
  if (isDeploymentSetsError(error)) return error;
  if (isUnavailable(error) || isRetryable(error)) return new StorageUnavailableError({ cause: error });
  const state = sqlState(error);
  const detail = state !== undefined ? ` (SQLSTATE ${state})` : "";
  return new InternalError(`PostgreSQL store: ${operation} failed${detail}`, { cause: error });
}
