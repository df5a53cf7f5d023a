import { createHash } from "node:crypto";
import type { DeployProfile } from "@deployment-sets/core";
import type { TomlTable } from "smol-toml";
import { canonicalJson } from "../merge/json-document.js";
import { ArtifactFormatError } from "../placement/artifact-format-error.js";
import { HOOK_DEFINITION_FILES, hookGroups } from "../placement/hook-definition.js";
import { mcpEntry, parseMcpDefinition } from "../placement/mcp-servers.js";
import { readSourceTree, SourceError, type SourceFolders, type SourceReader } from "../fs/source-reader.js";
import type { AnnouncedEntries } from "../tracking/tracking-index.js";
import { entryId, parseEntryId, type ConfigFile, type Entry } from "./config-file.js";
import type { ConfigFiles } from "./config-files.js";
import { failure } from "./file-jobs.js";
import type { MergeJob } from "./jobs.js";

/** What a merge job's definition is read from. */
export interface DefinitionSource {
  readonly reader: SourceReader;
  readonly realCollection: string;
  readonly sourceFolders: SourceFolders;
}

/** The merge fields of a record: the entries it owns and, for a hook, where its scripts are. */
export interface MergeRecord {
  /** Entry ids (see `entryId`). */
  readonly entries: readonly string[];
  /** A hook's scripts folder, relative to the project. */
  readonly scriptsPath: string | null;
  /** The hash of entries and scripts as written. */
  readonly hash: string | null;
}

/** The merge fields of a tracking record (an empty record when it has none). */
export function mergeRecordOf(record: TomlTable | undefined): MergeRecord {
  const entries = record?.["entries"];
  const scripts = record?.["scripts_path"];
  const hash = record?.["content_hash"];
  return {
    entries: Array.isArray(entries) ? entries.filter((id): id is string => typeof id === "string") : [],
    scriptsPath: typeof scripts === "string" ? scripts : null,
    hash: typeof hash === "string" ? hash : null,
  };
}

/**
 * Reads a merge job's definition and turns it into the entries to write for `profile`: an MCP artifact's servers
 * (`mcp.json` or `.mcp.json` in its folder, or the artifact file itself) in the assistant's format, or a hook
 * artifact's groups (`hooks.json` or `settings.json` in its folder) with its scripts. A hook stored as a single
 * file carries no hook definition: the job fails with a reason rather than writing something inert.
 */
export function prepareMergeJob(job: MergeJob, profile: DeployProfile, source: DefinitionSource): void {
  try {
    const snapshot = source.reader.read(source.realCollection, job.artifact.path, "any", source.sourceFolders);
    const bytes = snapshot.bytes ?? readSourceTree(snapshot.tree, job.artifact.path).bytes;
    const file = (names: readonly string[]) => {
      const index = snapshot.tree.kind === "file" ? 0 : snapshot.tree.files.findIndex((f) => names.includes(f.rel));
      return index < 0 ? null : { name: snapshot.tree.kind === "file" ? job.artifact.path : snapshot.tree.files[index]!.rel, text: bytes[index]!.toString("utf8") };
    };
    if (job.placement.target === "claude-hooks") {
      if (snapshot.tree.kind === "file") {
        throw new ArtifactFormatError("a hook needs a folder with hooks.json (Claude Code's plugin hooks format) or settings.json; this one is a single file");
      }
      const definition = file(HOOK_DEFINITION_FILES);
      if (!definition) throw new ArtifactFormatError(`the hook's folder has neither ${HOOK_DEFINITION_FILES.join(" nor ")}`);
      const scriptsDir = `${job.placement.scriptsDir}/${job.artifact.name}`;
      job.entries = hookGroups(definition.text, definition.name, scriptsDir).map((g) => ({ kind: "item", path: ["hooks", g.event], value: g.group }));
      job.scripts = { ...snapshot, bytes };
    } else {
      const definition = snapshot.tree.kind === "file" ? file([]) : file(["mcp.json", ".mcp.json"]);
      if (!definition) throw new ArtifactFormatError("the MCP server's folder has no mcp.json");
      const servers = parseMcpDefinition(definition.text, job.artifact.name);
      const root = job.placement.target === "toml-mcp-servers" ? "mcp_servers" : "mcpServers";
      job.entries = servers.map((server) => ({ kind: "key", path: [root, server.name], value: mcpEntry(profile, server) }));
    }
    job.desiredHash = mergeHash(job.entries.map((entry) => [entryId(entry), entry.value]), job.scripts?.hash ?? null);
  } catch (error) {
    job.error = error instanceof ArtifactFormatError || error instanceof SourceError ? error.message : failure(error);
  }
}

