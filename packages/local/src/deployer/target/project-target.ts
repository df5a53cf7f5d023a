import { realpathSync, statSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import { DeployDisabledError, ProjectPathForbiddenError, ProjectPathInvalidError } from "@deployment-sets/core";
import { errorCode, isInside } from "../fs/path-safety.js";

/**
 * Accepts a deploy target or throws the matching core error, in the order of the HTTP contract:
 * `deploy_disabled` (no allowed roots); `project_path_invalid` when it is not absolute; `project_path_forbidden`
 * when its normalised text lies inside no allowed root (as written or as its real path); `project_path_forbidden`
 * when the real path of the path, or of its nearest existing ancestor when it is missing, lies inside no root's
 * real path (a link leading out); and only then `project_path_invalid` when it is missing or not a directory. So the
 * answer for any path outside the roots, however it gets there, never depends on what exists there. A root itself
 * counts as inside. A handful of `stat`/`realpath` calls, made synchronously.
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
  const existing = nearestRealPath(normalised);
  if (!roots.some((root) => root.real !== null && isInside(existing.real, root.real))) throw new ProjectPathForbiddenError(projectPath);
  if (!existing.whole) throw new ProjectPathInvalidError(projectPath, "it does not exist");
  let stats;
  try {
    stats = statSync(existing.real);
  } catch (error) {
    throw new ProjectPathInvalidError(projectPath, `it cannot be read (${errorCode(error) ?? "invalid path"})`);
  }
  if (!stats.isDirectory()) throw new ProjectPathInvalidError(projectPath, "it is not a directory");
  return existing.real;
}

/**
 * The real path of `path` (`whole`), or of its nearest ancestor that resolves when `path` itself does not (a
 * missing folder, or one below a file); the root `/` always resolves.
 */
function nearestRealPath(path: string): { readonly real: string; readonly whole: boolean } {
  for (let current = path; ; current = dirname(current)) {
    const real = realOrNull(current);
    if (real !== null) return { real, whole: current === path };
    if (dirname(current) === current) return { real: current, whole: false };
  }
}

/** The real path of `path`, or `null` when it cannot be resolved (a missing root allows nothing). */
function realOrNull(path: string): string | null {
  try {
    return realpathSync.native(path);
  } catch {
    return null;
  }
}
