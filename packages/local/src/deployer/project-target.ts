import { realpathSync, statSync } from "node:fs";
import { isAbsolute } from "node:path";
import { DeployDisabledError, ProjectPathForbiddenError, ProjectPathInvalidError } from "@deployment-sets/core";
import { errorCode, isInside } from "./path-safety.js";

/**
 * Accepts a deploy target or throws the matching core error, in the order of the HTTP contract:
 * `deploy_disabled` (no allowed roots), then `project_path_invalid` (not absolute, missing, not a directory),
 * then `project_path_forbidden` (its real path lies inside no allowed root's real path; a root itself counts
 * as inside). A handful of `stat`/`realpath` calls, made synchronously.
 *
 * @param projectPath - the requested project folder
 * @param allowedRoots - the allowed roots (`DS_PROJECT_ROOTS`); relative or missing roots allow nothing
 * @returns the project's real path
 */
export function acceptTarget(projectPath: string, allowedRoots: readonly string[]): string {
  if (allowedRoots.length === 0) throw new DeployDisabledError();
  if (typeof projectPath !== "string" || !isAbsolute(projectPath)) {
    throw new ProjectPathInvalidError(String(projectPath), "it is not an absolute path");
  }
  let real: string;
  try {
    const stats = statSync(projectPath);
    if (!stats.isDirectory()) throw new ProjectPathInvalidError(projectPath, "it is not a directory");
    real = realpathSync.native(projectPath);
  } catch (error) {
    if (error instanceof ProjectPathInvalidError) throw error;
    const code = errorCode(error);
    const reason = code === "ENOENT" || code === "ENOTDIR" ? "it does not exist" : `it cannot be read (${code ?? "invalid path"})`;
    throw new ProjectPathInvalidError(projectPath, reason);
  }
  for (const root of allowedRoots) {
    if (!isAbsolute(root)) continue;
    let realRoot: string;
    try {
      realRoot = realpathSync.native(root);
    } catch {
      continue;
    }
    if (isInside(real, realRoot)) return real;
  }
  throw new ProjectPathForbiddenError(projectPath);
}
