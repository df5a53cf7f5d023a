import { createHash } from "node:crypto";
import { lstatSync, readdirSync, readFileSync, readlinkSync } from "node:fs";
import { join, relative } from "node:path";

/**
 * Every entry under `dir` (links not followed) as `path kind detail` lines, sorted: a file with its size and
 * SHA-256, a link with its target, a folder alone. Two equal snapshots mean nothing was created, changed or
 * removed. Folders named in `skip` (relative paths) are left out.
 */
export function snapshotTree(dir: string, skip: readonly string[] = []): string[] {
  const lines: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder)) {
      const path = join(folder, entry);
      const name = relative(dir, path);
      if (skip.includes(name)) continue;
      const stats = lstatSync(path);
      if (stats.isSymbolicLink()) lines.push(`${name} link ${readlinkSync(path)}`);
      else if (stats.isDirectory()) {
        lines.push(`${name} folder`);
        walk(path);
      } else lines.push(`${name} file ${stats.size} ${createHash("sha256").update(readFileSync(path)).digest("hex")}`);
    }
  };
  walk(dir);
  return lines.sort();
}
