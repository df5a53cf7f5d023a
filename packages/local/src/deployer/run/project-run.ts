import { lstatSync, realpathSync, rmdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { DeployProfile, DeployResult, Logger } from "@deployment-sets/core";
import type { ArtifactCatalog, DeployedArtifact, DeployRequest, UndeployRequest } from "@deployment-sets/core/ports";
import type { TomlTable } from "smol-toml";
import { writesContent } from "../decide.js";
import { DestinationError, inspectDestination, writeDestination, type FolderCache, type ListingCache } from "../target/destination.js";
import { configFileRecords, ensureOwnFolder, OWN_FOLDER, readLedgers, withConfigFileRecords, type Ledger } from "../tracking/ledgers.js";
import { formatDeployedAt } from "../tracking/deployed-at.js";
import { addSetId, setIdsOf, withSetIds } from "../tracking/set-ids.js";
import { describeError } from "../fs/path-safety.js";
import { PLACEMENTS, PROFILE_ROOTS } from "../placement/placements.js";
import { profileRoot } from "../target/profile-root.js";
import { recordChanges, recordUpserts } from "../tracking/record-changes.js";
import { applyRecordChanges, deploymentRecord } from "../tracking/records.js";
import type { SourceFolders, SourceReader } from "../fs/source-reader.js";
import { removeLeftovers } from "../fs/temp-names.js";
import { TimeSlicer } from "./time-slicer.js";
import { recordedHash, type TrackingFileCache, type TrackingState } from "../tracking/tracking-file.js";
import { announce, indexPending } from "../tracking/tracking-index.js";
import { Backups } from "./backups.js";
import { entryId } from "./config-file.js";
import { ConfigFiles } from "./config-files.js";
import { failure, inspectFileJob, writeFileJob, type FileInspection } from "./file-jobs.js";
import { deployResult, jobResult, prepareJobs, type FileJob, type Job, type LedgerName, type MergeJob } from "./jobs.js";
import { applyMergeJob, decideMergeJob, mergeAnnouncements, prepareMergeJob } from "./merge-jobs.js";
import { removeRecorded, type Removal } from "./removal.js";
import { inventoryState } from "./inventory.js";

/** What a run needs from the deployer that owns it. */
export interface RunEnvironment {
  readonly reader: SourceReader;
  readonly tracking: TrackingFileCache;
  readonly listings: ListingCache;
  readonly logger: Logger;
  readonly now: Date;
  readonly collectionName: string;
  readonly collectionRoot: string;
  readonly timeSliceMs: number;
}

/**
 * One deploy, undeploy, plan or inventory in one project for one profile, run while holding the project's lock
 * (none for a plan or an inventory, which write nothing).
 */
export class ProjectRun {
  readonly #env: RunEnvironment;
  readonly #realProject: string;
  readonly #profile: DeployProfile;
  readonly #rootName: string;
  readonly #realRoot: string | null;
  readonly #write: boolean;
  readonly #ledgers: Record<LedgerName, Ledger>;
  readonly #configs: ConfigFiles;
  readonly #slicer: TimeSlicer;
  #backups: Backups | null = null;

  /**
   * @param realRoot - the profile root's real path; `null` when it does not exist (only in a plan)
   * @param write - false for a plan or an inventory
   */
  constructor(env: RunEnvironment, realProject: string, profile: DeployProfile, realRoot: string | null, write: boolean) {
    this.#env = env;
    this.#realProject = realProject;
    this.#profile = profile;
    this.#rootName = PROFILE_ROOTS[profile];
    this.#realRoot = realRoot;
    this.#write = write;
    if (write && realRoot !== null) this.#removeLeftovers(realRoot);
    this.#ledgers = readLedgers(env.tracking, realRoot, profile);
    this.#configs = new ConfigFiles(realProject, configFileRecords(this.#ledgers.own.state));
    this.#slicer = new TimeSlicer(env.timeSliceMs);
  }

  /** Deploys (or plans) `request`: every artifact decided, then written, then recorded. */
  async deploy(request: DeployRequest): Promise<DeployResult[]> {
    const { jobs, results } = prepareJobs(request.artifacts, this.#profile);
    const fileJobs = jobs.filter((job): job is FileJob => job.kind === "file");
    const mergeJobs = jobs.filter((job): job is MergeJob => job.kind === "merge");
    await this.#inspectFileJobs(fileJobs, request.force);
    this.#inspectMergeJobs(mergeJobs, request.force);
    const stale = this.#recordsOf(request.setId).filter(({ key }) => !jobs.some((job) => job.key === key));
    let removals: Removal[] = [];
    if (this.#write && this.#realRoot !== null) {
      await this.#writeJobs(fileJobs, mergeJobs, this.#realRoot, request.onProgress);
      if (request.prune) removals = this.#remove(stale, request.setId, request.force);
      this.#configsFlush(mergeJobs);
      await this.#writeRecords(request.setId, fileJobs, mergeJobs, removals);
    } else if (request.prune) {
      removals = this.#remove(stale, request.setId, request.force);
    }
    for (const job of jobs) results[job.index] = jobResult(job);
    const tail = request.prune
      ? removals.map((removal) => removal.result)
      : stale.map(({ record, label }) => deployResult(artifactOf(record), "stale", label, { hint: "no longer in this set; deploy with prune to remove it" }));
    return [...results, ...tail];
  }

  /**
   * Undeploys (or plans undeploying) a set: every record naming it, removed by the undeploy rules. Then the folders
   * the placements use are removed where they are left empty, and so are tracking files left with no records,
   * so a project whose every set was undeployed is as it was before (the profile root itself is left to the
   * caller, which holds a lock file in it).
   */
  async undeploy(request: UndeployRequest): Promise<DeployResult[]> {
    const removals = this.#remove(this.#recordsOf(request.setId), request.setId, request.force);
    if (this.#write && this.#realRoot !== null) {
      this.#configsFlush([]);
      await this.#writeRecords(request.setId, [], [], removals);
      this.#removeEmpty();
    }
    return removals.map((removal) => removal.result);
  }

  /** Every artifact the project's tracking files record for the profile, with its state. */
  inventory(catalog: ArtifactCatalog | undefined): Promise<DeployedArtifact[]> {
    return inventoryState(this.#inventoryContext(), catalog);
  }

  #inventoryContext() {
    return {
      realProject: this.#realProject,
      realRoot: this.#realRoot,
      profile: this.#profile,
      rootName: this.#rootName,
      ledgers: this.#ledgers,
      configs: this.#configs,
      reader: this.#env.reader,
      collectionRoot: this.#env.collectionRoot,
    };
  }

  /** The records of both tracking files that name `setId` among the sets that deployed them. */
  #recordsOf(setId: string): { key: string; ledger: LedgerName; record: TomlTable; label: string }[] {
    const out: { key: string; ledger: LedgerName; record: TomlTable; label: string }[] = [];
    for (const ledger of ["skillmeat", "own"] as const) {
      for (const [key, record] of this.#ledgers[ledger].records) {
        if (!setIdsOf(record).includes(setId)) continue;
        const path = String(record["artifact_path"]);
        out.push({ key, ledger, record, label: ledger === "skillmeat" ? `${this.#rootName}/${path}` : path });
      }
    }
    return out;
  }

  /** The collection folder's real path; `null`, with every job failed, when it cannot be read. */
  #realCollection(jobs: readonly Job[]): string | null {
    try {
      return realpathSync.native(this.#env.collectionRoot);
    } catch (error) {
      for (const job of jobs) job.error = `the collection folder cannot be read: ${describeError(error)}`;
      return null;
    }
  }

  async #inspectFileJobs(jobs: readonly FileJob[], force: boolean): Promise<void> {
    if (jobs.length === 0) return;
    const realCollection = this.#realCollection(jobs);
    if (realCollection === null) return;
    const realBases = new Map<string, string | null>();
    const baseErrors = new Map<string, string>();
    for (const base of new Set(jobs.map((job) => job.base))) {
      try {
        realBases.set(base, profileRoot(this.#realProject, base, false));
      } catch (error) {
        baseErrors.set(base, failure(error));
      }
    }
    const context: FileInspection = {
      reader: this.#env.reader,
      realCollection,
      sourceFolders: new Map(),
      realBases,
      folders: new Map(),
      listings: this.#env.listings,
      force,
    };
    for (const job of jobs) {
      const baseError = baseErrors.get(job.base);
      if (baseError !== undefined) job.error = baseError;
      else {
        const ledger = this.#ledgers[job.ledger];
        inspectFileJob(job, context, ledger.records.get(job.key), ledger.pending.get(job.key));
      }
      await this.#slicer.pause();
    }
  }

  #inspectMergeJobs(jobs: readonly MergeJob[], force: boolean): void {
    if (jobs.length === 0) return;
    const realCollection = this.#realCollection(jobs);
    if (realCollection === null) return;
    const source = { reader: this.#env.reader, realCollection, sourceFolders: new Map() as SourceFolders };
    const folders: FolderCache = new Map();
    for (const job of jobs) {
      prepareMergeJob(job, this.#profile, source);
      if (job.error !== undefined) continue;
      let file;
      try {
        file = this.#configs.get(job.label);
      } catch (error) {
        job.action = "conflict";
        job.hint = `${job.label} cannot be merged into and is left as it is: ${failure(error)}`;
        continue;
      }
      try {
        const record = this.#ledgers.own.records.get(job.key);
        const scriptsHash = job.scripts ? this.#scriptsState(job, folders) : null;
        const own = this.#ledgers.own;
        decideMergeJob(job, file, record, scriptsHash, own.pending.get(job.key) ?? [], own.announced.get(job.key) ?? [], force);
      } catch (error) {
        job.error = failure(error);
      }
    }
  }

  /** The content hash of a hook's scripts folder in the project now (`null` when absent). */
  #scriptsState(job: MergeJob, folders: FolderCache): string | null {
    const spec = this.#scriptsSpec(job, true);
    if (spec === null) return null;
    const state = inspectDestination(spec, undefined, folders, this.#env.listings);
    return state.present ? state.hash : null;
  }

  /** Where a hook's scripts land: `<scriptsDir>/<name>` as a folder destination; `null` when the base is missing. */
  #scriptsSpec(job: MergeJob, readOnly: boolean) {
    const dir = job.placement.scriptsDir!;
    const [base, ...rest] = dir.split("/");
    const realBase = profileRoot(this.#realProject, base!, !readOnly);
    if (realBase === null) return null;
    return { realRoot: realBase, destination: { folder: rest.join("/"), kind: "folder" as const, suffix: "" }, leaf: job.artifact.name, label: `${dir}/${job.artifact.name}` };
  }

  async #writeJobs(
    fileJobs: readonly FileJob[],
    mergeJobs: readonly MergeJob[],
    realRoot: string,
    onProgress: DeployRequest["onProgress"],
  ): Promise<void> {
    const toWrite = [...fileJobs, ...mergeJobs].filter((job) => job.error === undefined && writesContent(job.action!));
    if (toWrite.length === 0) return;
    const announcements = (ledger: LedgerName) =>
      toWrite
        .filter((job) => job.ledger === ledger)
        .flatMap((job) =>
          (job.kind === "file" ? [{ hash: job.source!.hash }] : mergeAnnouncements(job)).map((announced) => ({
            key: job.key,
            name: job.artifact.name,
            type: job.artifact.type,
            ...announced,
          })),
        );
    try {
      for (const ledger of ["skillmeat", "own"] as const) {
        const entries = announcements(ledger);
        if (entries.length > 0) await this.#writeLedger(ledger, realRoot, () => announce(this.#ledgers[ledger].state, entries, this.#profile));
      }
    } catch (error) {
      for (const job of toWrite) job.error = `the tracking file cannot be written: ${describeError(error)}`;
      return;
    }
    // Each base resolved once: every write below resolves its own folder again and checks it is inside the base.
    const realBases = new Map<string, string>();
    let done = 0;
    for (const job of toWrite) {
      if (job.action === "overwritten") this.#backUp(job);
      if (job.error !== undefined) continue; // no backup, no replacing
      if (job.kind === "file") {
        let realBase = realBases.get(job.base);
        if (realBase === undefined) realBases.set(job.base, (realBase = profileRoot(this.#realProject, job.base, true)!));
        writeFileJob(job, realBase, this.#env.listings, (aside) => this.#warnAside(aside));
      } else {
        this.#writeMergeJob(job);
      }
      onProgress?.(++done, toWrite.length);
      await this.#slicer.pause();
    }
  }

  #writeMergeJob(job: MergeJob): void {
    try {
      const record = this.#ledgers.own.records.get(job.key);
      applyMergeJob(job, this.#configs, record, this.#ledgers.own.announced.get(job.key) ?? []);
      if (job.scripts) {
        const spec = this.#scriptsSpec(job, false)!;
        const files = job.scripts.tree.files.map((f, index) => ({ rel: f.rel, parts: f.parts, mode: f.mode, bytes: job.scripts!.bytes![index]! }));
        writeDestination(spec, "folder", files, job.scripts.hash, true, this.#env.listings, (aside) => this.#warnAside(aside));
      }
    } catch (error) {
      job.error = failure(error);
    }
  }

  /**
   * Keeps what `force` is about to replace: a file job's file or folder; a merge job's config file as it was (the
   * result names it) and, when the user edited them, a hook's scripts beside it in the same backup folder.
   */
  #backUp(job: Job): void {
    try {
      const backups = (this.#backups ??= new Backups(this.#realProject, this.#rootName, this.#env.now));
      if (job.kind === "file") {
        job.backupPath = backups.copy(job.label);
        return;
      }
      const original = this.#configs.original(job.label);
      const configBackup = original === null ? undefined : backups.save(job.label, original);
      const scriptsBackup = job.scriptsEdited ? backups.copy(`${job.placement.scriptsDir}/${job.artifact.name}`) : undefined;
      const named = configBackup ?? scriptsBackup;
      if (named !== undefined) job.backupPath = named;
    } catch (error) {
      job.error = `the backup of ${job.label} cannot be written, so it was not replaced: ${describeError(error)}`;
    }
  }

  #remove(records: readonly { key: string; ledger: LedgerName; record: TomlTable }[], setId: string, force: boolean): Removal[] {
    if (this.#realRoot === null) return [];
    this.#backups ??= this.#write ? new Backups(this.#realProject, this.#rootName, this.#env.now) : null;
    const touched = new Set<string>();
    return records.map(({ key, ledger, record }) =>
      removeRecorded(record, key, ledger, setId, {
        realProject: this.#realProject,
        realRoot: this.#realRoot!,
        force,
        write: this.#write,
        backups: this.#backups,
        configs: this.#configs,
        touched,
        announced: ledger === "own" ? (this.#ledgers.own.announced.get(key) ?? []) : [],
        pending: this.#ledgers[ledger].pending.get(key) ?? [],
      }),
    );
  }

  /** What this deployer created in each config file, once the files are written (`null` before). */
  #configFiles: ReturnType<ConfigFiles["flush"]> | null = null;

  #configsFlush(mergeJobs: readonly MergeJob[]): void {
    try {
      this.#configFiles = this.#configs.flush();
    } catch (error) {
      for (const job of mergeJobs) if (job.error === undefined && writesContent(job.action!)) job.error = `the config file cannot be written: ${describeError(error)}`;
    }
  }

  /** Writes both tracking files: records of what was written or found unchanged, removals, settled announcements. */
  async #writeRecords(setId: string, fileJobs: readonly FileJob[], mergeJobs: readonly MergeJob[], removals: readonly Removal[]): Promise<void> {
    const deployedAt = formatDeployedAt(this.#env.now);
    for (const ledger of ["skillmeat", "own"] as const) {
      const { records, pending, state } = this.#ledgers[ledger];
      const changes = recordChanges(
        fileJobs.filter((job) => job.ledger === ledger),
        { profile: this.#profile, rootDir: this.#rootName, setId, collectionName: this.#env.collectionName, deployedAt, records, pending },
      );
      const candidates = new Map(changes.candidates);
      const settled = new Set(changes.settled);
      if (ledger === "own") {
        const announced = indexPending(state.pending, this.#profile);
        for (const job of mergeJobs) {
          const record = mergeJobRecord(job, records.get(job.key), { profile: this.#profile, rootDir: this.#rootName, setId, collection: this.#env.collectionName, deployedAt });
          if (record) candidates.set(job.key, { record });
          // Its announcements (made by this run or an interrupted one) are settled once it landed.
          if (job.error === undefined && (job.action === "unchanged" || writesContent(job.action!)) && announced.has(job.key)) settled.add(job.key);
        }
      }
      const upserts = new Map<string, TomlTable>();
      const removed = new Set<string>();
      for (const removal of removals.filter((r) => r.ledger === ledger)) {
        if (removal.record === null) removed.add(removal.key);
        else if (removal.record !== records.get(removal.key)) upserts.set(removal.key, removal.record);
      }
      const configChanged = ledger === "own" && this.#configFiles !== null;
      if (candidates.size === 0 && settled.size === 0 && upserts.size === 0 && removed.size === 0 && !configChanged) continue;
      try {
        await this.#writeLedger(ledger, this.#realRoot!, (fsNowMs) => {
          const next = applyRecordChanges(state, this.#profile, new Map([...recordUpserts(candidates, fsNowMs), ...upserts]), settled, removed);
          return ledger === "own" && this.#configFiles !== null ? withConfigFileRecords(next, this.#configFiles) : next;
        });
      } catch (error) {
        const message = `written, but the tracking file cannot be written: ${describeError(error)}`;
        for (const job of [...fileJobs, ...mergeJobs]) if (job.ledger === ledger && job.error === undefined && candidates.has(job.key)) job.error = message;
      }
    }
  }

  /** Writes one tracking file after checking, right before, that the profile root still resolves where it did. */
  async #writeLedger(ledger: LedgerName, realRoot: string, build: (fsNowMs: number) => TrackingState): Promise<void> {
    if (profileRoot(this.#realProject, this.#rootName, false) !== realRoot) throw new DestinationError(`${this.#rootName} moved during the deploy`);
    const path = this.#ledgers[ledger].path!;
    if (ledger === "own") ensureOwnFolder(realRoot);
    let written: TrackingState | undefined;
    await this.#env.tracking.write(path, (fsNowMs) => (written = build(fsNowMs)));
    const state = written!;
    this.#ledgers[ledger] = { ...this.#ledgers[ledger], state };
  }

  #removeEmpty(): void {
    for (const ledger of ["skillmeat", "own"] as const) {
      const { path, state } = this.#ledgers[ledger];
      if (path !== null && state.records.length === 0 && state.pending.length === 0 && Object.keys(state.other).length === 0) {
        rmSync(path, { force: true });
      }
    }
    const folders = new Set<string>();
    for (const placement of Object.values(PLACEMENTS[this.#profile])) {
      const dir = placement.kind === "copy" || placement.kind === "convert" ? placement.dir : placement.kind === "merge" ? placement.scriptsDir : undefined;
      if (dir === undefined) continue;
      const parts = dir.split("/");
      for (let depth = parts.length; depth >= 1; depth--) folders.add(parts.slice(0, depth).join("/"));
    }
    folders.add(`${this.#rootName}/${OWN_FOLDER}`);
    for (const folder of [...folders].sort((a, b) => b.length - a.length)) {
      if (folder === this.#rootName) continue;
      removeIfEmpty(join(this.#realProject, folder));
    }
  }

  #warnAside(aside: string): void {
    this.#env.logger.warn({ path: aside }, "could not remove the replaced copy of an artifact; the next deploy removes it");
  }

  #removeLeftovers(realRoot: string): void {
    const folders = new Set<string>([realRoot, join(realRoot, ".deployment-sets"), this.#realProject]);
    for (const placement of Object.values(PLACEMENTS[this.#profile])) {
      if (placement.kind === "copy" || placement.kind === "convert") folders.add(join(this.#realProject, placement.dir));
      if (placement.kind === "merge") {
        const file = join(this.#realProject, placement.file);
        folders.add(file.slice(0, file.lastIndexOf("/")));
        if (placement.scriptsDir) folders.add(join(this.#realProject, placement.scriptsDir));
      }
    }
    const removed = removeLeftovers([...folders]);
    if (removed.length > 0) this.#env.logger.warn({ paths: removed }, "removed leftovers of an interrupted deploy");
  }
}

/** Removes a folder when it is empty (and not a link); anything else stays. */
export function removeIfEmpty(path: string): void {
  try {
    if (!lstatSync(path).isDirectory()) return;
    rmdirSync(path);
  } catch {
    // missing, not empty, or not ours to remove
  }
}

/** The record of a merge job that was written or found unchanged (`null` when nothing changes for it). */
function mergeJobRecord(
  job: MergeJob,
  record: TomlTable | undefined,
  context: { profile: string; rootDir: string; setId: string; collection: string; deployedAt: string },
): TomlTable | null {
  if (job.error !== undefined || (job.action !== "unchanged" && !writesContent(job.action!))) return null;
  const setIds = addSetId(setIdsOf(record), context.setId);
  if (job.action === "unchanged" && record !== undefined && recordedHash(record) === job.desiredHash) {
    const patched = withSetIds({ ...record, artifact_uuid: job.artifact.uuid }, setIds);
    return sameIds(setIdsOf(record), setIds) && record["artifact_uuid"] === job.artifact.uuid ? null : patched;
  }
  const fresh = deploymentRecord({
    name: job.artifact.name,
    type: job.artifact.type,
    collection: context.collection,
    deployedAt: context.deployedAt,
    path: job.label,
    hash: job.desiredHash!,
    profile: context.profile,
    rootDir: context.rootDir,
    uuid: job.artifact.uuid,
    setIds,
    placement: "merge",
  });
  return {
    ...fresh,
    entries: job.entries!.map(entryId),
    ...(job.scripts ? { scripts_path: `${job.placement.scriptsDir}/${job.artifact.name}`, scripts_hash: job.scripts.hash } : {}),
  };
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, index) => id === b[index]);
}

/** The artifact a record describes, for a report line. */
function artifactOf(record: TomlTable) {
  return {
    uuid: typeof record["artifact_uuid"] === "string" ? record["artifact_uuid"] : "",
    name: String(record["artifact_name"]),
    type: String(record["artifact_type"]) as never,
  };
}

