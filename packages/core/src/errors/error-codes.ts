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
  validation_failed: { errors: FieldError[] };
  set_not_found: { set_id: string };
  member_not_found: { member_id: string };
  unknown_reference: { kind: ReferenceKind; id: string };
  duplicate_member: { member_id: string };
  cycle_detected: { path: string[]; set_names: string[] };
  depth_limit_exceeded: { path: string[]; limit: number };
  too_many_members: { limit: number };
  project_path_invalid: { project_path: string };
  project_path_forbidden: { project_path: string };
  deploy_disabled: Record<string, never>;
  storage_unavailable: Record<string, never>;
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
