import { realpathSync } from "node:fs";
import { basename, join } from "node:path";
import {
  silentLogger,
  type Clock,
  type DeployAction,
  type Deployer,
  type DeployRequest,
  type DeployResult,
  type Logger,
} from "@deployment-sets/core";
import type { TomlTable } from "smol-toml";
import type { FileToWrite } from "./atomic-write.js";
import { decide, writesContent } from "./decide.js";
import { deployResult, jobSpec, prepareJobs, type DeployJob } from "./deploy-job.js";
import { DestinationError, inspectDestination, writeDestination, type FolderCache, type ListingCache } from "./destination.js";
import { describeError } from "./path-safety.js";
import { profileRoot } from "./profile-root.js";
import { PROFILES, type ProfileLayout } from "./profiles.js";
import { acceptTarget } from "./project-target.js";
import { LOCK_FILE, ProjectLock } from "./project-lock.js";
import { withProjectMutex } from "./project-mutex.js";
import { recordChanges, recordUpserts } from "./record-changes.js";
import { applyRecordChanges, formatDeployedAt } from "./records.js";
import { readSourceTree, SourceError, SourceReader, type SourceFolders } from "./source-reader.js";
import { removeLeftovers } from "./temp-names.js";
import { TimeSlicer } from "./time-slicer.js";
import { recordedHash, TRACKING_FILE, TrackingFileCache, type TrackingState } from "./tracking-file.js";
import { announce, indexPending, indexRecords } from "./tracking-index.js";

/** What a {@link FilesystemDeployer} is built from. */
export interface FilesystemDeployerOptions {
  /** The collection folder artifact `path`s are relative to (the catalog's root). */
  readonly collectionRoot: string;
  /**
   * The folders deploy targets must lie inside (`DS_PROJECT_ROOTS`), compared by real path; a root itself
   * counts as inside. Empty: deploying is disabled (`deploy_disabled`).
   */
  readonly allowedRoots: readonly string[];
  /**
   * The longest the deployer does file work without yielding to the event loop, in milliseconds. File work
   * is synchronous, one artifact at a time (a single I/O in flight), in slices of about this length.
   * @defaultValue 4
   */
  readonly timeSliceMs?: number;
  /**
   * Receives warnings: stale locks broken, leftovers of interrupted deploys removed.
   * @defaultValue a logger that drops everything
   */
  readonly logger?: Logger;
  /**
   * Returns "now", for `deployed_at`.
   * @defaultValue `() => new Date()`
   */
  readonly clock?: Clock;
  /**
   * The `from_collection` written in tracking records.
   * @defaultValue the collection folder's name
   */
  readonly collectionName?: string;
  /**
   * How long a deploy waits for another process's deploy into the same project before every artifact fails.
   * @defaultValue 120000 (two minutes)
   */
  readonly lockTimeoutMs?: number;
}

/** What one deploy (or plan) works with once the project is locked. */
interface Run {
  readonly request: DeployRequest;
  readonly layout: ProfileLayout;
  readonly realProject: string;
  /** The profile root's real path; `null` in a plan when it does not exist yet. */
  readonly realRoot: string | null;
  readonly tracking: TrackingState;
  readonly records: ReadonlyMap<string, TomlTable>;
  readonly pending: ReadonlyMap<string, readonly string[]>;
  readonly slicer: TimeSlicer;
}

// Bytes read while hashing sources are kept for the write phase up to this much per deploy; beyond it they are
// read again when written.
const RETAINED_BYTES_BUDGET = 64 * 1024 * 1024;