/** The hash a merge record keeps: the entries' values (in order) and the scripts' content hash. */
export function mergeHash(entries: readonly (readonly [string, unknown])[], scriptsHash: string | null): string {
  const canonical = canonicalJson({ entries: entries.map(([id, value]) => [id, value ?? null]), scripts: scriptsHash });
  return createHash("sha256").update(canonical, "utf8").digest("hex");
}

/** Where one part of a merged artifact (its entries, or a hook's scripts) stands against what a deploy writes. */
type PartState = "desired" | "recorded" | "announced" | "absent" | "other";

/**
 * Decides a merge job's action from the config file as read, its record, its scripts folder (its content hash
 * now, `null` when absent) and what interrupted deploys announced: the decision table for files, applied to its two
 * parts, the entries it owns and a hook's scripts (written one after the other, so a crash can leave them apart).
 * A part is "ours" when it is absent, as its record says it was written, as a deploy announced it, or, recorded,
 * as it would be written now.
 * - `unchanged`: both parts as they would be written, nothing else of its record left;
 * - `created`: nothing of it there (or only parts an interrupted deploy announced);
 * - `updated`: both parts ours;
 * - `kept_local_changes`: recorded, but a part changed since; `conflict`: not recorded, and something is there;
 * - `force` turns the last two into `overwritten`.
 */
export function decideMergeJob(
  job: MergeJob,
  file: ConfigFile,
  record: TomlTable | undefined,
  scriptsHash: string | null,
  pending: readonly string[],
  announced: readonly AnnouncedEntries[],
  force: boolean,
): void {
  const entries = entriesState(job, file, record, announced);
  const scripts = scriptsState(job, record, scriptsHash);
  if (entries === "desired" && (scripts === "desired" || (job.scripts === undefined && scripts === "absent"))) {
    job.action = "unchanged";
    return;
  }
  const recorded = record !== undefined;
  const entriesNow = mergeHash(job.entries!.map((entry) => [entryId(entry), file.current(entry)]), null);
  const ours = (state: PartState, now: string | null) =>
    state === "absent" || state === "announced" || (now !== null && pending.includes(now)) || (recorded && (state === "recorded" || state === "desired"));
  job.scriptsEdited = !ours(scripts, scriptsHash);
  if (ours(entries, entriesNow) && ours(scripts, scriptsHash)) {
    job.action = recorded && entries !== "absent" ? "updated" : "created";
  } else if (force) {
    job.action = "overwritten";
  } else {
    job.action = recorded ? "kept_local_changes" : "conflict";
    if (recorded && job.scriptsEdited) {
      const scripts = `${job.placement.scriptsDir}/${job.artifact.name}`;
      job.hint = `${scripts} was changed in the project since it was deployed; deploy with force to replace it (a backup of your version is kept)`;
    }
    if (!recorded) {
      const taken = job.entries!.filter((entry) => file.has(entry)).map((entry) => entry.path.join("."));
      job.hint =
        taken.length > 0
          ? `${job.label} already has ${taken.join(", ")}, which Deployment Sets did not write; rename or remove it, or deploy with force to replace it (a backup of the file is kept)`
          : `${job.label}: the folder ${job.placement.scriptsDir}/${job.artifact.name} for the hook's scripts is in the way; move it aside, or deploy with force`;
    }
  }
}

/**
 * The hashes a deploy announces before writing a merge job: the whole, the entries alone and the scripts alone,
 * so that either part found as announced after a crash counts as written by a deploy.
 */
export function mergeAnnouncements(job: MergeJob): { hash: string; entries?: readonly string[] }[] {
  const ids = job.entries!.map(entryId);
  const entries = mergeHash(job.entries!.map((entry) => [entryId(entry), entry.value]), null);
  const out: { hash: string; entries?: readonly string[] }[] = [{ hash: entries, entries: ids }];
  if (job.desiredHash !== entries) out.push({ hash: job.desiredHash! });
  if (job.scripts) out.push({ hash: job.scripts.hash });
  return out;
}

/**
 * The hook groups in `settings.json` that run something from a hook's scripts folder (`scriptsPath`, relative to
 * the project): whatever their event and however the user edited them, they belong to that hook. Empty for other
 * files and for a hook without scripts.
 */
