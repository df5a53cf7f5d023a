import { realpathSync, renameSync, rmdirSync, rmSync, unlinkSync } from "node:fs";
import { dirname, join } from "node:path";
import type { ArtifactType, DeployAction, DeployResult } from "@deployment-sets/core";
import type { TomlTable } from "smol-toml";
import { hashTree } from "../fs/content-hash.js";
import { DestinationError } from "../target/destination.js";
import { readFileTree, type FileTree } from "../fs/file-tree.js";
import { treeFingerprint } from "../fs/fingerprint.js";
import { setIdsOf, withSetIds } from "../tracking/set-ids.js";
import { describeError, errorCode, isInside } from "../fs/path-safety.js";
import { recordedHash } from "../tracking/tracking-file.js";
import { tempName } from "../fs/temp-names.js";
import type { Backups } from "./backups.js";
import { entryId, parseEntryId } from "./config-file.js";
import type { ConfigFiles } from "./config-files.js";
import { deployResult, type LedgerName } from "./jobs.js";
import type { AnnouncedEntries } from "../tracking/tracking-index.js";
import { groupsUsingScripts, holdsAnnounced, mergeHash, mergeRecordOf } from "./merge-jobs.js";

/** What taking one record's artifact out of a project decided, and what to do with the record. */
export interface Removal {
  readonly key: string;
  readonly ledger: LedgerName;
  readonly result: DeployResult;
  /** The record to keep instead (fewer sets), or `null` to drop it. */
  readonly record: TomlTable | null;
}

/** Where removals happen. */
export interface RemovalContext {
  readonly realProject: string;
  /** The profile root's real path (records of SkillMeat's file are relative to it). */
  readonly realRoot: string;
  readonly force: boolean;
  /** False for a plan: decide, change nothing. */
  readonly write: boolean;
  readonly backups: Backups | null;
  readonly configs: ConfigFiles;
  /** Told about a removed entry's config file, to prune and write it once at the end. */
  readonly touched: Set<string>;
  /** The entries interrupted deploys announced for this record's key (they count as its own). */
  readonly announced: readonly AnnouncedEntries[];
  /** The hashes interrupted deploys announced for this record's key. */
  readonly pending: readonly string[];
}

/**
 * Takes `setId`'s share of one recorded artifact out of the project: when another set still names it, only this
 * set is struck from the record (`kept_shared`); otherwise the file, folder or merged entries go (`removed`) unless
 * they are already gone (`absent`) or the user changed them since (`kept_local_changes`; `force` removes them after
 * a backup). A record another tool wrote (naming no set) is never passed here.
 */
export function removeRecorded(record: TomlTable, key: string, ledger: LedgerName, setId: string, context: RemovalContext): Removal {
  const artifact = {
    uuid: typeof record["artifact_uuid"] === "string" ? record["artifact_uuid"] : "",
    name: String(record["artifact_name"]),
    type: String(record["artifact_type"]) as ArtifactType,
  };
  const isMerge = record["placement"] === "merge";
  const path = String(record["artifact_path"]);
  const label = ledger === "skillmeat" ? `${rootName(context)}/${path}` : path;
  const others = setIdsOf(record).filter((id) => id !== setId);
  if (others.length > 0) {
    const hint = `still deployed there by ${others.length} other set${others.length === 1 ? "" : "s"}`;
    return { key, ledger, result: deployResult(artifact, "kept_shared", label, { hint }), record: withSetIds(record, others) };
  }
  const outcome = (action: DeployAction, extra: { hint?: string; backupPath?: string; error?: string } = {}): Removal => ({
    key,
    ledger,
    result: deployResult(artifact, action, label, extra),
    // Kept as they were (a failure, the user's changes): the record stays, so a later undeploy with force finds it.
    record: action === "error" || action === "kept_local_changes" ? record : null,
  });
  try {
    if (isMerge) return removeMerged(record, label, context, outcome);
    const absolute = ledger === "skillmeat" ? join(context.realRoot, path) : join(context.realProject, path);
    const tree = readFileTree(checked(absolute, context.realProject, label));
    if (tree === null) return outcome("absent");
    // The stat fingerprint a deploy recorded, when it still matches, spares reading the content.
    const recorded = recordedHash(record);
    const fingerprinted = recorded !== null && typeof record["ds_stat"] === "string" && treeFingerprint(recorded, tree) === record["ds_stat"];
    const hash = fingerprinted ? recorded : hashTree(tree).hash;
    // Content an interrupted deploy announced was written by a deploy, not edited by hand.
    const modified = hash !== recorded && !context.pending.includes(hash);
    if (modified && !context.force) return outcome("kept_local_changes", { hint: keptHint(label) });
    const backupPath = modified && context.write ? context.backups?.copy(label) : undefined;
    if (context.write) removeTree(absolute, tree);
    return outcome("removed", backupPath !== undefined ? { backupPath } : {});
  } catch (error) {
    return outcome("error", { error: error instanceof DestinationError ? error.message : describeError(error) });
  }
}

