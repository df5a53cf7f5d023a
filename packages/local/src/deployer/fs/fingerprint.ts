import { createHash } from "node:crypto";
import { treeStatKey, type FileTree } from "./file-tree.js";

/**
 * The `ds_stat` fingerprint of a destination: a digest of its shape and stat data (see `treeStatKey`: folders'
 * and files' mtimes, sizes, inodes), bound to the content hash it vouches for. A destination whose fresh
 * fingerprint equals the recorded one still holds that content, without being read again, as git's index
 * trusts size and mtime.
 *
 * Only fingerprints whose every mtime is more than {@link FINGERPRINT_MARGIN_MS} older than a file-system
 * timestamp taken after they were written are recorded (see `FilesystemDeployer`), so an edit in the same
 * clock tick cannot hide behind an equal mtime, and comparing Node's `mtimeMs` (sub-microsecond) tells every
 * later edit apart just as nanoseconds would.
 *
 * @param contentHash - the content hash the stat data vouches for
 * @param tree - the destination's files and folders
 */
export function treeFingerprint(contentHash: string, tree: FileTree): string {
  return createHash("sha256").update(`${contentHash}\n${treeStatKey(tree)}`, "utf8").digest("hex");
}

/** How much older than the reference timestamp a fingerprinted tree's mtimes must be, in milliseconds. */
export const FINGERPRINT_MARGIN_MS = 1;
