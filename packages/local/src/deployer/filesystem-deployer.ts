import { basename, join } from "node:path";
import { isDeploymentSetsError, ProjectUnavailableError, silentLogger, type DeployProfile, type DeployResult, type Logger } from "@deployment-sets/core";
import type { ArtifactCatalog, Clock, DeployedArtifact, Deployer, DeployRequest, UndeployRequest } from "@deployment-sets/core/ports";
import type { ListingCache } from "./target/destination.js";
import { PROFILE_ROOTS } from "./placement/placements.js";
import { profileRoot } from "./target/profile-root.js";
import { acceptTarget } from "./target/project-target.js";
import { LOCK_FILE, ProjectLock } from "./locking/project-lock.js";
import { withProjectMutex } from "./locking/project-mutex.js";
import { describeError, errorCode } from "./fs/path-safety.js";
import { deployResult, prepareJobs } from "./run/jobs.js";
import { ProjectRun, removeIfEmpty } from "./run/project-run.js";
import { SourceReader } from "./fs/source-reader.js";
import { TrackingFileCache } from "./tracking/tracking-file.js";

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
  /**
   * The catalog the collection folder is read through: {@link FilesystemDeployer.inventory} compares what is
   * deployed with the catalog's current version to report `outdated`.
   * @defaultValue none (an inventory never reports `outdated`)
   */
  readonly catalog?: ArtifactCatalog;
}

