import type { ReferenceKind } from "../domain/model.js";

/** One rejected input field: a dotted `path` (`tags.3`, `ref.id`) and a message. */
export interface FieldError {
  /** Dotted path of the field, e.g. `tags.3` or `limit`; empty for the input as a whole. */
  path: string;
  /** What is wrong, readable. */
  message: string;
}

/** The data each error code carries (see {@link ERROR_CODES}). */
export interface ErrorDataByCode {
  /** An input breaks a rule. */
  validation_failed: {
    /** Every offending field. */
    errors: FieldError[];
  };
  /** Unknown set id, or another owner's. */
  set_not_found: {
    /** The set id asked for. */
    setId: string;
  };
  /** Unknown member id, or not under that set. */
  member_not_found: {
    /** The member id in question. */
    memberId: string;
  };
  /** A new member references something that does not exist (for this owner). */
  unknown_reference: {
    /** What was referenced. */
    kind: ReferenceKind;
    /** The referenced id. */
    id: string;
  };
  /** The reference is already a direct member. */
  duplicate_member: {
    /** The existing member holding the same reference. */
    memberId: string;
  };
  /** Adding the member would close a cycle; `path` starts and ends at the changed set. */
  cycle_detected: {
    /** Set ids along the path. */
    path: string[];
    /** The names of the sets on `path`, same order. */
    setNames: string[];
  };
  /** Nesting is deeper than the limit; `path` is one longest chain, root first. */
  depth_limit_exceeded: {
    /** Set ids along the path. */
    path: string[];
    /** The limit that applies. */
    limit: number;
  };
  /** The set already holds the maximum of direct members. */
  too_many_members: {
    /** The limit that applies. */
    limit: number;
  };
  /** The deploy target is not absolute, missing, or not a directory. */
  project_path_invalid: {
    /** The project path asked for. */
    projectPath: string;
  };
  /** The deploy target is outside the allowed roots. */
  project_path_forbidden: {
    /** The project path asked for. */
    projectPath: string;
  };
  /** No allowed project roots are configured. */
  deploy_disabled: Record<string, never>;
  /**
   * The project's deployment state cannot be used right now: another deploy holds its lock past the wait, or a
   * tracking file does not parse. Nothing was changed.
   */
  project_unavailable: {
    /** The project path asked for. */
    projectPath: string;
    /** Why, readable. */
    reason: string;
  };
  /** The database cannot be reached or timed out. */
  storage_unavailable: Record<string, never>;
  /** A bug; the original error is the `cause`. */
  internal_error: Record<string, never>;
}

/**
 * Every stable error code the library raises. The HTTP server adds its own few (`unauthenticated`,
 * `route_not_found`, ...) for what only HTTP can get wrong.
 */
export const ERROR_CODES = [
  "validation_failed",
  "set_not_found",
  "member_not_found",
  "unknown_reference",
  "duplicate_member",
  "cycle_detected",
  "depth_limit_exceeded",
  "too_many_members",
  "project_path_invalid",
  "project_path_forbidden",
  "deploy_disabled",
  "project_unavailable",
  "storage_unavailable",
  "internal_error",
] as const satisfies readonly (keyof ErrorDataByCode)[];

/** A stable error code of the library (see {@link ERROR_CODES}). */
export type ErrorCode = (typeof ERROR_CODES)[number];

// Compile-time check that ERROR_CODES lists every code that has data: a missing one fails here, by name.
type _Never<T extends never> = T;
type _EveryCodeListed = _Never<Exclude<keyof ErrorDataByCode, ErrorCode>>;
