import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, realpathSync, statSync, type Stats } from "node:fs";
import { isJunk } from "./junk.js";
import { isInside } from "./path-safety.js";
import { comparePathParts } from "./path-order.js";

/** One file of a tree, with the stat data the fingerprints and the copy need. */
export interface TreeFile {
  /** The path relative to the tree's root, POSIX style; `""` when the tree is a single file. */
  readonly rel: string;
  /** `rel` split into components (the sort key). */
  readonly parts: readonly string[];
  /** Where to read it (a symbolic link is read through). */
  readonly abs: string;
  /** Size in bytes. */
  readonly size: number;
  /** Modification time in milliseconds, with the sub-microsecond precision Node reports. */
  readonly mtimeMs: number;
  /** Inode number. */
  readonly ino: number;
  /** Permission bits (`0o7777`). */
  readonly mode: number;
}

/** One folder of a tree: its modification time changes whenever an entry is added, removed or renamed in it. */
export interface TreeDir {
  /** The path relative to the tree's root, POSIX style; `""` for the root itself. */
  readonly rel: string;
  /** Modification time in milliseconds. */
  readonly mtimeMs: number;
  /** Inode number. */
  readonly ino: number;
}

/** A source or destination read as files: a single file, or a folder's files in hash order. */
export interface FileTree {
  /** The files' bytes, in `files` order, when the tree was read with them ({@link readFileTree}). */
  readonly bytes?: readonly Buffer[];
  /** `file` or `folder`. */
  readonly kind: "file" | "folder";
  /** The files; for a folder, junk excluded and in content-hash order. */
  readonly files: readonly TreeFile[];
  /** The folders (the root first), junk excluded; empty for a file. */
  readonly dirs: readonly TreeDir[];
  /** True when a symbolic link was followed somewhere in the tree. */
  readonly hasLinks: boolean;
}

/** A source entry that leads outside the folder it must stay in. */
export class EscapingLinkError extends Error {
  /** Always `"EscapingLinkError"`. */
  override name = "EscapingLinkError";
}

/**
 * Lists the files of `path` (a file, or a folder walked recursively) the way SkillMeat's `compute_content_hash`
 * sees them: regular files only (a symbolic link to a file counts as that file; links to folders, sockets and
 * devices are ignored, as `Path.rglob` and `Path.is_file` ignore them), junk excluded, sorted component by
 * component by code point.
 *
 * Synchronous on purpose: the deployer works artifact by artifact between yields to the event loop, and a
 * thread-pool round trip per `stat` costs far more than the system call (see `FilesystemDeployer`).
 *
 * @param path - what to list; a symbolic link is followed
 * @param options - `within`: a real path every symbolic link inside the folder must resolve inside, or the
 *   walk fails with {@link EscapingLinkError} (sources must stay inside the collection); `bytes`: also read
 *   every file (each is opened, `fstat`ed and read once, rather than `stat`ed and then read)
 * @returns the tree, or `null` when nothing is at `path`
 * @throws the file system's error when `path` is neither a file nor a folder or cannot be read
 */
export function readFileTree(path: string, options: { within?: string; bytes?: boolean } = {}): FileTree | null {
  const stats = statSync(path, { throwIfNoEntry: false });
  if (stats === undefined) return null;
  const walk: Walk = { within: options.within, withBytes: options.bytes === true, files: [], dirs: [], hasLinks: false };
  if (stats.isFile()) {
    addFile(walk, path, "", [], options.bytes === true ? undefined : stats);
    if (walk.files.length === 0) return null;
    return { kind: "file", files: walk.files.map((entry) => entry.file), dirs: [], hasLinks: false, ...bytesOf(walk) };
  }
  if (!stats.isDirectory()) throw Object.assign(new Error(`${path} is neither a file nor a folder`), { code: "EINVAL" });
  walk.dirs.push({ rel: "", mtimeMs: stats.mtimeMs, ino: stats.ino });
  walkFolder(walk, path, "", []);
  walk.files.sort((a, b) => comparePathParts(a.file.parts, b.file.parts));
  return { kind: "folder", files: walk.files.map((entry) => entry.file), dirs: walk.dirs, hasLinks: walk.hasLinks, ...bytesOf(walk) };
}

interface Walk {
  readonly within: string | undefined;
  readonly withBytes: boolean;
  readonly files: { file: TreeFile; bytes: Buffer | undefined }[];
  readonly dirs: TreeDir[];
  hasLinks: boolean;
}

function bytesOf(walk: Walk): { bytes?: Buffer[] } {
  return walk.withBytes ? { bytes: walk.files.map((entry) => entry.bytes!) } : {};
}

function walkFolder(walk: Walk, dir: string, rel: string, parts: readonly string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const name = entry.name;
    if (isJunk(name)) continue;
    const abs = `${dir}/${name}`;
    const entryRel = rel === "" ? name : `${rel}/${name}`;
    const entryParts = parts.concat(name); // exact length, unlike a spread copy (kept in every `TreeFile`)
    if (entry.isDirectory()) {
      const stats = statSync(abs, { throwIfNoEntry: false });
      if (stats === undefined || !stats.isDirectory()) continue;
      walk.dirs.push({ rel: entryRel, mtimeMs: stats.mtimeMs, ino: stats.ino });
      walkFolder(walk, abs, entryRel, entryParts);
    } else if (entry.isSymbolicLink()) {
      // A dangling link or a link to a folder is not a file, as for `Path.is_file`.
      const stats = statSync(abs, { throwIfNoEntry: false });
      if (stats === undefined || !stats.isFile()) continue;
      walk.hasLinks = true;
      if (walk.within !== undefined && !isInside(realpathSync.native(abs), walk.within)) {
        throw new EscapingLinkError(`${entryRel} is a symbolic link leading outside the collection`);
      }
      addFile(walk, abs, entryRel, entryParts, walk.withBytes ? undefined : stats);
    } else if (entry.isFile()) {
      addFile(walk, abs, entryRel, entryParts, undefined);
    }
  }
}

