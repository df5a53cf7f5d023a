import { realpathSync, statSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { DeployDisabledError, ProjectPathForbiddenError, ProjectPathInvalidError } from "@deployment-sets/core";
import { errorCode, isInside } from "./path-safety.js";

/**
 * Accepts a deploy target or throws the matching core error, in the order of the HTTP contract:
 * `deploy_disabled` (no allowed roots); `project_path_invalid` when it is not absolute; `project_path_forbidden`
 * when its normalised text lies inside no allowed root (as written or as its real path), whether or not it exists,
 * so a caller cannot probe the file system outside the roots; `project_path_invalid` when it is missing or not a
 * directory; and `project_path_forbidden` again when its real path (links followed) lies inside no root's real path.
 * A root itself counts as inside. A handful of `stat`/`realpath` calls, made synchronously.
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
  const roots = allowedRoots.filter((root) => isAbsolute(root)).map((root) => ({ written: resolve(root), real: realOrNull(root) }));
  const normalised = resolve(projectPath);
  if (!roots.some((root) => isInside(normalised, root.written) || (root.real !== null && isInside(normalised, root.real)))) {
    throw new ProjectPathForbiddenError(projectPath);
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
  if (roots.some((root) => root.real !== null && isInside(real, root.real))) return real;
  throw new ProjectPathForbiddenError(projectPath);
}

/** The real path of `path`, or `null` when it cannot be resolved (a missing root allows nothing). */
function realOrNull(path: string): string | null {
  try {
    return realpathSync.native(path);
  } catch {
    return null;
  }
}