export function groupsUsingScripts(file: ConfigFile, scriptsPath: string | null): Entry[] {
  if (scriptsPath === null) return [];
  const hooks = file.valueAt(["hooks"]);
  if (typeof hooks !== "object" || hooks === null || Array.isArray(hooks)) return [];
  const marker = JSON.stringify(`\${CLAUDE_PROJECT_DIR}/${scriptsPath}/`).slice(1, -1);
  const out: Entry[] = [];
  for (const [event, groups] of Object.entries(hooks)) {
    if (!Array.isArray(groups)) continue;
    for (const group of groups) if (JSON.stringify(group).includes(marker)) out.push({ kind: "item", path: ["hooks", event], value: group });
  }
  return out;
}

/** True when the file holds exactly the entries one interrupted deploy announced, as it wrote them. */
export function holdsAnnounced(file: ConfigFile, announced: readonly AnnouncedEntries[]): boolean {
  return announced.some(({ ids, hash }) => {
    const entries = ids.map(parseEntryId);
    return entries.some((entry) => file.has(entry)) && mergeHash(entries.map((entry) => [entryId(entry), file.current(entry)]), null) === hash;
  });
}

/**
 * The entries' state: as they would be written, as recorded, as an interrupted deploy announced and wrote them,
 * none of them there, or something else.
 */
function entriesState(job: MergeJob, file: ConfigFile, record: TomlTable | undefined, announced: readonly AnnouncedEntries[]): PartState {
  const recorded = mergeRecordOf(record);
  const desired = job.entries!;
  const desiredIds = new Set(desired.map(entryId));
  const known = [...recorded.entries, ...announced.flatMap((a) => a.ids)].map(parseEntryId);
  const knownIds = new Set(known.map(entryId));
  // Hook groups running this hook's scripts that no record names: ours, edited by the user.
  const edited = groupsUsingScripts(file, job.scripts ? scriptsPathOf(job) : null).filter((g) => !desiredIds.has(entryId(g)) && !knownIds.has(entryId(g)));
  const leftover = known.filter((entry) => !desiredIds.has(entryId(entry)));
  const same = (entry: Entry) => canonicalJson(file.current(entry) ?? null) === canonicalJson(entry.value);
  if (desired.every(same) && leftover.every((entry) => !file.has(entry)) && edited.length === 0) return "desired";
  if (![...desired, ...known].some((entry) => file.has(entry)) && edited.length === 0) return "absent";
  if (edited.length > 0) return "other";
  const recordedEntries = recorded.entries.map(parseEntryId);
  const recordedScripts = typeof record?.["scripts_hash"] === "string" ? record["scripts_hash"] : null;
  const asRecorded = mergeHash(recordedEntries.map((entry) => [entryId(entry), file.current(entry)]), recorded.scriptsPath === null ? null : recordedScripts);
  if (recorded.hash !== null && asRecorded === recorded.hash) return "recorded";
  return holdsAnnounced(file, announced) ? "announced" : "other";
}

/** Where a hook job's scripts are copied, relative to the project. */
function scriptsPathOf(job: MergeJob): string {
  return `${job.placement.scriptsDir}/${job.artifact.name}`;
}

/** A hook's scripts folder's state (`absent` whenever there is none, also for an artifact without scripts). */
function scriptsState(job: MergeJob, record: TomlTable | undefined, scriptsHash: string | null): PartState {
  if (scriptsHash === null) return "absent";
  if (scriptsHash === job.scripts?.hash) return "desired";
  return record?.["scripts_hash"] === scriptsHash ? "recorded" : "other";
}

/**
 * Writes a merge job's entries into its config file (in memory): its recorded entries, those an interrupted deploy
 * announced, the hook groups running its scripts and, when forced, the entries of the same names are taken out
 * first; the files and containers the insertions create are recorded.
 */
export function applyMergeJob(job: MergeJob, configs: ConfigFiles, record: TomlTable | undefined, announced: readonly AnnouncedEntries[]): void {
  const file = configs.get(job.label);
  for (const id of [...mergeRecordOf(record).entries, ...announced.flatMap((a) => a.ids)]) file.remove(parseEntryId(id), []);
  for (const group of groupsUsingScripts(file, job.scripts ? scriptsPathOf(job) : null)) file.remove(group, []);
  for (const entry of job.entries!) {
    if (entry.kind === "key" && file.has(entry)) file.remove(entry, []);
    configs.insert(job.label, entry);
  }
}
