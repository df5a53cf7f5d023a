import { createHash, type Hash } from "node:crypto";
import { closeSync, constants, openSync, readFileSync, readSync } from "node:fs";
import { readFileTree, type FileTree } from "./file-tree.js";

/**
 * The content hash of a file or folder: SkillMeat's `compute_content_hash`, so hashes recorded by either tool
 * agree. SHA-256, lowercase hex. A file: its bytes. A folder: over its files only
 * (junk excluded), in order of their relative paths compared component by component by code point, each
 * file's relative path (POSIX separators, UTF-8) then its bytes, with no separators between them.
 *
 * The files are read with synchronous calls (as the deployer reads them); this helper is meant for tools and
 * tests, the deployer hashes what it copies as it copies it.
 *
 * @param path - a file or folder; a symbolic link is followed
 * @returns 64 lowercase hex characters
 * @throws the file system's error when `path` does not exist or cannot be read
 *
 * @example
 * ```ts
 * const hash = await contentHash("/home/me/.skillmeat/collections/default/skills/pdf");
 * ```
 */
export async function contentHash(path: string): Promise<string> {
  const tree = readFileTree(path, { bytes: true });
  if (tree === null) throw Object.assign(new Error(`ENOENT: no such file or directory, '${path}'`), { code: "ENOENT" });
  return hashTree(tree).hash;
}

/**
 * Hashes every file of `tree` in order, as {@link contentHash} does, reading the files unless the tree was
 * read with its bytes.
 *
 * @returns the hash and the files' bytes, in `tree.files` order
 * @throws the file system's error when a file cannot be read
 */
export function hashTree(tree: FileTree): { hash: string; bytes: Buffer[] } {
  const hasher = new TreeHasher(tree.kind);
  const bytes: Buffer[] = [];
  for (const [index, file] of tree.files.entries()) {
    const content = tree.bytes?.[index] ?? readWhole(file.abs, file.size);
    hasher.add(file.rel, content);
    bytes.push(content);
  }
  return { hash: hasher.digest(), bytes };
}

/**
 * Reads a file expected to hold `size` bytes (from a recent stat) in one read; falls back when it changed.
 * Opened without blocking, so a file swapped for a FIFO meanwhile cannot hang the deploy.
 */
function readWhole(path: string, size: number): Buffer {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const buffer = Buffer.allocUnsafe(size);
    let filled = 0;
    while (filled < size) {
      const read = readSync(fd, buffer, filled, size - filled, null);
      if (read === 0) return buffer.subarray(0, filled);
      filled += read;
    }
    // One more byte means the file grew since the stat: read it again whole.
    if (readSync(fd, Buffer.allocUnsafe(1), 0, 1, null) === 0) return buffer;
  } finally {
    closeSync(fd);
  }
  return readFileSync(path);
}

/** Hashes a tree's files, given in {@link FileTree} order, the way {@link contentHash} does. */
export class TreeHasher {
  readonly #hash: Hash = createHash("sha256");
  readonly #kind: FileTree["kind"];

  /** @param kind - `file` (bytes only) or `folder` (each relative path, then its bytes) */
  constructor(kind: FileTree["kind"]) {
    this.#kind = kind;
  }

  /** Adds one file: its relative path (for a folder) and its bytes. */
  add(rel: string, bytes: Uint8Array): void {
    if (this.#kind === "folder") this.#hash.update(rel, "utf8");
    this.#hash.update(bytes);
  }

  /** The lowercase hex digest. */
  digest(): string {
    return this.#hash.digest("hex");
  }
}
