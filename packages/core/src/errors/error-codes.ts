/** One rejected input field: a dotted `path` prefixed by where it came from (`body.tags.3`) and a message. */
export interface FieldError {
  /** Dotted path, e.g. `body.tags.3` or `query.limit`. */
  path: string;
  /** What is wrong, readable. */
  message: string;
}

/** The kind of thing a member references. */
export type ReferenceKind = "artifact" | "group" | "set";

/**
 * The data each error code carries (domain.md, Errors). Field names are snake_case because they go on the
 * wire unchanged.
 */
export interface ErrorDataByCode {
  /** An input breaks a rule. */
  validation_failed: {
    /** Every offending field. */
    errors: FieldError[];
  };
  /** Unknown set id, or another owner's. */
  set_not_found: {
    /** The set id asked for. */
    set_id: string;
  };
  /** Unknown member id, or not under that set. */
  member_not_found: {
    /** The member id in question. */
    member_id: string;
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
    /** The member id in question. */
    member_id: string;
  };
  /** Adding the member would close a cycle; `path` starts and ends at the changed set. */
  cycle_detected: {
    /** Set ids along the path. */
    path: string[];
    /** The names of the sets on `path`, same order. */
    set_names: string[];
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
    project_path: string;
  };
  /** The deploy target is outside the allowed roots. */
  project_path_forbidden: {
    /** The project path asked for. */
    project_path: string;
  };
  /** No allowed project roots are configured. */
  deploy_disabled: Record<string, never>;
  /** The database cannot be reached or timed out. */
  storage_unavailable: Record<string, never>;
  /** A bug; the original error is the `cause`. */
  internal_error: Record<string, never>;
}

/** Every stable error code of the product. */
export type ErrorCode = keyof ErrorDataByCode;

/** Every error code, in the order of domain.md's table. */
export const ERROR_CODES: readonly ErrorCode[] = [
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
  "storage_unavailable",
  "internal_error",
];
