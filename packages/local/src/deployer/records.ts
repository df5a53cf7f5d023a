import type { TomlTable } from "smol-toml";
import { keyOf, type TrackingState } from "./tracking-file.js";

/** The fields of one tracking-file record this deployer writes (see docs/deploying.md, Tracking file). */
export interface RecordFields {
  /** `artifact_name`. */
  readonly name: string;
  /** `artifact_type`. */
  readonly type: string;
  /** `from_collection`: the collection's name. */
  readonly collection: string;
  /** `deployed_at`, already formatted (see {@link formatDeployedAt}). */
  readonly deployedAt: string;
  /** `artifact_path`, relative to the profile root (`skills/pdf`). */
  readonly path: string;
  /** `content_hash` and `collection_sha`. */
  readonly hash: string;
  /** `deployment_profile_id` and `platform`. */
  readonly profile: string;
  /** `profile_root_dir` (`.claude`). */
  readonly rootDir: string;
  /** `artifact_uuid`. */
  readonly uuid: string;
  /** `deployment_set_id`: the set that deployed it last. */
  readonly setId: string;
}

/**
 * `deployed_at` as written: ISO 8601 with milliseconds and a `+00:00` offset, the form SkillMeat's
 * `datetime.fromisoformat` reads on every Python version it supports (`Z` needs Python 3.11).
 */
export function formatDeployedAt(date: Date): string {
  return date.toISOString().replace(/Z$/, "+00:00");
}

/** A `[[deployed]]` table in SkillMeat's shape. */
export function deploymentRecord(fields: RecordFields): TomlTable {
  return {
    artifact_name: fields.name,
    artifact_type: fields.type,
    from_collection: fields.collection,
    deployed_at: fields.deployedAt,
    artifact_path: fields.path,
    content_hash: fields.hash,
    local_modifications: false,
    collection_sha: fields.hash,
    deployment_profile_id: fields.profile,
    platform: fields.profile,
    profile_root_dir: fields.rootDir,
    artifact_uuid: fields.uuid,
    deployment_set_id: fields.setId,
  };
}

/**
 * Applies record changes to a tracking state: each record keeps its place (later duplicates of its key are
 * dropped), new ones are appended in the order given, and the pending entries of `settled` keys are removed.
 * Records of other artifacts are kept exactly as read.
 *
 * @param state - the tracking file as read
 * @param profile - the profile owning the file (fills a missing `deployment_profile_id` when matching keys)
 * @param upserts - key string to the full new record
 * @param settled - keys whose pending entries are resolved
 */
export function applyRecordChanges(
  state: TrackingState,
  profile: string,
  upserts: ReadonlyMap<string, TomlTable>,
  settled: ReadonlySet<string>,
): TrackingState {
  const placed = new Set<string>();
  const records: TomlTable[] = [];
  for (const record of state.records) {
    const key = keyOf(record, profile);
    const replacement = key === null ? undefined : upserts.get(key);
    if (key === null || replacement === undefined) {
      records.push(record);
    } else if (!placed.has(key)) {
      records.push(replacement);
      placed.add(key);
    }
  }
  for (const [key, record] of upserts) if (!placed.has(key)) records.push(record);
  const pending = state.pending.filter((entry) => {
    const key = keyOf(entry, profile);
    return key === null || !settled.has(key);
  });
  return { records, pending, other: state.other };
}
