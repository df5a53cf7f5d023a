import { readdirSync, realpathSync, type Dirent } from "node:fs";
import { isAbsolute, posix } from "node:path";
import { hashTree } from "./content-hash.js";
import { EscapingLinkError, newestMtime, readFileTree, restatFileTree, sameStats, withoutBytes, type FileTree } from "./file-tree.js";
import { describeError, errorCode, isStrictlyInside } from "./path-safety.js";

/** A source as read: its files, its content hash and, when it was just read, its bytes (in file order). */
export interface SourceSnapshot {
  /** The source's files. */
  readonly tree: FileTree;
  /** Its content hash. */
  readonly hash: string;
  /** The files' bytes when they were read for hashing; `null` when the hash came from the cache. */
  bytes: Buffer[] | null;
}

/** A source that cannot be deployed (missing, outside the collection, wrong kind, unreadable). */
export class SourceError extends Error {
  /** Always `"SourceError"`. */
  override name = "SourceError";
}

// A hash is cached only for trees whose every mtime is older than this when hashed, so an edit in the same
// clock tick (or on a file system with coarse timestamps) cannot leave a stale hash behind equal stat data.
const CACHE_SETTLE_MS = 2_000;
const CACHE_MAX_ENTRIES = 100_000;

interface CachedSource {
  /** The tree as hashed (names and stat data, no bytes). */
  readonly tree: FileTree;
  readonly hash: string;
}

/**
 * Reads artifact sources inside one collection folder and caches their content hashes in memory, keyed by
 * real path and the tree's stat data (folders' and files' mtimes, sizes, inodes), so a warm redeploy neither
 * reads nor lists unchanged sources: it stats the names it saw last time, and an added or removed entry shows
 * in its folder's mtime. Synchronous, like the rest of the per-artifact work (see `FilesystemDeployer`).
 */
export class SourceReader {
  readonly #cache = new Map<string, CachedSource>();

  /**
   * Reads the source at `path` (relative to the collection, POSIX style) and hashes it.
   *
   * @param realCollection - the collection folder's real path
   * @param path - the artifact's `path`
   * @param kind - what the artifact's type needs: a `file`, a `folder`, or `any` (either)
   * @param folders - the collection's folders as resolved and listed once per deploy
   * @throws SourceError when it is missing, leaves the collection, is of the wrong kind or cannot be read
   */
  read(realCollection: string, path: string, kind: FileTree["kind"] | "any", folders: SourceFolders): SourceSnapshot {
    const real = resolveSource(realCollection, path, folders);
    const startedMs = Date.now();
    const cached = this.#cache.get(real);
    if (cached !== undefined && (kind === "any" || cached.tree.kind === kind)) {
      const tree = restatFileTree(real, cached.tree);
      if (tree !== null && sameStats(tree, cached.tree)) return { tree, hash: cached.hash, bytes: null };
    }
    let tree: FileTree | null;
    try {
      tree = readFileTree(real, { within: realCollection, bytes: true });
    } catch (error) {
      if (error instanceof EscapingLinkError) throw new SourceError(`the source ${path}: ${error.message}`);
      throw new SourceError(`the source ${path} cannot be read: ${describeError(error)}`);
    }
    if (tree === null) throw new SourceError(`the source ${path} does not exist in the collection`);
    if (kind !== "any" && tree.kind !== kind) throw new SourceError(`the source ${path} is a ${tree.kind}; this artifact type needs a ${kind}`);
    const { hash, bytes } = readSourceTree(tree, path);
    if (!tree.hasLinks && newestMtime(tree) < startedMs - CACHE_SETTLE_MS) {
      if (this.#cache.size >= CACHE_MAX_ENTRIES) this.#cache.clear();
      this.#cache.set(real, { tree: withoutBytes(tree), hash });
    }
    return { tree, hash, bytes };
  }
}

/**
 * The collection's folders holding sources (`skills`, `commands`, ...) as seen once by a deploy: real path and
 * entries, `null` when missing. Listing a folder once costs less than an `lstat` per source.
 */
export type SourceFolders = Map<string, { readonly real: string; readonly entries: ReadonlyMap<string, Dirent> } | null>;

/**
 * The real path of a source, which must lie strictly inside the collection. Its folder is resolved and listed
 * once per deploy; the source itself is resolved only when it is a link.
 */
function resolveSource(realCollection: string, path: string, folders: SourceFolders): string {
  const normalized = posix.normalize(path.replaceAll("\\", "/")).replace(/\/+$/, "");
  if (isAbsolute(path) || normalized === "." || normalized === ".." || normalized.startsWith("../")) {
    throw new SourceError(`the source path ${path} leaves the collection folder`);
  }
  const cut = normalized.lastIndexOf("/");
  const dir = cut === -1 ? "" : normalized.slice(0, cut);
  let folder = folders.get(dir);
  if (folder === undefined) {
    try {
      const real = dir === "" ? realCollection : realpathSync.native(`${realCollection}/${dir}`);
      if (real !== realCollection && !isStrictlyInside(real, realCollection)) {
        throw new SourceError(`the source ${path} resolves outside the collection folder`);
      }
      folder = { real, entries: new Map(readdirSync(real, { withFileTypes: true }).map((entry) => [entry.name, entry])) };
    } catch (error) {
      if (error instanceof SourceError) throw error;
      const code = errorCode(error);
      if (code !== "ENOENT" && code !== "ENOTDIR") throw new SourceError(`the source ${path} cannot be read: ${describeError(error)}`);
      folder = null;
    }
    folders.set(dir, folder);
  }
  const name = normalized.slice(cut + 1);
  const entry = folder?.entries.get(name);
  if (folder == null || entry === undefined) throw new SourceError(`the source ${path} does not exist in the collection`);
  const leaf = `${folder.real}/${name}`;
  if (!entry.isSymbolicLink()) return leaf;
  let real: string;
  try {
    real = realpathSync.native(leaf);
  } catch {
    throw new SourceError(`the source ${path} is a symbolic link that does not resolve`);
  }
  if (!isStrictlyInside(real, realCollection)) throw new SourceError(`the source ${path} resolves outside the collection folder`);
  return real;
}

/**
 * Reads and hashes every file of a source tree.
 *
 * @param label - how errors name the source
 * @throws SourceError when a file cannot be read
 */
export function readSourceTree(tree: FileTree, label: string): { hash: string; bytes: Buffer[] } {
  try {
    return hashTree(tree);
  } catch (error) {
    throw new SourceError(`the source ${label} cannot be read: ${describeError(error)}`);
  }
}