/**
 * The {@link Deployer} that writes artifacts from a SkillMeat collection folder into project folders, exactly as
 * docs/deploying.md describes: SkillMeat's four profiles, its content hash and tracking file, the decision table,
 * atomic per-artifact replacement by rename, path safety, crash convergence, and a per-project lock.
 *
 * - {@link FilesystemDeployer.plan} makes the same decisions and writes nothing at all (no files, temporary
 *   files, tracking file or lock).
 * - Deploys into one project are serialised within the process (an async mutex) and across processes (the
 *   `.skillmeat-deployed.lock` file beside the tracking file).
 * - Order of writes: the tracking file first lists what is about to be written (pending entries), then each
 *   artifact lands by rename, then the records are written. After a crash at any point the next deploy
 *   converges: content equal to the source is `unchanged` (and gets its record), content a deploy announced
 *   counts as recorded, leftovers named `.ds-tmp-*` are removed.
 * - Warm redeploys read neither sources nor destinations that did not change: source hashes are cached in
 *   memory by (path, size, mtime, inode), destinations are matched against a stat fingerprint kept in the
 *   record (`ds_stat`, ignored by SkillMeat), the parsed tracking file is cached by its own stat data.
 * - File work is synchronous system calls, one artifact at a time, yielding to the event loop every
 *   `timeSliceMs` (only the tracking file's `fsync` runs on the thread pool): a thread-pool round trip per
 *   `stat`, `open` or `write` made a cold deploy of 500 artifacts about 18 times slower than `cp -r`.
 * - Content files are not fsynced (the tracking file is). A process crash loses nothing written; after a power
 *   loss, recent copies may be lost or truncated, and then show as local changes or conflicts (their stat data
 *   no longer matches), never as silently trusted content.
 *
 * @example
 * ```ts
 * const deployer = new FilesystemDeployer({
 *   collectionRoot: "/home/me/.skillmeat/collections/default",
 *   allowedRoots: ["/home/me"],
 * });
 * const sets = new DeploymentSets({ store, catalog, deployer });
 * const report = await sets.deploy("local-user", setId, { projectPath: "/home/me/app", profile: "claude_code" });
 * ```
 */
export class FilesystemDeployer implements Deployer {
  readonly #collectionRoot: string;
  readonly #allowedRoots: readonly string[];
  readonly #timeSliceMs: number;
  readonly #logger: Logger;
  readonly #clock: Clock;
  readonly #collectionName: string;
  readonly #lockTimeoutMs: number;
  readonly #sources = new SourceReader();
  readonly #tracking = new TrackingFileCache();
  readonly #listings: ListingCache = new Map();

  /** @param options - the collection, the allowed roots and optional tuning and environment */
  constructor(options: FilesystemDeployerOptions) {
    this.#collectionRoot = options.collectionRoot;
    this.#allowedRoots = [...options.allowedRoots];
    this.#timeSliceMs = Math.max(0, options.timeSliceMs ?? 4);
    this.#logger = options.logger ?? silentLogger;
    this.#clock = options.clock ?? (() => new Date());
    this.#collectionName = options.collectionName ?? basename(options.collectionRoot);
    this.#lockTimeoutMs = options.lockTimeoutMs ?? 120_000;
  }

