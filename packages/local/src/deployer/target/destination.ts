import { lstatSync, mkdirSync, readdirSync, realpathSync, rmSync, statSync, type Dirent } from "node:fs";
import type { TomlTable } from "smol-toml";
import { renameIntoPlace, writeTempTree, type ExistingKind, type FileToWrite } from "../fs/atomic-write.js";
import { hashTree } from "../fs/content-hash.js";
import { readFileTree, restatFileTree, sameStats, withoutBytes, type FileTree, type TreeDir } from "../fs/file-tree.js";
import { treeFingerprint } from "../fs/fingerprint.js";
import { describeError, errorCode, isInside } from "../fs/path-safety.js";
import { recordedHash } from "../tracking/tracking-file.js";

/** Where one artifact type lands under a base folder (`.claude`): its type folder, shape and suffix. */
export interface ProfileDestination {
  /** The folder under the base holding artifacts of this type (`skills`, `commands`, ...). */
  readonly folder: string;
  /** `folder` for a folder artifact (`skills/<name>/`), `file` for a one-file artifact (`commands/<name>.md`). */
  readonly kind: "folder" | "file";
  /** Appended to the artifact's name to form the destination's name (`.md` for files, empty for folders). */
  readonly suffix: string;
}

/** A destination that is unsafe to read or write (a link leading outside the profile root, a file in the way). */
export class DestinationError extends Error {
  /** Always `"DestinationError"`. */
  override name = "DestinationError";
}

/** What is at a destination now. */
export type DestinationState =
  | { readonly present: false }
  | {
      readonly present: true;
      /** Its content hash (from the recorded fingerprint, or by reading it). */
      readonly hash: string;
      /** Its files and folders with their stat data. */
      readonly tree: FileTree;
      /** True when the recorded fingerprint vouched for `hash` (nothing was read). */
      readonly fingerprinted: boolean;
    };

/** Where one artifact lands: the base folder, the type's folder and the leaf name. */
export interface DestinationSpec {
  /** The base folder's real path (the profile root, or another folder of the project such as `.agents`). */
  readonly realRoot: string;
  /** The destination rule of the artifact's type. */
  readonly destination: ProfileDestination;
  /** The destination's name (`pdf`, `review.md`). */
  readonly leaf: string;
  /** The destination relative to the project, for messages (`.claude/skills/pdf`). */
  readonly label: string;
}

/** A type folder (`<root>/skills`) as seen once by an inspection pass: its real path and its entries. */
type FolderView = { readonly real: string; readonly entries: ReadonlyMap<string, Dirent> } | null | DestinationError;

/** Type folders resolved and listed once for a whole inspection pass. */
export type FolderCache = Map<string, FolderView>;

/**
 * What was last seen in each destination (by absolute path): its tree (names and stat data), content hash and
 * fingerprint. A warm redeploy stats the same names again; when nothing moved and the record still holds that
 * fingerprint, the destination is unchanged without listing a folder or hashing a string. Only a hint: a stale
 * entry simply fails the comparison and the destination is walked.
 */
export type ListingCache = Map<string, { readonly tree: FileTree; readonly hash: string; readonly fingerprint: string }>;

/**
 * Inspects a destination without writing: what is there and its content hash. The type's folder and a link at
 * the destination itself must resolve inside the profile root. When `record` carries a fingerprint that still
 * matches the destination's stat data, the recorded hash is taken without reading its files.
 *
 * @param folders - type-folder views shared by one inspection pass
 * @param listings - names last seen in destinations
 * @throws DestinationError when the destination is unsafe or unreadable
 */
export function inspectDestination(
  spec: DestinationSpec,
  record: TomlTable | undefined,
  folders: FolderCache,
  listings: ListingCache,
): DestinationState {
  const folder = folderView(spec, folders);
  if (folder instanceof DestinationError) throw new DestinationError(`${spec.label}: ${folder.message}`);
  if (folder === null) return { present: false };
  const entry = folder.entries.get(spec.leaf);
  if (entry === undefined) return { present: false };
  const leafPath = `${folder.real}/${spec.leaf}`;
  if (entry.isSymbolicLink()) checkLink(spec, leafPath);

  const recorded = recordedHash(record);
  const stored = record?.["ds_stat"];
  if (recorded !== null && typeof stored === "string") {
    const seen = listings.get(leafPath);
    if (seen !== undefined && seen.hash === recorded && seen.fingerprint === stored) {
      const tree = restatFileTree(leafPath, seen.tree);
      if (tree !== null && sameStats(tree, seen.tree)) return { present: true, hash: recorded, tree, fingerprinted: true };
    }
  }
  let tree: FileTree | null;
  try {
    tree = readFileTree(leafPath);
  } catch (error) {
    throw new DestinationError(`${spec.label} cannot be read: ${describeError(error)}`);
  }
  if (tree === null) return { present: false };
  if (recorded !== null && typeof stored === "string" && treeFingerprint(recorded, tree) === stored) {
    listings.set(leafPath, { tree, hash: recorded, fingerprint: stored });
    return { present: true, hash: recorded, tree, fingerprinted: true };
  }
  try {
    return { present: true, hash: hashTree(tree).hash, tree, fingerprinted: false };
  } catch (error) {
    throw new DestinationError(`${spec.label} cannot be read: ${describeError(error)}`);
  }
}

