import type { TomlTable } from "smol-toml";
import { naiveDeployedAt } from "./deployed-at.js";
import { setIdsOf, withSetIds } from "./set-ids.js";
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
  /** `deployment_set_ids`: the sets that deployed it there, the last one also as `deployment_set_id`. */
  readonly setIds: readonly string[];
  /** `placement` in this deployer's own tracking file (`copy`, `convert`, `merge`); absent in SkillMeat's. */
  readonly placement?: string;
}

/** A `[[deployed]]` table in SkillMeat's shape. */
export function deploymentRecord(fields: RecordFields): TomlTable {
  return withSetIds({
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
    ...(fields.placement !== undefined ? { placement: fields.placement } : {}),
  }, fields.setIds);
}

/**
 * A record as this deployer rewrites it: a `deployed_at` it wrote with an offset in earlier versions becomes local
 * time without one (records of other tools are kept exactly as read).
 */
export function ownRecord(record: TomlTable): TomlTable {
  if (setIdsOf(record).length === 0) return record;
  const deployedAt = naiveDeployedAt(record["deployed_at"]);
  return deployedAt === record["deployed_at"] ? record : { ...record, deployed_at: deployedAt as string };
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
 * @param removed - keys whose records are dropped (an artifact taken out of the project, or given up)
 */
export function applyRecordChanges(
  state: TrackingState,
  profile: string,
  upserts: ReadonlyMap<string, TomlTable>,
  settled: ReadonlySet<string>,
  removed: ReadonlySet<string> = new Set(),
): TrackingState {
  const placed = new Set<string>();
  const records: TomlTable[] = [];
  for (const record of state.records) {
    const key = keyOf(record, profile);
    if (key !== null && removed.has(key) && !upserts.has(key)) continue;
    const replacement = key === null ? undefined : upserts.get(key);
    if (key === null || replacement === undefined) {
      records.push(ownRecord(record));
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
