import { lstatSync, readdirSync, realpathSync, statSync, type Stats } from "node:fs";
import { join, posix, sep } from "node:path";

/** What {@link SourceChecker.check} found: a usable source path, or why it is refused. */
export type SourceCheck =
  | {
      readonly ok: true;
      /** The path relative to the collection folder, normalised, POSIX style, without a trailing slash. */
      readonly path: string;
      /** `"file"` or `"folder"` when the source exists, `null` when it does not (yet). */
      readonly kind: "file" | "folder" | null;
    }
  | { readonly ok: false; readonly reason: string };

/**
 * Checks that artifact source paths stay inside the collection folder: lexically (no absolute path, no `..`
 * climbing out) and on disk (no symbolic link, on the way or at the end, leading outside). Each folder holding
 * sources is resolved and listed once (its entries' kinds come with the listing), so a load costs a few system
 * calls per folder rather than several per artifact.
 *
 * One checker serves one load: the cache assumes the folders do not move while it runs.
 */
export class SourceChecker {
  readonly #realRoot: string;
  readonly #rootPrefix: string;
  readonly #realDirs = new Map<string, DirLookup>();
  readonly #listings = new Map<string, ReadonlyMap<string, EntryKind> | null>();

  /** @param realRoot - the collection folder's real path (symbolic links resolved) */
  constructor(realRoot: string) {
    this.#realRoot = realRoot;
    this.#rootPrefix = realRoot.endsWith(sep) ? realRoot : realRoot + sep;
  }

  /**
   * Checks one source path as written in `collection.toml`.
   *
   * @param raw - the `path` field: relative to the collection folder (`\` is read as a separator), or absolute
   *   but inside it (SkillMeat writes marketplace imports that way)
   */
  check(raw: string): SourceCheck {
    let slashed = raw.replaceAll("\\", "/");
    if (slashed.startsWith(this.#rootPrefix) || slashed.startsWith(`${this.#realRoot}/`)) slashed = slashed.slice(this.#rootPrefix.length);
    if (slashed.startsWith("/") || /^[A-Za-z]:/.test(slashed)) return refuse("the source path is absolute and outside the collection folder");
    const path = posix.normalize(slashed).replace(/\/+$/, "");
    if (path === "" || path === ".") return refuse("the source path names the collection folder itself");
    if (path === ".." || path.startsWith("../")) return refuse("the source path leaves the collection folder");
    if (path.includes("\0")) return refuse("the source path contains a NUL character");

    const cut = path.lastIndexOf("/");
    const realDir = this.#realDir(cut === -1 ? "" : path.slice(0, cut));
    if (realDir === OUTSIDE) return refuse("the source path leads outside the collection folder through a symbolic link");
    if (realDir === MISSING) return { ok: true, path, kind: null };
    if (typeof realDir !== "string") return refuse(`the source folder cannot be read (${realDir.error})`);

    const leafName = path.slice(cut + 1);
    let kind = this.#listing(realDir)?.get(leafName);
    if (kind === undefined) {
      // Not in the listing: gone, unlistable folder, or a case-insensitive file system spelling it differently.
      let stats: Stats;
      try {
        stats = lstatSync(join(realDir, leafName));
      } catch (error) {
        if (isMissing(error)) return { ok: true, path, kind: null };
        return refuse(`the source cannot be read (${describe(error)})`);
      }
      kind = stats.isSymbolicLink() ? "link" : stats.isDirectory() ? "folder" : "file";
    }
    if (kind !== "link") return { ok: true, path, kind };

    let real: string;
    try {
      real = realpathSync.native(join(realDir, leafName));
    } catch (error) {
      return refuse(`the source is a symbolic link that cannot be resolved (${describe(error)})`);
    }
    if (!real.startsWith(this.#rootPrefix)) {
      return refuse("the source is a symbolic link leading outside the collection folder");
    }
    try {
      return { ok: true, path, kind: statSync(real).isDirectory() ? "folder" : "file" };
    } catch {
      return { ok: true, path, kind: null };
    }
  }

  /** The kinds of the entries of real folder `realDir`, by name; `null` when it cannot be listed. */
  #listing(realDir: string): ReadonlyMap<string, EntryKind> | null {
    let listing = this.#listings.get(realDir);
    if (listing === undefined) {
      try {
        const entries = readdirSync(realDir, { withFileTypes: true });
        listing = new Map(
          entries.map((e) => [e.name, e.isSymbolicLink() ? "link" : e.isDirectory() ? "folder" : "file"] as const),
        );
      } catch {
        listing = null;
      }
      this.#listings.set(realDir, listing);
    }
    return listing;
  }

  /** The real path of folder `dir` (relative, POSIX), or why there is none; cached for the load. */
  #realDir(dir: string): DirLookup {
    if (dir === "") return this.#realRoot;
    const cached = this.#realDirs.get(dir);
    if (cached !== undefined) return cached;
    let result: DirLookup;
    try {
      const real = realpathSync.native(join(this.#realRoot, dir));
      result = real === this.#realRoot || real.startsWith(this.#rootPrefix) ? real : OUTSIDE;
    } catch (error) {
      if (isMissing(error)) {
        // A missing folder is fine as long as what exists above it is inside.
        const cut = dir.lastIndexOf("/");
        const parent = this.#realDir(cut === -1 ? "" : dir.slice(0, cut));
        result = typeof parent === "string" ? MISSING : parent;
      } else {
        result = { error: describe(error) };
      }
    }
    this.#realDirs.set(dir, result);
    return result;
  }
}

const OUTSIDE = Symbol("outside");
const MISSING = Symbol("missing");

type EntryKind = "file" | "folder" | "link";

/** A folder's real path, or: it resolves outside, it does not exist, it cannot be read. */
type DirLookup = string | typeof OUTSIDE | typeof MISSING | { readonly error: string };

function refuse(reason: string): SourceCheck {
  return { ok: false, reason };
}

function isMissing(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "ENOENT" || code === "ENOTDIR";
}

function describe(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : String(error);
}
