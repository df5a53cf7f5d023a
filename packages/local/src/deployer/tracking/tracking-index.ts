import type { TomlTable } from "smol-toml";
import { keyOf, type TrackingState } from "./tracking-file.js";

/** The first record of each key (`keyString`); `profile` fills a missing `deployment_profile_id`. */
export function indexRecords(records: readonly TomlTable[], profile: string): Map<string, TomlTable> {
  const index = new Map<string, TomlTable>();
  for (const record of records) {
    const key = keyOf(record, profile);
    if (key !== null && !index.has(key)) index.set(key, record);
  }
  return index;
}

/** The pending hashes of each key. */
export function indexPending(entries: readonly TomlTable[], profile: string): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const entry of entries) {
    const key = keyOf(entry, profile);
    const hash = entry["content_hash"];
    if (key === null || typeof hash !== "string") continue;
    const hashes = index.get(key) ?? [];
    hashes.push(hash);
    index.set(key, hashes);
  }
  return index;
}

/** One artifact about to be written, as announced in the tracking file. */
export interface Announcement {
  readonly key: string;
  readonly name: string;
  readonly type: string;
  readonly hash: string;
  /** For entries merged into a config file: their ids, so a later run can find them if this one is interrupted. */
  readonly entries?: readonly string[];
}

/** Entries an interrupted deploy announced for one key: their ids and the hash of their values as it wrote them. */
export interface AnnouncedEntries {
  readonly ids: readonly string[];
  readonly hash: string;
}

/** The announced entry sets of each key (pending entries that carry `entries`). */
export function indexAnnouncedEntries(entries: readonly TomlTable[], profile: string): Map<string, AnnouncedEntries[]> {
  const index = new Map<string, AnnouncedEntries[]>();
  for (const entry of entries) {
    const key = keyOf(entry, profile);
    const hash = entry["content_hash"];
    const ids = entry["entries"];
    if (key === null || typeof hash !== "string" || !Array.isArray(ids)) continue;
    const list = index.get(key) ?? [];
    list.push({ ids: ids.filter((id): id is string => typeof id === "string"), hash });
    index.set(key, list);
  }
  return index;
}

/** The tracking state plus a pending entry for each artifact about to be written (known ones are not repeated). */
export function announce(tracking: TrackingState, entries: readonly Announcement[], profile: string): TrackingState {
  const known = new Set(tracking.pending.map((entry) => `${keyOf(entry, profile)}\0${String(entry["content_hash"])}`));
  const added: TomlTable[] = [];
  for (const { key, name, type, hash, entries: ids } of entries) {
    if (known.has(`${key}\0${hash}`)) continue;
    known.add(`${key}\0${hash}`);
    added.push({ artifact_name: name, artifact_type: type, deployment_profile_id: profile, content_hash: hash, ...(ids ? { entries: [...ids] } : {}) });
  }
  return { ...tracking, pending: [...tracking.pending, ...added] };
}