  /**
   * Checks that deploying into `projectPath` is allowed.
   * @throws DeployDisabledError, ProjectPathInvalidError, ProjectPathForbiddenError (in that order)
   */
  async checkTarget(projectPath: string): Promise<void> {
    acceptTarget(projectPath, this.#allowedRoots);
  }

  /**
   * Deploys every artifact of `request` and reports each, in request order. One artifact's failure never
   * stops the others.
   * @throws the errors of {@link FilesystemDeployer.checkTarget} when the target is not allowed
   */
  async deploy(request: DeployRequest): Promise<readonly DeployResult[]> {
    return this.#run(request, true);
  }

  /**
   * Reports what {@link FilesystemDeployer.deploy} would do, writing nothing.
   * @throws the errors of {@link FilesystemDeployer.checkTarget} when the target is not allowed
   */
  async plan(request: DeployRequest): Promise<readonly DeployResult[]> {
    return this.#run(request, false);
  }

  async #run(request: DeployRequest, write: boolean): Promise<readonly DeployResult[]> {
    const realProject = acceptTarget(request.projectPath, this.#allowedRoots);
    const layout = PROFILES[request.profile];
    const { jobs, results } = prepareJobs(request.artifacts, layout);
    if (jobs.length > 0) {
      try {
        await this.#runJobs(request, write, realProject, layout, jobs);
      } catch (error) {
        for (const job of jobs) if (job.error === undefined) job.error = describeError(error);
      }
    }
    for (const job of jobs) {
      const action: DeployAction = job.error !== undefined ? "error" : job.action!;
      results[job.index] = deployResult(job.artifact, action, job.label, job.error);
    }
    return results;
  }

  async #runJobs(request: DeployRequest, write: boolean, realProject: string, layout: ProfileLayout, jobs: DeployJob[]) {
    const realRoot = profileRoot(realProject, layout.root, write);
    const lockPath = join(realRoot ?? join(realProject, layout.root), LOCK_FILE);
    await withProjectMutex(lockPath, async () => {
      const lock = write ? await ProjectLock.acquire(lockPath, { timeoutMs: this.#lockTimeoutMs, logger: this.#logger }) : null;
      try {
        if (realRoot !== null && write) this.#removeLeftovers(realRoot);
        const trackingPath = realRoot === null ? null : join(realRoot, TRACKING_FILE);
        const tracking = trackingPath === null ? emptyTracking() : this.#tracking.read(trackingPath);
        const run: Run = {
          request,
          layout,
          realProject,
          realRoot,
          tracking,
          records: indexRecords(tracking.records, layout.id),
          pending: indexPending(tracking.pending, layout.id),
          slicer: new TimeSlicer(this.#timeSliceMs),
        };
        await this.#inspectAll(run, jobs);
        if (write && realRoot !== null && trackingPath !== null) await this.#writeAll(run, jobs, realRoot, trackingPath);
      } finally {
        lock?.release();
      }
    });
  }

  /** Reads every source and destination and decides each artifact's action (writes nothing). */
  async #inspectAll(run: Run, jobs: readonly DeployJob[]): Promise<void> {
    let realCollection: string;
    try {
      realCollection = realpathSync.native(this.#collectionRoot);
    } catch (error) {
      throw new Error(`the collection folder cannot be read: ${describeError(error)}`, { cause: error });
    }
    const folders: FolderCache = new Map();
    const sourceFolders: SourceFolders = new Map();
    if (this.#listings.size > 100_000) this.#listings.clear();
    let retained = 0;
    for (const job of jobs) {
      const record = run.records.get(job.key);
      this.#decideJob(job, run.request.force, realCollection, sourceFolders, run.realRoot, folders, record, run.pending.get(job.key));
      const source = job.source;
      if (source?.bytes) {
        const keep = job.error === undefined && writesContent(job.action!) && (retained += byteLength(source.bytes)) <= RETAINED_BYTES_BUDGET;
        if (!keep) source.bytes = null;
      }
      await run.slicer.pause();
    }
  }

  /** Announces the writes in the tracking file, writes every artifact to write, then records the outcome. */
  async #writeAll(run: Run, jobs: readonly DeployJob[], realRoot: string, trackingPath: string): Promise<void> {
    const { layout, tracking } = run;
    const toWrite = jobs.filter((job) => job.error === undefined && writesContent(job.action!));
    if (toWrite.length > 0) {
      const entries = toWrite.map((job) => ({ key: job.key, name: job.artifact.name, type: job.artifact.type, hash: job.source!.hash }));
      const announced = announce(tracking, entries, layout.id);
      try {
        await this.#writeTracking(run, realRoot, trackingPath, () => announced);
      } catch (error) {
        for (const job of toWrite) job.error = `the tracking file cannot be written: ${describeError(error)}`;
        return;
      }
      for (const job of toWrite) {
        this.#writeJob(job, realRoot);
        await run.slicer.pause();
      }
    }
    const changes = recordChanges(jobs, {
      layout,
      setId: run.request.setId,
      collectionName: this.#collectionName,
      deployedAt: formatDeployedAt(this.#clock()),
      records: run.records,
      pending: run.pending,
    });
    if (changes.candidates.size === 0 && changes.settled.size === 0) return;
    try {
      await this.#writeTracking(run, realRoot, trackingPath, (fsNowMs) =>
        applyRecordChanges(tracking, layout.id, recordUpserts(changes.candidates, fsNowMs), changes.settled),
      );
    } catch (error) {
      const message = `written, but the tracking file cannot be written: ${describeError(error)}`;
      for (const job of jobs) if (job.error === undefined && changes.candidates.has(job.key)) job.error = message;
    }
  }

  #decideJob(
    job: DeployJob,
    force: boolean,
    realCollection: string,
    sourceFolders: SourceFolders,
    realRoot: string | null,
    folders: FolderCache,
    record: TomlTable | undefined,
    pendingHashes: readonly string[] | undefined,
  ): void {
    try {
      job.source = this.#sources.read(realCollection, job.artifact.path, job.destination.kind, sourceFolders);
      job.state = realRoot === null ? { present: false } : inspectDestination(jobSpec(job, realRoot), record, folders, this.#listings);
      job.action = decide({
        sourceHash: job.source.hash,
        destinationHash: job.state.present ? job.state.hash : null,
        recordedHash: recordedHash(record),
        ...(pendingHashes ? { pendingHashes } : {}),
        force,
      });
    } catch (error) {
      job.error = failure(error);
    }
  }

  #writeJob(job: DeployJob, realRoot: string): void {
    try {
      const source = job.source!;
      let bytes = source.bytes;
      if (bytes === null) {
        const reread = readSourceTree(source.tree, job.artifact.path);
        if (reread.hash !== source.hash) throw new SourceError(`the source ${job.artifact.path} changed during the deploy; deploy again`);
        bytes = reread.bytes;
      }
      const files: FileToWrite[] = source.tree.files.map((file, index) => ({
        rel: file.rel,
        parts: file.parts,
        mode: file.mode,
        bytes: bytes[index]!,
      }));
      const { tree, fingerprint } = writeDestination(jobSpec(job, realRoot), source.tree.kind, files, source.hash, job.state?.present === true, this.#listings, (aside) =>
        this.#logger.warn({ path: aside }, "could not remove the replaced copy of an artifact; the next deploy removes it"),
      );
      job.written = { hash: source.hash, tree, fingerprint };
      source.bytes = null;
    } catch (error) {
      job.error = failure(error);
    }
  }

  /** Writes the tracking file after checking, right before, that the profile root still resolves where it did. */
  async #writeTracking(run: Run, realRoot: string, trackingPath: string, build: (fsNowMs: number) => TrackingState): Promise<void> {
    if (profileRoot(run.realProject, run.layout.root, false) !== realRoot) {
      throw new DestinationError(`${run.layout.root} moved during the deploy`);
    }
    await this.#tracking.write(trackingPath, build);
  }

  #removeLeftovers(realRoot: string): void {
    const folders = new Set<string>([realRoot]);
    for (const layout of Object.values(PROFILES)) {
      for (const destination of Object.values(layout.destinations)) folders.add(join(realRoot, destination.folder));
    }
    const removed = removeLeftovers([...folders]);
    if (removed.length > 0) {
      this.#logger.warn({ paths: removed }, "removed leftovers of an interrupted deploy");
    }
  }
}

function failure(error: unknown): string {
  return error instanceof SourceError || error instanceof DestinationError ? error.message : describeError(error);
}

function emptyTracking(): TrackingState {
  return { records: [], pending: [], other: {} };
}

function byteLength(chunks: readonly Uint8Array[]): number {
  let total = 0;
  for (const chunk of chunks) total += chunk.byteLength;
  return total;
}
