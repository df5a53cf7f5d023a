import { closeSync, fchmodSync, fstatSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import type { TreeFile } from "./file-tree.js";
import { tempName } from "./temp-names.js";

/** One file to write: where in the tree, its permission bits and its bytes. */
export interface FileToWrite {
  /** Relative path inside the tree, POSIX style; `""` for a single-file tree. */
  readonly rel: string;
  /** `rel` split into components. */
  readonly parts: readonly string[];
  /** Permission bits to give it (setuid, setgid and sticky bits are dropped). */
  readonly mode: number;
  /** The content. */
  readonly bytes: Uint8Array;
}

/** A tree written under a temporary name, ready to be renamed in. */
export interface TempTree {
  /** The temporary file or folder, beside the destination. */
  readonly path: string;
  /** The stat data of every file as written (renaming keeps it), in the order given, without `abs`. */
  readonly files: readonly Omit<TreeFile, "abs">[];
  /** Every folder created, relative to the tree (the root `""` first); empty for a file. */
  readonly dirs: readonly string[];
}

/**
 * Writes a file or a complete folder under a fresh temporary name inside `parent` (the destination's folder),
 * creating each file exclusively, so nothing is ever written through a link that was already there.
 *
 * @param parent - the real path of the folder the destination lives in
 * @param kind - `file` (one entry, `rel` `""`) or `folder`
 * @param files - the files
 */
export function writeTempTree(parent: string, kind: "file" | "folder", files: readonly FileToWrite[]): TempTree {
  const path = `${parent}/${tempName()}`;
  const written: Omit<TreeFile, "abs">[] = [];
  const dirs: string[] = [];
  try {
    if (kind === "file") {
      const file = files[0];
      if (!file || files.length !== 1) throw new Error("a file artifact is exactly one file");
      written.push(writeNewFile(path, file));
    } else {
      mkdirSync(path);
      dirs.push("");
      const made = new Set<string>();
      for (const file of files) {
        for (let depth = 1; depth < file.parts.length; depth++) {
          const dir = file.parts.slice(0, depth).join("/");
          if (made.has(dir)) continue;
          mkdirSync(`${path}/${dir}`);
          made.add(dir);
          dirs.push(dir);
        }
        written.push(writeNewFile(`${path}/${file.rel}`, file));
      }
    }
  } catch (error) {
    rmSync(path, { recursive: true, force: true });
    throw error;
  }
  return { path, files: written, dirs };
}

/** Creates `path` exclusively, writes `file`'s bytes, sets its mode exactly (whatever the umask). */
function writeNewFile(path: string, file: FileToWrite): Omit<TreeFile, "abs"> {
  const mode = file.mode & 0o777;
  const fd = openSync(path, "wx", mode);
  try {
    let offset = 0;
    while (offset < file.bytes.byteLength) offset += writeSync(fd, file.bytes, offset);
    let stats = fstatSync(fd);
    if ((stats.mode & 0o7777) !== mode) {
      fchmodSync(fd, mode);
      stats = fstatSync(fd);
    }
    return { rel: file.rel, parts: file.parts, size: stats.size, mtimeMs: stats.mtimeMs, ino: stats.ino, mode };
  } finally {
    closeSync(fd);
  }
}

/** What is at a destination before it is replaced. */
export type ExistingKind = "none" | "replaceable" | "folder";

/**
 * Puts a tree written by {@link writeTempTree} in place by rename. Nothing there, or a file or link being
 * replaced by a file: one rename. A folder being replaced (or replacing anything): the old one is renamed
 * aside, the new one renamed in, the old one removed; a reader sees the old tree, the new tree, or for an
 * instant nothing, never a mix.
 *
 * @param temp - the temporary tree's path
 * @param destination - where it goes (same folder as `temp`)
 * @param existing - `none`, `replaceable` (a file or link, and `temp` is a file) or `folder` (anything else)
 * @returns the old tree's aside path when removing it failed (the next deploy cleans it), else `null`
 */
export function renameIntoPlace(temp: string, destination: string, existing: ExistingKind): string | null {
  if (existing !== "folder") {
    renameSync(temp, destination);
    return null;
  }
  const aside = `${temp.slice(0, temp.lastIndexOf("/"))}/${tempName()}`;
  renameSync(destination, aside);
  try {
    renameSync(temp, destination);
  } catch (error) {
    try {
      renameSync(aside, destination);
    } catch {
      // the old tree stays aside; the next deploy sees nothing there and creates the artifact
    }
    throw error;
  }
  try {
    rmSync(aside, { recursive: true, force: true });
    return null;
  } catch {
    return aside;
  }
}
