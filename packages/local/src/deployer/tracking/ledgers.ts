import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { TomlTable } from "smol-toml";
import { TRACKING_FILE, type TrackingFileCache, type TrackingState } from "./tracking-file.js";
import { indexAnnouncedEntries, indexPending, indexRecords, type AnnouncedEntries } from "./tracking-index.js";
import type { LedgerName } from "../run/jobs.js";

/** This deployer's own folder inside a profile root: its tracking file and the backups `force` keeps. */
export const OWN_FOLDER = ".deployment-sets";

/**
 * This deployer's own tracking file, inside the profile root's `.deployment-sets` folder: the records of everything SkillMeat's file cannot
 * hold (entries merged into config files, files converted or placed outside the profile root), in the same format.
 * SkillMeat never reads it, so it never rewrites or drops them.
 */
export const OWN_TRACKING_FILE = `${OWN_FOLDER}/deployed.toml`;

/** One tracking file as read, with its records and pending hashes indexed by key. */
export interface Ledger {
  /** The file's path; `null` when the profile root does not exist (a plan). */
  readonly path: string | null;
  readonly state: TrackingState;
  readonly records: ReadonlyMap<string, TomlTable>;
  readonly pending: ReadonlyMap<string, readonly string[]>;
  /** Entries merged into config files that interrupted deploys announced, by key. */
  readonly announced: ReadonlyMap<string, readonly AnnouncedEntries[]>;
}

const EMPTY: TrackingState = { records: [], pending: [], other: {} };

/** Reads both tracking files of a profile root (`null`: it does not exist, both are empty). */
export function readLedgers(cache: TrackingFileCache, realRoot: string | null, profile: string): Record<LedgerName, Ledger> {
  const read = (relative: string): Ledger => {
    const path = realRoot === null ? null : join(realRoot, relative);
    const state = path === null ? EMPTY : cache.read(path);
    return {
      path,
      state,
      records: indexRecords(state.records, profile),
      pending: indexPending(state.pending, profile),
      announced: indexAnnouncedEntries(state.pending, profile),
    };
  };
  return { skillmeat: read(TRACKING_FILE), own: read(OWN_TRACKING_FILE) };
}

/** Creates this deployer's folder in the profile root when missing (before its tracking file is written). */
export function ensureOwnFolder(realRoot: string): void {
  mkdirSync(join(realRoot, OWN_FOLDER), { recursive: true });
}

/** The config files this deployer created, as its own tracking file keeps them (`files.<path>`). */
export interface ConfigFileRecord {
  /** True when the file did not exist before a deploy wrote into it: it is removed once nothing of ours is left. */
  readonly created: boolean;
  /** Containers (JSON paths) the merges created, removed again once empty. */
  readonly containers: readonly string[];
}

/** The `files` table of this deployer's tracking file, by config file path. */
export function configFileRecords(state: TrackingState): Map<string, ConfigFileRecord> {
  const out = new Map<string, ConfigFileRecord>();
  const files = state.other["files"];
  if (typeof files !== "object" || files === null || Array.isArray(files)) return out;
  for (const [path, value] of Object.entries(files as Record<string, unknown>)) {
    if (typeof value !== "object" || value === null) continue;
    const { created, containers } = value as { created?: unknown; containers?: unknown };
    out.set(path, {
      created: created === true,
      containers: Array.isArray(containers) ? containers.filter((c): c is string => typeof c === "string") : [],
    });
  }
  return out;
}

/** The tracking state with its `files` table replaced (dropped when empty). */
export function withConfigFileRecords(state: TrackingState, files: ReadonlyMap<string, ConfigFileRecord>): TrackingState {
  const { files: _old, ...other } = state.other;
  if (files.size === 0) return { ...state, other };
  const table: TomlTable = {};
  for (const [path, record] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
    table[path] = { created: record.created, containers: [...record.containers] };
  }
  return { ...state, other: { ...other, files: table } };
}
