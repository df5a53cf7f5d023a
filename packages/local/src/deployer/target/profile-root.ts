import { mkdirSync, realpathSync } from "node:fs";
import { join } from "node:path";
import { DestinationError } from "./destination.js";
import { errorCode, isInside } from "../fs/path-safety.js";

/**
 * The real path of the profile root (`<project>/.claude`), which must lie inside the project (a link to a
 * folder elsewhere in the project is fine). Missing: created when `create`, else `null`.
 *
 * @param realProject - the project's real path
 * @param rootName - the profile's root folder (`.claude`)
 * @param create - whether to create it when missing
 * @throws DestinationError when it resolves outside the project
 */
export function profileRoot(realProject: string, rootName: string, create: boolean): string | null {
  const path = join(realProject, rootName);
  let real: string;
  try {
    real = realpathSync.native(path);
  } catch (error) {
    if (errorCode(error) !== "ENOENT") throw error;
    if (!create) return null;
    try {
      mkdirSync(path);
    } catch (mkdirError) {
      if (errorCode(mkdirError) !== "EEXIST") throw mkdirError;
    }
    real = realpathSync.native(path);
  }
  if (!isInside(real, realProject)) {
    throw new DestinationError(`${rootName} is a symbolic link leading outside the project`);
  }
  return real;
}