/**
 * Adds a regular file: `stat`ed, or (when reading bytes) opened without blocking, `fstat`ed and read whole in
 * one read. Something that is not a regular file (replaced meanwhile, a FIFO) is skipped.
 */
function addFile(walk: Walk, abs: string, rel: string, parts: readonly string[], known: Stats | undefined): void {
  if (!walk.withBytes) {
    const stats = known ?? statSync(abs, { throwIfNoEntry: false });
    if (stats?.isFile()) walk.files.push({ file: treeFile(abs, rel, parts, stats), bytes: undefined });
    return;
  }
  const fd = openSync(abs, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return;
    walk.files.push({ file: treeFile(abs, rel, parts, stats), bytes: readAll(fd, stats.size) });
  } finally {
    closeSync(fd);
  }
}

/** Reads an open file to its end: one read when its size is as `fstat` said (a short read is the end). */
function readAll(fd: number, size: number): Buffer {
  let buffer = Buffer.allocUnsafe(size + 1);
  let filled = 0;
  for (;;) {
    const read = readSync(fd, buffer, filled, buffer.length - filled, null);
    if (read === 0) return buffer.subarray(0, filled);
    filled += read;
    if (filled < buffer.length) {
      if (filled <= size) return buffer.subarray(0, filled);
      continue;
    }
    const grown = Buffer.allocUnsafe(buffer.length * 2);
    buffer.copy(grown, 0, 0, filled);
    buffer = grown;
  }
}

/**
 * Stats again the folders and files `like` names, under `path`, without listing folders: the tree as it would
 * be read now if no entry was added or removed. Whether that holds is for the caller to decide, by comparing
 * the folders' modification times with trusted ones ({@link sameStats}). Returns `null` when an entry is gone
 * or changed kind.
 */
export function restatFileTree(path: string, like: FileTree): FileTree | null {
  if (like.kind === "file") {
    const stats = statSync(path, { throwIfNoEntry: false });
    return stats?.isFile() ? { kind: "file", files: [treeFile(path, "", [], stats)], dirs: [], hasLinks: false } : null;
  }
  const dirs: TreeDir[] = [];
  for (const { rel } of like.dirs) {
    const stats = statSync(rel === "" ? path : `${path}/${rel}`, { throwIfNoEntry: false });
    if (stats === undefined || !stats.isDirectory()) return null;
    dirs.push({ rel, mtimeMs: stats.mtimeMs, ino: stats.ino });
  }
  const files: TreeFile[] = [];
  for (const { rel, parts } of like.files) {
    const abs = `${path}/${rel}`;
    const stats = statSync(abs, { throwIfNoEntry: false });
    if (stats === undefined || !stats.isFile()) return null;
    files.push(treeFile(abs, rel, parts, stats));
  }
  return { kind: "folder", files, dirs, hasLinks: false };
}

/**
 * True when two trees have the same shape and stat data (folders' paths, mtimes and inodes; files' paths,
 * sizes, mtimes and inodes): {@link treeStatKey} equality, without building the strings.
 */
export function sameStats(a: FileTree, b: FileTree): boolean {
  if (a.kind !== b.kind || a.files.length !== b.files.length || a.dirs.length !== b.dirs.length) return false;
  for (let i = 0; i < a.dirs.length; i++) {
    const x = a.dirs[i]!;
    const y = b.dirs[i]!;
    if (x.rel !== y.rel || x.mtimeMs !== y.mtimeMs || x.ino !== y.ino) return false;
  }
  for (let i = 0; i < a.files.length; i++) {
    const x = a.files[i]!;
    const y = b.files[i]!;
    if (x.rel !== y.rel || x.size !== y.size || x.mtimeMs !== y.mtimeMs || x.ino !== y.ino) return false;
  }
  return true;
}

/** `tree` without its bytes, to keep in a cache. */
export function withoutBytes(tree: FileTree): FileTree {
  return tree.bytes === undefined ? tree : { kind: tree.kind, files: tree.files, dirs: tree.dirs, hasLinks: tree.hasLinks };
}

/**
 * A string of a tree's shape and stat data: folders (path, mtime, inode) and files (path, size, mtime, inode).
 * Equal keys mean equal contents as far as stat data can tell, provided every mtime in it was already in the
 * past (by more than the file system's timestamp granularity) when the key was taken: an edit after that
 * changes a file's mtime, and adding, removing or renaming an entry changes its folder's.
 */
export function treeStatKey(tree: FileTree): string {
  let key = tree.kind;
  for (const dir of tree.dirs) key += `\n${dir.rel}\0${dir.mtimeMs}\0${dir.ino}`;
  for (const file of tree.files) key += `\n${file.rel}\0${file.size}\0${file.mtimeMs}\0${file.ino}`;
  return key;
}

/** The newest modification time in `tree` (files and folders), in milliseconds; `-Infinity` when empty. */
export function newestMtime(tree: Pick<FileTree, "files" | "dirs">): number {
  let newest = -Infinity;
  for (const file of tree.files) if (file.mtimeMs > newest) newest = file.mtimeMs;
  for (const dir of tree.dirs) if (dir.mtimeMs > newest) newest = dir.mtimeMs;
  return newest;
}

function treeFile(abs: string, rel: string, parts: string[] | readonly string[], stats: Stats): TreeFile {
  return { rel, parts, abs, size: stats.size, mtimeMs: stats.mtimeMs, ino: stats.ino, mode: stats.mode & 0o7777 };
}
