import type { TomlTable } from "smol-toml";
import { newestMtime, type FileTree } from "../fs/file-tree.js";
import { FINGERPRINT_MARGIN_MS, treeFingerprint } from "../fs/fingerprint.js";
import { addSetId, setIdsOf, withSetIds } from "./set-ids.js";
import { deploymentRecord } from "./records.js";
import type { FileJob } from "../run/jobs.js";
import { recordedHash } from "./tracking-file.js";

/** A record to write, with the tree whose fingerprint it gets if that tree is old enough (see `recordUpserts`). */
export interface RecordCandidate {
  readonly record: TomlTable;
  readonly fingerprint?: { readonly hash: string; readonly tree: FileTree; readonly fingerprint?: string };
}

/** What a deploy changes in the tracking file. */
export interface RecordChanges {
  /** New or changed records, by key. */
  readonly candidates: ReadonlyMap<string, RecordCandidate>;
  /** Keys whose pending entries are resolved. */
  readonly settled: ReadonlySet<string>;
}

/** Everything {@link recordChanges} needs besides the jobs. */
export interface RecordContext {
  /** The profile (`deployment_profile_id`, `platform`). */
  readonly profile: string;
  /** The profile root's name (`profile_root_dir`). */
  readonly rootDir: string;
  readonly setId: string;
  readonly collectionName: string;
  /** `deployed_at` for new records, already formatted. */
  readonly deployedAt: string;
  /** The tracking file's records, by key. */
  readonly records: ReadonlyMap<string, TomlTable>;
  /** The tracking file's pending hashes, by key. */
  readonly pending: ReadonlyMap<string, readonly string[]>;
}

/**
 * The record changes of a deploy for one tracking file: a full new record for every artifact written; for one
 * found unchanged, a new record when it had none (or one for other content), else its record completed and
 * naming this set (and, when it was hashed rather than fingerprinted, a fresh fingerprint); pending entries
 * settled for both. Every record names this set among the sets that deployed it there. Failed, kept and
 * conflicting artifacts change nothing (their pending entries stay).
 */
export function recordChanges(jobs: readonly FileJob[], context: RecordContext): RecordChanges {
  const { profile, rootDir, setId, records, pending } = context;
  const wallNowMs = Date.now();
  const candidates = new Map<string, RecordCandidate>();
  const settled = new Set<string>();
  for (const job of jobs) {
    if (job.error !== undefined) continue;
    const record = records.get(job.key);
    const setIds = addSetId(setIdsOf(record), setId);
    const fields = {
      name: job.artifact.name,
      type: job.artifact.type,
      collection: context.collectionName,
      deployedAt: context.deployedAt,
      path: job.recordPath,
      profile,
      rootDir,
      uuid: job.artifact.uuid,
      setIds,
      ...(job.ledger === "own" ? { placement: job.placement.kind } : {}),
    };
    if (job.written) {
      candidates.set(job.key, { record: deploymentRecord({ ...fields, hash: job.written.hash }), fingerprint: job.written });
      settled.add(job.key);
    } else if (job.action === "unchanged" && job.state?.present) {
      const { hash, tree, fingerprinted } = job.state;
      // A fingerprint is worth recording only when it is new and its files are not younger than "now".
      const fingerprint = fingerprinted || newestMtime(tree) >= wallNowMs - FINGERPRINT_MARGIN_MS ? undefined : { hash, tree };
      const fresh = deploymentRecord({ ...fields, hash });
      if (record === undefined || recordedHash(record) !== hash) {
        candidates.set(job.key, { record: fresh, ...(fingerprint ? { fingerprint } : {}) });
      } else {
        // Same content: keep the record's values (its `deployed_at`, other tools' keys), fill in any documented
        // tracking-record field that it lacks, and name this set as the last to deploy it.
        const patched = withSetIds({ ...fresh, ...record, local_modifications: false, artifact_uuid: job.artifact.uuid }, setIds);
        if (fingerprint || !sameTable(patched, record)) candidates.set(job.key, { record: patched, ...(fingerprint ? { fingerprint } : {}) });
      }
      if (pending.has(job.key)) settled.add(job.key);
    }
  }
  return { candidates, settled };
}

/**
 * The records to write, given a file-system timestamp taken after every content write (the new tracking
 * file's): a candidate's fingerprint is included only when every mtime in its tree is older than that by
 * {@link FINGERPRINT_MARGIN_MS}, so an edit in the same clock tick cannot hide behind an unchanged mtime.
 */
export function recordUpserts(candidates: ReadonlyMap<string, RecordCandidate>, fsNowMs: number): Map<string, TomlTable> {
  const upserts = new Map<string, TomlTable>();
  for (const [key, { record, fingerprint }] of candidates) {
    if (!fingerprint) {
      upserts.set(key, record);
      continue;
    }
    const { ds_stat: _stale, ...rest } = record;
    const old = newestMtime(fingerprint.tree) < fsNowMs - FINGERPRINT_MARGIN_MS;
    upserts.set(key, old ? { ...rest, ds_stat: fingerprint.fingerprint ?? treeFingerprint(fingerprint.hash, fingerprint.tree) } : rest);
  }
  return upserts;
}

/** True when two tables hold the same keys with the same (primitive or shared) values. */
function sameTable(a: TomlTable, b: TomlTable): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && sameValue(a[key], b[key]));
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => item === b[index]);
  return a === b;
}