function removeMerged(
  record: TomlTable,
  label: string,
  context: RemovalContext,
  outcome: (action: DeployAction, extra?: { hint?: string; backupPath?: string }) => Removal,
): Removal {
  const recorded = mergeRecordOf(record);
  const file = context.configs.get(label);
  const entries = recorded.entries.map(parseEntryId);
  const knownIds = new Set([...recorded.entries, ...context.announced.flatMap((a) => a.ids)]);
  // Hook groups running its scripts that no record names: the user's edits of its groups.
  const edited = groupsUsingScripts(file, recorded.scriptsPath).filter((group) => !knownIds.has(entryId(group)));
  const known = [...[...knownIds].map(parseEntryId), ...edited];
  const scriptsAbsolute = recorded.scriptsPath === null ? null : join(context.realProject, recorded.scriptsPath);
  const scriptsTree = scriptsAbsolute === null ? null : readFileTree(checked(scriptsAbsolute, context.realProject, recorded.scriptsPath!));
  const scriptsHash = scriptsTree === null ? null : hashTree(scriptsTree).hash;
  const present = known.filter((entry) => file.has(entry));
  if (present.length === 0 && scriptsHash === null) return outcome("absent");
  const now = mergeHash(entries.map((entry) => [entryId(entry), file.current(entry)]), recorded.scriptsPath === null ? null : scriptsHash);
  const scriptsOurs = scriptsHash === null || scriptsHash === record["scripts_hash"] || context.pending.includes(scriptsHash);
  const modified = edited.length > 0 || (now !== recorded.hash && !(holdsAnnounced(file, context.announced) && scriptsOurs));
  const scriptsEdited = !scriptsOurs && recorded.scriptsPath !== null;
  if (modified && !context.force) return outcome("kept_local_changes", { hint: keptHint(scriptsEdited ? recorded.scriptsPath! : label) });
  let backupPath: string | undefined;
  if (modified && context.write && context.backups) {
    // The config file as it was (the result names it) and, edited, a hook's scripts beside it in the same folder.
    backupPath = context.backups.save(label, context.configs.original(label) ?? "");
    if (scriptsEdited) context.backups.copy(recorded.scriptsPath!);
  }
  if (context.write) {
    for (const entry of present) context.configs.remove(label, entry);
    context.touched.add(label);
    if (scriptsAbsolute !== null && scriptsTree !== null) removeTree(scriptsAbsolute, scriptsTree);
  }
  return outcome("removed", backupPath !== undefined ? { backupPath } : {});
}

function keptHint(label: string): string {
  return `${label} was changed in the project since it was deployed; it is kept. Undeploy with force to remove it (a backup of your version is kept)`;
}

function rootName(context: RemovalContext): string {
  return context.realRoot.slice(context.realRoot.lastIndexOf("/") + 1);
}

/** `absolute`, whose folder must resolve inside the project (nothing is read or removed through a link leading out). */
function checked(absolute: string, realProject: string, label: string): string {
  let folder: string;
  try {
    folder = realpathSync.native(dirname(absolute));
  } catch (error) {
    if (errorCode(error) === "ENOENT") return absolute;
    throw error;
  }
  if (!isInside(folder, realProject)) throw new DestinationError(`${label}: its folder is a symbolic link leading outside the project`);
  return join(folder, absolute.slice(absolute.lastIndexOf("/") + 1));
}

/**
 * Removes a file (one unlink), or a folder renamed aside first so that a reader never sees it half removed. The
 * folder's entries are known from `tree` (just read), so they are unlinked without walking it again; anything
 * else found in it (junk the tree leaves out, a file added meanwhile) falls back to a recursive removal.
 */
function removeTree(absolute: string, tree: FileTree | null): void {
  if (tree?.kind === "file") {
    rmSync(absolute, { force: true });
    return;
  }
  const aside = join(dirname(absolute), tempName());
  try {
    renameSync(absolute, aside);
  } catch (error) {
    if (errorCode(error) === "ENOENT") return;
    throw error;
  }
  if (tree !== null && !tree.hasLinks) {
    try {
      for (const file of tree.files) unlinkSync(join(aside, file.rel));
      for (const dir of [...tree.dirs].sort((a, b) => b.rel.length - a.rel.length)) rmdirSync(dir.rel === "" ? aside : join(aside, dir.rel));
      return;
    } catch {
      // something the tree did not list: removed below
    }
  }
  rmSync(aside, { recursive: true, force: true });
}
