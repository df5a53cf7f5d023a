import type { Artifact, ArtifactType, DeployProfile } from "../domain/model.js";
import type { MissingReference } from "../resolver/resolve.js";

/** Every deploy and undeploy action, see {@link DeployAction}. */
export const DEPLOY_ACTIONS = [
  "created",
  "unchanged",
  "updated",
  "kept_local_changes",
  "conflict",
  "overwritten",
  "unsupported",
  "error",
  "stale",
  "removed",
  "kept_shared",
  "absent",
] as const;

/**
 * What happened (or, on a dry run, would happen) to one artifact (see docs/deploying.md): on a deploy `created`,
 * `unchanged`, `updated`, `kept_local_changes`, `conflict`, `overwritten`, `unsupported`, `error`, and `stale` for
 * an artifact this set deployed there earlier that it no longer holds; on an undeploy (or a deploy with `prune`)
 * `removed`, `kept_shared` (another set still needs it), `kept_local_changes` and `absent` (already gone).
 */
export type DeployAction = (typeof DEPLOY_ACTIONS)[number];

/** Every outcome class of one artifact, see {@link DeployStatus}. */
export const DEPLOY_STATUSES = ["success", "skipped", "failed"] as const;

/** The outcome class of one artifact: `success` (written, or removed by an undeploy), `skipped` (left as it was) or `failed`. */
export type DeployStatus = (typeof DEPLOY_STATUSES)[number];

/** One artifact's line of a deploy report. */
export interface DeployResult {
  /** The artifact's uuid. */
  readonly artifactUuid: string;
  /** The artifact's name. */
  readonly artifactName: string;
  /** The artifact's type. */
  readonly artifactType: ArtifactType;
  /** `success`, `skipped` or `failed`. */
  readonly status: DeployStatus;
  /** What happened to it, per the deploy decision table (see docs/deploying.md). */
  readonly action: DeployAction;
  /** Destination relative to the project, POSIX style (`.claude/skills/pdf`); `null` when unsupported. */
  readonly path: string | null;
  /** What went wrong, for `failed`; else `null`. */
  readonly error: string | null;
  /**
   * Where the user's version was saved before `force` replaced or removed it, relative to the project
   * (`.claude/.deployment-sets/backups/<time>/.mcp.json`); absent when nothing was backed up.
   */
  readonly backupPath?: string;
  /** What to do about this result (how to replace kept local changes, what is in the way of a conflict). */
  readonly hint?: string;
}

/** What a {@link Deployer} is asked to do. */
export interface DeployRequest {
  /** The set being deployed (recorded in the tracking file). */
  readonly setId: string;
  /** Absolute project folder, already accepted by {@link Deployer.checkTarget}. */
  readonly projectPath: string;
  /** The assistant layout deployed to. */
  readonly profile: DeployProfile;
  /** Overwrite local changes and conflicts (keeping a backup of what is replaced). */
  readonly force: boolean;
  /**
   * Also remove what this set deployed there earlier and no longer holds (by the undeploy rules); without it such
   * artifacts are reported `stale`.
   */
  readonly prune: boolean;
  /** The resolved artifacts, in resolution order. */
  readonly artifacts: readonly Artifact[];
  /**
   * Called after each artifact a deploy writes, with how many are written of how many will be (artifacts left as
   * they were are not counted); never on a plan.
   */
  readonly onProgress?: DeployProgress;
}

/** See {@link DeployRequest.onProgress}: `done` of `total` artifacts written. */
export type DeployProgress = (done: number, total: number) => void;

/** What a {@link Deployer} is asked to take back out of a project. */
export interface UndeployRequest {
  /** The set whose deployment is removed. */
  readonly setId: string;
  /** Absolute project folder, already accepted by {@link Deployer.checkTarget}. */
  readonly projectPath: string;
  /** The assistant layout it was deployed to. */
  readonly profile: DeployProfile;
  /** Remove what the user changed too (keeping a backup). */
  readonly force: boolean;
}

/** How a deployed artifact compares with what was deployed and with the collection. */
export const DEPLOYED_STATES = ["in_sync", "locally_modified", "missing_on_disk", "outdated"] as const;

/**
 * `in_sync` (as deployed, and the collection has nothing newer), `locally_modified` (edited in the project since),
 * `missing_on_disk` (deleted from the project) or `outdated` (as deployed, but the collection changed since).
 */
export type DeployedState = (typeof DEPLOYED_STATES)[number];

/** One artifact deployed in a project, as the project's tracking data records it. */
export interface DeployedArtifact {
  /** The artifact's uuid; `null` for a record another tool wrote without one. */
  readonly artifactUuid: string | null;
  /** The artifact's name. */
  readonly artifactName: string;
  /** The artifact's type. */
  readonly artifactType: string;
  /** Where it is, relative to the project, POSIX style (for a merged entry: the config file). */
  readonly path: string;
  /** Its state now. */
  readonly state: DeployedState;
  /** The ids of the sets that deployed it there (none for a record another tool wrote). */
  readonly setIds: readonly string[];
  /** When it was last deployed, as recorded; `null` when the record has no readable time. */
  readonly deployedAt: Date | null;
}

/**
 * The deploy port: writes resolved artifacts into a project folder.
 *
 * Contracts: {@link Deployer.checkTarget} throws `deploy_disabled`, then `project_path_invalid`, then
 * `project_path_forbidden`; {@link Deployer.plan} makes the same decisions as {@link Deployer.deploy} and writes
 * nothing at all (likewise {@link Deployer.planUndeploy}); one artifact's failure never stops the others and is
 * reported as `failed`; deploy results come in the order of `request.artifacts`, then the stale ones.
 */
export interface Deployer {
  /** Checks that deploying into `projectPath` is allowed, or throws the matching core error. */
  checkTarget(projectPath: string): Promise<void>;
  /** Deploys every artifact and reports each. */
  deploy(request: DeployRequest): Promise<readonly DeployResult[]>;
  /** Reports what {@link Deployer.deploy} would do, writing nothing. */
  plan(request: DeployRequest): Promise<readonly DeployResult[]>;
  /**
   * Removes what `request.setId` deployed into the project, except what another set still needs and what the
   * user changed (unless `force`), and reports each artifact.
   */
  undeploy(request: UndeployRequest): Promise<readonly DeployResult[]>;
  /** Reports what {@link Deployer.undeploy} would do, writing nothing. */
  planUndeploy(request: UndeployRequest): Promise<readonly DeployResult[]>;
  /** What is deployed in the project for `profile`, with each artifact's state. */
  inventory(projectPath: string, profile: DeployProfile): Promise<readonly DeployedArtifact[]>;
}

/** The report of one deploy (or dry run) of a set: the wire's `DeployReport`. */
export interface DeployReport {
  /** The deployed set's id. */
  readonly setId: string;
  /** The deployed set's name. */
  readonly setName: string;
  /** The project folder deployed into. */
  readonly projectPath: string;
  /** The assistant layout deployed to. */
  readonly profile: DeployProfile;
  /** True when nothing was written (a plan). */
  readonly dryRun: boolean;
  /** `succeeded + skipped + failed`: the number of results (the resolved artifacts, then the stale ones). */
  readonly total: number;
  /** Artifacts written. */
  readonly succeeded: number;
  /** Artifacts left as they were. */
  readonly skipped: number;
  /** Artifacts that failed. */
  readonly failed: number;
  /** Wall time of the deploy in milliseconds. */
  readonly durationMs: number;
  /** One line per resolved artifact, in resolution order. */
  readonly results: readonly DeployResult[];
  /** The resolution's missing references. */
  readonly missing: readonly MissingReference[];
}
