import { randomBytes } from "node:crypto";
import { readdirSync, rmSync } from "node:fs";
import { errorCode } from "./path-safety.js";

/**
 * The prefix of every temporary name the deployer creates inside a profile root: new content before it is
 * renamed in, old content renamed aside, the tracking file before it replaces the old one. Artifact names
 * never start with `.`, so no artifact can collide with it.
 */
export const TEMP_PREFIX = ".ds-tmp-";

const RUN = `${process.pid.toString(36)}-${randomBytes(4).toString("hex")}`;
let counter = 0;

/** A fresh temporary name, unique within this process and practically unique across processes. */
export function tempName(): string {
  counter += 1;
  return `${TEMP_PREFIX}${RUN}-${counter.toString(36)}`;
}

/** True for a name made by {@link tempName}. */
export function isTempName(name: string): boolean {
  return name.startsWith(TEMP_PREFIX);
}

/**
 * Removes what interrupted deploys left behind in `folders` (entries named by {@link tempName}). Call only while
 * holding the project lock: then no other deploy can be using them. Missing folders are fine.
 *
 * @returns the paths removed
 */
export function removeLeftovers(folders: readonly string[]): string[] {
  const removed: string[] = [];
  for (const folder of folders) {
    let names: string[];
    try {
      names = readdirSync(folder);
    } catch (error) {
      if (errorCode(error) === "ENOENT" || errorCode(error) === "ENOTDIR") continue;
      throw error;
    }
    for (const name of names) {
      if (!isTempName(name)) continue;
      const path = `${folder}/${name}`;
      rmSync(path, { recursive: true, force: true });
      removed.push(path);
    }
  }
  return removed;
}