/**
 * Writes an artifact to its destination by rename (see `renameIntoPlace`), checking right before the write
 * that the type's folder resolves inside the profile root and that anything already at the destination is
 * not a link leading outside it. The type's folder is created when missing.
 *
 * @param hash - the content hash of what is written
 * @param existed - whether the inspection found something at the destination
 * @param listings - updated with what was written
 * @param onAsideLeft - told when the replaced copy could not be removed (the next deploy removes it)
 * @returns the written tree's stat data (files as written, folders once in place) and its fingerprint
 * @throws DestinationError when the destination is unsafe; the file system's error when a write fails
 */
export function writeDestination(
  spec: DestinationSpec,
  kind: FileTree["kind"],
  files: readonly FileToWrite[],
  hash: string,
  existed: boolean,
  listings: ListingCache,
  onAsideLeft: (path: string) => void,
): { tree: FileTree; fingerprint: string } {
  let parent: string;
  try {
    parent = realFolder(spec, true)!;
  } catch (error) {
    if (error instanceof DestinationError) throw new DestinationError(`${spec.label}: ${error.message}`);
    throw error;
  }
  const leafPath = `${parent}/${spec.leaf}`;
  // Renaming never follows a link, so a destination that appeared since the inspection cannot be written
  // through; one seen by the inspection is checked again here.
  let existing: ExistingKind = "none";
  if (existed) {
    const stats = lstatSync(leafPath, { throwIfNoEntry: false });
    if (stats?.isSymbolicLink()) checkLink(spec, leafPath);
    if (stats !== undefined) existing = kind === "file" && !stats.isDirectory() ? "replaceable" : "folder";
  }
  const temp = writeTempTree(parent, kind, files);
  let aside: string | null;
  try {
    aside = renameIntoPlace(temp.path, leafPath, existing);
  } catch (error) {
    rmSync(temp.path, { recursive: true, force: true });
    throw error;
  }
  if (aside !== null) onAsideLeft(aside);
  const dirs: TreeDir[] = temp.dirs.map((rel) => {
    const stats = statSync(rel === "" ? leafPath : `${leafPath}/${rel}`);
    return { rel, mtimeMs: stats.mtimeMs, ino: stats.ino };
  });
  const tree: FileTree = {
    kind,
    // Field by field: on Node 20 a property written after a spread (`{ ...file, abs }`) takes V8's slow path,
    // about a microsecond per file written.
    files: temp.files.map(({ rel, parts, size, mtimeMs, ino, mode }) => {
      return { rel, parts, abs: kind === "file" ? leafPath : `${leafPath}/${rel}`, size, mtimeMs, ino, mode };
    }),
    dirs,
    hasLinks: false,
  };
  const fingerprint = treeFingerprint(hash, tree);
  listings.set(leafPath, { tree: withoutBytes(tree), hash, fingerprint });
  return { tree, fingerprint };
}

/** The type folder's real path and entries, resolved once per inspection pass. */
function folderView(spec: DestinationSpec, folders: FolderCache): FolderView {
  const key = `${spec.realRoot}/${spec.destination.folder}`;
  let view = folders.get(key);
  if (view !== undefined) return view;
  try {
    const real = realFolder(spec, false);
    view = real === null ? null : { real, entries: new Map(readdirSync(real, { withFileTypes: true }).map((entry) => [entry.name, entry])) };
  } catch (error) {
    const code = errorCode(error);
    view =
      error instanceof DestinationError
        ? error
        : new DestinationError(code === "ENOTDIR" ? "its folder is not a folder" : `its folder cannot be read (${code ?? describeError(error)})`);
  }
  folders.set(key, view);
  return view;
}

/**
 * The real path of the type's folder (`<root>/skills`), which must be the root or inside it; `null` when it
 * does not exist and `create` is false. A real folder right under the (real) root is its own real path, so one
 * `lstat` settles the common case; a link is resolved and checked.
 */
function realFolder(spec: DestinationSpec, create: boolean): string | null {
  const path = `${spec.realRoot}/${spec.destination.folder}`;
  let stats = lstatSync(path, { throwIfNoEntry: false });
  if (stats === undefined) {
    if (!create) return null;
    try {
      mkdirSync(path);
    } catch (error) {
      if (errorCode(error) !== "EEXIST") throw error;
    }
    stats = lstatSync(path);
  }
  if (stats.isDirectory()) return path;
  if (!stats.isSymbolicLink()) throw new DestinationError(`its folder ${spec.destination.folder} is not a folder`);
  let real: string;
  try {
    real = realpathSync.native(path);
  } catch (error) {
    const code = errorCode(error);
    throw new DestinationError(`its folder ${spec.destination.folder} cannot be resolved (${code ?? describeError(error)})`);
  }
  if (!isInside(real, spec.realRoot)) {
    throw new DestinationError(`its folder ${spec.destination.folder} is a symbolic link leading outside the profile root`);
  }
  return real;
}

/** A link at the destination must resolve inside the profile root. */
function checkLink(spec: DestinationSpec, leafPath: string): void {
  let real: string;
  try {
    real = realpathSync.native(leafPath);
  } catch {
    throw new DestinationError(`${spec.label} is a symbolic link that does not resolve`);
  }
  if (!isInside(real, spec.realRoot)) {
    throw new DestinationError(`${spec.label} is a symbolic link leading outside the profile root`);
  }
}
