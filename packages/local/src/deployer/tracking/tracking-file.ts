import { closeSync, fstatSync, fsync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { parse, TomlError, type TomlTable } from "smol-toml";
import { errorCode } from "../fs/path-safety.js";
import { tempName } from "../fs/temp-names.js";
import { tomlDocument } from "./toml-text.js";

/** The tracking file's name, inside the profile root: the file SkillMeat itself reads. */
export const TRACKING_FILE = ".skillmeat-deployed.toml";

/**
 * The top-level array of tables holding deploys announced but not yet confirmed: a deploy lists what it is
 * about to write here before writing, and clears each entry when its record is written. SkillMeat reads only
 * `deployed` and ignores it.
 */
export const PENDING_TABLE = "deployment_sets_pending";

/**
 * The tracking file as read: every record kept as parsed, so foreign records are written back unchanged.
 * Treated as immutable (it may be shared through {@link TrackingFileCache}).
 */
export interface TrackingState {
  /** Every `[[deployed]]` table, in file order. */
  readonly records: readonly TomlTable[];
  /** Every `[[deployment_sets_pending]]` table, in file order. */
  readonly pending: readonly TomlTable[];
  /** Every other top-level key, kept as is. */
  readonly other: TomlTable;
}

/** The tracking file exists but cannot be understood; writing over it would lose other tools' records. */
export class TrackingFileError extends Error {
  /** Always `"TrackingFileError"`. */
  override name = "TrackingFileError";
}

const EMPTY: TrackingState = { records: [], pending: [], other: {} };
const fsyncAsync = promisify(fsync);

/**
 * Parses a tracking file's text.
 *
 * @throws TrackingFileError when it does not parse or `deployed` is not an array of tables
 */
export function parseTrackingFile(text: string): TrackingState {
  let document: TomlTable;
  try {
    document = parse(text, { integersAsBigInt: "asNeeded" });
  } catch (error) {
    if (error instanceof TomlError) throw new TrackingFileError(`${TRACKING_FILE} does not parse: ${error.message.split("\n")[0]}`);
    throw error;
  }
  const { deployed, [PENDING_TABLE]: pending, ...other } = document;
  if (deployed !== undefined && !isTableArray(deployed)) {
    throw new TrackingFileError(`${TRACKING_FILE}: \`deployed\` is not an array of tables`);
  }
  return { records: deployed ?? [], pending: isTableArray(pending) ? pending : [], other };
}

/** The TOML text of a tracking state: other top-level keys first, then `[[deployed]]`, then pending entries. */
export function serializeTrackingFile(state: TrackingState): string {
  return tomlDocument(state.other, [
    ["deployed", state.records],
    [PENDING_TABLE, state.pending],
  ]);
}

/**
 * Reads tracking files, keeping the last parse of each keyed by its size, mtime (ns) and inode, so a warm
 * redeploy does not parse a file it wrote itself or read before. A file is always replaced by rename or
 * rewritten, either of which changes the key.
 */
export class TrackingFileCache {
  readonly #entries = new Map<string, { readonly key: string; readonly state: TrackingState }>();

  /**
   * The tracking file at `path`; a missing file is an empty one.
   * @throws TrackingFileError when it does not parse
   */
  read(path: string): TrackingState {
    const stats = statSync(path, { bigint: true, throwIfNoEntry: false });
    if (stats === undefined) return EMPTY;
    const key = statKey(stats);
    const cached = this.#entries.get(path);
    if (cached?.key === key) return cached.state;
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch (error) {
      if (errorCode(error) === "ENOENT") return EMPTY;
      throw error;
    }
    let state: TrackingState;
    try {
      state = parseTrackingFile(text);
    } catch (error) {
      // Named by its place in the profile root: SkillMeat's file, or this deployer's own under .deployment-sets.
      if (error instanceof TrackingFileError) throw new TrackingFileError(error.message.replace(TRACKING_FILE, trackingFileLabel(path)));
      throw error;
    }
    this.#remember(path, key, state);
    return state;
  }

  /**
   * Replaces the tracking file at `path` atomically: the text is written to a temporary file beside it
   * (synced, the one step done off the event loop), then renamed over it. `build` is called once the temporary file exists, with its modification
   * time in milliseconds: a file-system timestamp taken after every write that came before, which the deployer
   * uses to record only fingerprints that an edit in the same clock tick could not fool.
   *
   * @param path - the tracking file (its folder is the real profile root)
   * @param build - returns the state to write
   */
  async write(path: string, build: (fsNowMs: number) => TrackingState): Promise<void> {
    const temp = join(path, "..", tempName());
    try {
      const fd = openSync(temp, "wx", 0o644);
      let key: string;
      let state: TrackingState;
      try {
        state = build(fstatSync(fd).mtimeMs);
        const bytes = Buffer.from(serializeTrackingFile(state), "utf8");
        let offset = 0;
        while (offset < bytes.length) offset += writeSync(fd, bytes, offset);
        await fsyncAsync(fd);
        key = statKey(fstatSync(fd, { bigint: true }));
      } finally {
        closeSync(fd);
      }
      renameSync(temp, path);
      this.#remember(path, key, state);
    } catch (error) {
      this.#entries.delete(path);
      rmSync(temp, { force: true });
      throw error;
    }
  }

  #remember(path: string, key: string, state: TrackingState): void {
    this.#entries.delete(path);
    if (this.#entries.size >= 64) this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.set(path, { key, state });
  }
}

function statKey(stats: { size: bigint; mtimeNs: bigint; ino: bigint }): string {
  return `${stats.size}:${stats.mtimeNs}:${stats.ino}`;
}

/** The key SkillMeat identifies a record by. */
export interface RecordKey {
  /** `artifact_name`. */
  readonly name: string;
  /** `artifact_type`. */
  readonly type: string;
  /** `deployment_profile_id`; a record without one belongs to the profile whose root holds the file. */
  readonly profile: string;
}

/** The string form of a {@link RecordKey}, for maps. */
export function keyString(key: RecordKey): string {
  return JSON.stringify([key.name, key.type, key.profile]);
}

/** The key of a parsed record or pending entry (`profile` fills a missing `deployment_profile_id`). */
export function keyOf(table: TomlTable, profile: string): string | null {
  const name = table["artifact_name"];
  const type = table["artifact_type"];
  const id = table["deployment_profile_id"];
  if (typeof name !== "string" || typeof type !== "string") return null;
  return keyString({ name, type, profile: typeof id === "string" ? id : profile });
}

/**
 * A record's `content_hash` when it has one (then it counts as recorded, whoever wrote it), else `null`. Like
 * SkillMeat, a record from before `content_hash` existed falls back to its `collection_sha`.
 */
export function recordedHash(record: TomlTable | undefined): string | null {
  for (const field of ["content_hash", "collection_sha"]) {
    const hash = record?.[field];
    if (typeof hash === "string" && hash !== "") return hash;
  }
  return null;
}

function isTableArray(value: unknown): value is TomlTable[] {
  return (
    Array.isArray(value) &&
    value.every((item) => typeof item === "object" && item !== null && !Array.isArray(item) && !(item instanceof Date))
  );
}

/** A tracking file's name for messages: its last two path components (`.claude/.skillmeat-deployed.toml`). */
function trackingFileLabel(path: string): string {
  return path.split("/").slice(-2).join("/");
}
