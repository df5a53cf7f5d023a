import { DeploymentSetsError } from "./deployment-sets-error.js";
import type { ReferenceKind } from "../domain/model.js";
import type { FieldError } from "./error-codes.js";
import { LIMITS } from "../domain/limits.js";

/** An input breaks a rule of the domain; `data.errors` lists the offending fields (at most `LIMITS.maxFieldErrors`). */
export class ValidationError extends DeploymentSetsError<"validation_failed"> {
  /** Always `"ValidationError"`. */
  override name = "ValidationError";
  /**
   * @param errors - every offending field, path prefixed by where it came from; the first
   *   `LIMITS.maxFieldErrors` are kept in `details.errors`, the message counts them all
   */
  constructor(errors: FieldError[]) {
    const first = errors[0];
    const summary = first ? `${first.path}: ${first.message}` : "invalid input";
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : "";
    super("validation_failed", `Invalid input: ${summary}${more}`, { errors: errors.slice(0, LIMITS.maxFieldErrors) });
  }
}

/** The set does not exist for this owner (another owner's set is reported the same way). */
export class SetNotFoundError extends DeploymentSetsError<"set_not_found"> {
  /** Always `"SetNotFoundError"`. */
  override name = "SetNotFoundError";
  /** @param setId - the id asked for */
  constructor(setId: string) {
    super("set_not_found", `Deployment set ${setId} was not found`, { setId });
  }
}

/** The member does not exist under that set. */
export class MemberNotFoundError extends DeploymentSetsError<"member_not_found"> {
  /** Always `"MemberNotFoundError"`. */
  override name = "MemberNotFoundError";
  /** @param memberId - the id asked for */
  constructor(memberId: string) {
    super("member_not_found", `Member ${memberId} was not found in this deployment set`, { memberId });
  }
}

/** A new member references an artifact, group or set that does not exist (for this owner). */
export class UnknownReferenceError extends DeploymentSetsError<"unknown_reference"> {
  /** Always `"UnknownReferenceError"`. */
  override name = "UnknownReferenceError";
  /** @param kind - what was referenced @param id - its id */
  constructor(kind: ReferenceKind, id: string) {
    const noun = kind === "set" ? "deployment set" : kind;
    super("unknown_reference", `Unknown ${noun} ${id}`, { kind, id });
  }
}

/** The reference is already a direct member of the set. */
export class DuplicateMemberError extends DeploymentSetsError<"duplicate_member"> {
  /** Always `"DuplicateMemberError"`. */
  override name = "DuplicateMemberError";
  /** @param memberId - the existing member holding the same reference */
  constructor(memberId: string, options?: { cause?: unknown }) {
    super("duplicate_member", `This reference is already member ${memberId} of the set`, { memberId }, options);
  }
}

/** Adding the member would make the set graph cyclic. `path` starts and ends at the set being changed. */
export class CycleDetectedError extends DeploymentSetsError<"cycle_detected"> {
  /** Always `"CycleDetectedError"`. */
  override name = "CycleDetectedError";
  /** @param path - set ids, first = last @param setNames - their names, same order */
  constructor(path: string[], setNames: string[]) {
    super("cycle_detected", `Adding this set would create a circular reference: ${setNames.join(" -> ")}`, { path, setNames });
  }
}

/** The set nests deeper than the limit; `path` is one longest chain, root first. */
export class DepthLimitExceededError extends DeploymentSetsError<"depth_limit_exceeded"> {
  /** Always `"DepthLimitExceededError"`. */
  override name = "DepthLimitExceededError";
  /** @param path - the ids of one longest chain, root first @param limit - the limit */
  constructor(path: string[], limit: number) {
    super(
      "depth_limit_exceeded",
      `Deployment set nesting is ${path.length} levels deep; the limit is ${limit}`,
      { path, limit },
    );
  }
}

/** The set already holds the maximum number of direct members. */
export class TooManyMembersError extends DeploymentSetsError<"too_many_members"> {
  /** Always `"TooManyMembersError"`. */
  override name = "TooManyMembersError";
  /** @param limit - the maximum number of direct members */
  constructor(limit: number) {
    super("too_many_members", `A deployment set holds at most ${limit} direct members`, { limit });
  }
}

/** The deploy target is not absolute, does not exist, or is not a directory. */
export class ProjectPathInvalidError extends DeploymentSetsError<"project_path_invalid"> {
  /** Always `"ProjectPathInvalidError"`. */
  override name = "ProjectPathInvalidError";
  /** @param projectPath - the path asked for @param reason - why it is invalid */
  constructor(projectPath: string, reason: string) {
    super("project_path_invalid", `Invalid project path ${projectPath}: ${reason}`, { projectPath });
  }
}

/** The deploy target lies outside every allowed root. */
export class ProjectPathForbiddenError extends DeploymentSetsError<"project_path_forbidden"> {
  /** Always `"ProjectPathForbiddenError"`. */
  override name = "ProjectPathForbiddenError";
  /** @param projectPath - the path asked for */
  constructor(projectPath: string) {
    super("project_path_forbidden", `Project path ${projectPath} is outside the allowed project roots`, { projectPath });
  }
}

/** Deploying is disabled: no allowed project roots are configured. */
export class DeployDisabledError extends DeploymentSetsError<"deploy_disabled"> {
  /** Always `"DeployDisabledError"`. */
  override name = "DeployDisabledError";
  constructor() {
    super("deploy_disabled", "Deploying is disabled: no project roots are configured", {});
  }
}

/**
 * The project's deployment state cannot be used right now (another deploy holds its lock past the wait, or a
 * tracking file does not parse), so an undeploy or an inventory cannot run. Nothing was changed.
 */
export class ProjectUnavailableError extends DeploymentSetsError<"project_unavailable"> {
  /** Always `"ProjectUnavailableError"`. */
  override name = "ProjectUnavailableError";
  /** @param projectPath - the path asked for @param reason - why @param options - `cause`: the original error */
  constructor(projectPath: string, reason: string, options?: { cause?: unknown }) {
    super("project_unavailable", `Project ${projectPath} cannot be used right now: ${reason}`, { projectPath, reason }, options);
  }
}

/** The database cannot be reached or timed out. Nothing was changed; the call may be retried. */
export class StorageUnavailableError extends DeploymentSetsError<"storage_unavailable"> {
  /** Always `"StorageUnavailableError"`. */
  override name = "StorageUnavailableError";
  /** @param options - `cause`: the driver error */
  constructor(options?: { cause?: unknown }) {
    super("storage_unavailable", "Storage is unavailable; nothing was changed, try again", {}, options);
  }
}

/** A bug. Wraps the original error as `cause`; never shown to clients. */
export class InternalError extends DeploymentSetsError<"internal_error"> {
  /** Always `"InternalError"`. */
  override name = "InternalError";
  /** @param message - what went wrong, for logs @param options - `cause`: the original error */
  constructor(message: string, options?: { cause?: unknown }) {
    super("internal_error", message, {}, options);
  }
}
