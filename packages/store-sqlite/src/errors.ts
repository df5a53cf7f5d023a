import { InternalError, isDeploymentSetsError, StorageUnavailableError } from "@deployment-sets/core";

/** SQLite result codes (extended codes included, by prefix) that mean the database cannot be used right now. */
const UNAVAILABLE_CODES = ["SQLITE_BUSY", "SQLITE_LOCKED", "SQLITE_CANTOPEN", "SQLITE_IOERR", "SQLITE_FULL", "SQLITE_READONLY"];

/** The driver's error code (`SQLITE_CONSTRAINT_UNIQUE`, ...), if `error` carries one. */
export function sqliteCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return typeof code === "string" && code.startsWith("SQLITE_") ? code : undefined;
}

/** True when another connection holds the lock SQLite needed (`SQLITE_BUSY` and its extended codes). */
export function isBusy(error: unknown): boolean {
  return sqliteCode(error)?.startsWith("SQLITE_BUSY") === true;
}

/** True for a unique or primary-key violation. */
export function isUniqueViolation(error: unknown): boolean {
  const code = sqliteCode(error);
  return code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}

/**
 * Turns anything thrown below the store into a core error: core errors (from the service's `decide` or the
 * store's own checks) pass through unchanged; busy, locked, unopenable or closed databases become
 * `storage_unavailable`; anything else becomes `internal_error` with the driver error as `cause`.
 * Unique violations are translated where they happen (add-member knows the existing member's id).
 */
export function translateError(error: unknown, operation: string): Error {
  if (isDeploymentSetsError(error)) return error;
  const code = sqliteCode(error);
  if (code !== undefined && UNAVAILABLE_CODES.some((prefix) => code.startsWith(prefix))) {
    return new StorageUnavailableError({ cause: error });
  }
  // better-sqlite3 reports a closed handle and a missing folder as TypeErrors rather than SqliteErrors.
  if (error instanceof TypeError && /database connection is not open|cannot open database/i.test(error.message)) {
    return new StorageUnavailableError({ cause: error });
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new InternalError(`SQLite store: ${operation} failed: ${detail}`, { cause: error });
}
