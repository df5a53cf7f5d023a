import { closeSync, fchmodSync, fsyncSync, lstatSync, mkdirSync, openSync, readFileSync, realpathSync, renameSync, rmSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";
import { DestinationError } from "../target/destination.js";
import { errorCode, isInside } from "../fs/path-safety.js";
import { tempName } from "../fs/temp-names.js";

/**
 * The real path of the folder holding a config file (`relative` to the project), which must lie inside the
 * project; created when missing and `create`, else `null`.
 * @throws DestinationError when it resolves outside the project
 */
function configFolder(realProject: string, relative: string, create: boolean): string | null {
  const folder = dirname(join(realProject, relative));
  let real: string;
  try {
    real = realpathSync.native(folder);
  } catch (error) {
    if (errorCode(error) !== "ENOENT" || !create) {
      if (errorCode(error) === "ENOENT") return null;
      throw error;
    }
    mkdirSync(folder, { recursive: true });
    real = realpathSync.native(folder);
  }
  if (!isInside(real, realProject)) throw new DestinationError(`${relative}: its folder is a symbolic link leading outside the project`);
  return real;
}

/**
 * A config file's text (`relative` to the project), or `null` when it does not exist. A symbolic link is never
 * read or written through.
 * @throws DestinationError when it is unsafe or unreadable
 */
export function readConfigText(realProject: string, relative: string): string | null {
  const folder = configFolder(realProject, relative, false);
  if (folder === null) return null;
  const path = join(folder, relative.slice(relative.lastIndexOf("/") + 1));
  const stats = lstatSync(path, { throwIfNoEntry: false });
  if (stats === undefined) return null;
  if (stats.isSymbolicLink()) throw new DestinationError(`${relative} is a symbolic link; Deployment Sets does not write through links`);
  if (!stats.isFile()) throw new DestinationError(`${relative} is not a file`);
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw new DestinationError(`${relative} cannot be read: ${(error as Error).message}`);
  }
}

/**
 * Replaces a config file atomically: the text is written beside it under a temporary name, flushed to disk, then
 * renamed over it, keeping the file's permission bits (a `0600` file holding secrets stays `0600`). Its folder is
 * created when missing.
 */
export function writeConfigText(realProject: string, relative: string, text: string): void {
  const folder = configFolder(realProject, relative, true)!;
  const path = join(folder, relative.slice(relative.lastIndexOf("/") + 1));
  const temp = join(folder, tempName());
  const bytes = Buffer.from(text, "utf8");
  const mode = (lstatSync(path, { throwIfNoEntry: false })?.mode ?? 0o644) & 0o7777;
  const fd = openSync(temp, "wx", mode);
  try {
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset);
    fchmodSync(fd, mode);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
  closeSync(fd);
  try {
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/** Removes a config file (nothing when it is already gone). */
export function removeConfigFile(realProject: string, relative: string): void {
  const folder = configFolder(realProject, relative, false);
  if (folder !== null) rmSync(join(folder, relative.slice(relative.lastIndexOf("/") + 1)), { force: true });
}