/**
 * The {@link Deployer} that writes artifacts from a SkillMeat collection folder into project folders where each
 * assistant reads them (see docs/deploying.md and docs/assistants.md): copied, converted into the assistant's
 * format, or merged as entries into its config files (`.mcp.json`, `.claude/settings.json`, `.codex/config.toml`,
 * ...), which otherwise stay byte for byte as the user keeps them. It takes sets back out ({@link undeploy}),
 * keeping what another set still needs and what the user changed, and reports what is deployed ({@link inventory}).
 *
 * - Tracking: plain copies inside the profile root are recorded in SkillMeat's `.skillmeat-deployed.toml`, so
 *   SkillMeat sees them; everything else in `.deployment-sets/deployed.toml` beside it. Each record names the sets
 *   that deployed its artifact there.
 * - {@link FilesystemDeployer.plan} and {@link FilesystemDeployer.planUndeploy} make the same decisions and write
 *   nothing at all (no files, temporary files, tracking file, backups or lock).
 * - `force` replaces or removes what the user changed, after copying it under
 *   `<profile root>/.deployment-sets/backups/<time>/` at its path relative to the project.
 * - Deploys into one project are serialised within the process (an async mutex) and across processes (the
 *   `.skillmeat-deployed.lock` file in the profile root), so two sets merging into one config file both land.
 * - Order of writes: the tracking files first list what is about to be written (pending entries), then each
 *   artifact lands by rename (a config file is rewritten once, atomically), then the records are written. After
 *   a crash at any point the next deploy converges: content equal to what it would write is `unchanged`, content
 *   a deploy announced counts as recorded, leftovers named `.ds-tmp-*` are removed.
 * - Warm redeploys read neither sources nor destinations that did not change: source hashes are cached in
 *   memory by (path, size, mtime, inode), destinations are matched against a stat fingerprint kept in the
 *   record (`ds_stat`, ignored by SkillMeat), the parsed tracking files are cached by their own stat data.
 * - File work is synchronous system calls, one artifact at a time, yielding to the event loop every
 *   `timeSliceMs` (only the tracking files' `fsync` runs on the thread pool).
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
  readonly #catalog: ArtifactCatalog | undefined;
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
    this.#catalog = options.catalog;
  }

  /**
   * Checks that deploying into `projectPath` is allowed.
   * @throws DeployDisabledError, ProjectPathInvalidError, ProjectPathForbiddenError (in that order)
   */
  async checkTarget(projectPath: string): Promise<void> {
    acceptTarget(projectPath, this.#allowedRoots);
  }

  /**
   * Deploys every artifact of `request` and reports each, in request order, then what this set deployed there
   * earlier and no longer holds (`stale`, or removed with `prune`). One artifact's failure never stops the others.
   * @throws the errors of {@link FilesystemDeployer.checkTarget} when the target is not allowed
   */
  async deploy(request: DeployRequest): Promise<readonly DeployResult[]> {
    return this.#deployOrPlan(request, true);
  }

  /**
   * Reports what {@link FilesystemDeployer.deploy} would do, writing nothing.
   * @throws the errors of {@link FilesystemDeployer.checkTarget} when the target is not allowed
   */
  async plan(request: DeployRequest): Promise<readonly DeployResult[]> {
    return this.#deployOrPlan(request, false);
  }

  /**
   * A deploy or a plan. Once the target is accepted, a failure of the whole run (the lock held past the wait, a
   * tracking file that does not parse) fails every artifact with its reason rather than the call.
   */
  async #deployOrPlan(request: DeployRequest, write: boolean): Promise<readonly DeployResult[]> {
    const realProject = acceptTarget(request.projectPath, this.#allowedRoots);
    try {
      return await this.#locked(realProject, request.profile, write, (run) => run.deploy(request));
    } catch (error) {
      if (isDeploymentSetsError(error)) throw error;
      const { jobs, results } = prepareJobs(request.artifacts, request.profile);
      for (const job of jobs) results[job.index] = deployResult(job.artifact, "error", job.label, { error: describeError(error) });
      return results;
    }
  }

  /**
   * Removes what `request.setId` deployed into the project: an artifact another set deployed there too stays
   * (`kept_shared`), one the user changed stays (`kept_local_changes`) unless `force`, which keeps a backup;
   * merged entries leave their config files as they were, and a config file this deployer created goes once empty.
   * @throws the errors of {@link FilesystemDeployer.checkTarget} when the target is not allowed;
   *   ProjectUnavailableError when the lock is held past the wait or a tracking file does not parse
   */
  async undeploy(request: UndeployRequest): Promise<readonly DeployResult[]> {
    return this.#unavailableOnFailure(request.projectPath, () =>
      this.#locked(acceptTarget(request.projectPath, this.#allowedRoots), request.profile, true, (run) => run.undeploy(request), true),
    );
  }

  /**
   * Reports what {@link FilesystemDeployer.undeploy} would do, writing nothing.
   * @throws the errors of {@link FilesystemDeployer.undeploy}
   */
  async planUndeploy(request: UndeployRequest): Promise<readonly DeployResult[]> {
    return this.#unavailableOnFailure(request.projectPath, () =>
      this.#locked(acceptTarget(request.projectPath, this.#allowedRoots), request.profile, false, (run) => run.undeploy(request)),
    );
  }

  /**
   * What the project's tracking files record for `profile`, each artifact with its state on disk and against the
   * catalog (`outdated` needs the `catalog` option).
   * @throws the errors of {@link FilesystemDeployer.checkTarget} when the target is not allowed;
   *   ProjectUnavailableError when a tracking file does not parse
   */
  async inventory(projectPath: string, profile: DeployProfile): Promise<readonly DeployedArtifact[]> {
    return this.#unavailableOnFailure(projectPath, () =>
      this.#locked(acceptTarget(projectPath, this.#allowedRoots), profile, false, (run) => run.inventory(this.#catalog)),
    );
  }

  /** Runs `task`; a failure of the whole run (not a rejected target) becomes a ProjectUnavailableError. */
  async #unavailableOnFailure<T>(projectPath: string, task: () => Promise<T>): Promise<T> {
    try {
      return await task();
    } catch (error) {
      if (isDeploymentSetsError(error)) throw error;
      throw new ProjectUnavailableError(projectPath, describeError(error), { cause: error });
    }
  }

  /**
   * Runs `task` on the project, holding its mutex and, when it writes, its lock file. With `tidy` (an undeploy),
   * the profile root is removed afterwards when it is left empty.
   *
   * @param realProject - the project's real path, as `acceptTarget` returned it: each public call accepts
   *   its target exactly once, before this
   */
  async #locked<T>(realProject: string, profile: DeployProfile, write: boolean, task: (run: ProjectRun) => Promise<T>, tidy = false): Promise<T> {
    const rootName = PROFILE_ROOTS[profile];
    const realRoot = profileRoot(realProject, rootName, write);
    const lockPath = join(realRoot ?? join(realProject, rootName), LOCK_FILE);
    return withProjectMutex(lockPath, async () => {
      const lock = write ? await this.#acquire(lockPath, realProject, rootName) : null;
      try {
        if (this.#listings.size > 100_000) this.#listings.clear();
        const run = new ProjectRun(
          {
            reader: this.#sources,
            tracking: this.#tracking,
            listings: this.#listings,
            logger: this.#logger,
            now: this.#clock(),
            collectionName: this.#collectionName,
            collectionRoot: this.#collectionRoot,
            timeSliceMs: this.#timeSliceMs,
          },
          realProject,
          profile,
          realRoot,
          write,
        );
        return await task(run);
      } finally {
        lock?.release();
        if (tidy && realRoot !== null) removeIfEmpty(realRoot);
      }
    });
  }

  /**
   * Takes the project's lock file. Another process's undeploy may remove the (empty) profile root between this
   * deployer creating it and locking it: it is created again and the lock retried.
   */
  async #acquire(lockPath: string, realProject: string, rootName: string): Promise<ProjectLock> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await ProjectLock.acquire(lockPath, { timeoutMs: this.#lockTimeoutMs, logger: this.#logger });
      } catch (error) {
        if (errorCode(error) !== "ENOENT" || attempt === 3) throw error;
        profileRoot(realProject, rootName, true);
      }
    }
  }
}
