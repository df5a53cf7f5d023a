import type { Artifact, ArtifactType, DeployProfile } from "../domain/model.js";
import type { MissingReference } from "../resolver/resolve.js";

/** Every deploy action, see {@link DeployAction}. */
export const DEPLOY_ACTIONS = [
  "created",
  "unchanged",
  "updated",
  "kept_local_changes",
  "conflict",
  "overwritten",
  "unsupported",
  "error",
] as const;

/** What happened (or, on a dry run, would happen) to one artifact (see the deploy guide's decision table). */
export type DeployAction = (typeof DEPLOY_ACTIONS)[number];

/** Every outcome class of one artifact, see {@link DeployStatus}. */
export const DEPLOY_STATUSES = ["success", "skipped", "failed"] as const;

/** The outcome class of one artifact: `success` (written), `skipped` (left as it was) or `failed`. */
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
}

/** What a {@link Deployer} is asked to do. */
export interface DeployRequest {
  /** The set being deployed (recorded in the tracking file). */
  readonly setId: string;
  /** Absolute project folder, already accepted by {@link Deployer.checkTarget}. */
  readonly projectPath: string;
  /** The assistant layout deployed to. */
  readonly profile: DeployProfile;
  /** Overwrite local changes and conflicts. */
  readonly force: boolean;
  /** The resolved artifacts, in resolution order. */
  readonly artifacts: readonly Artifact[];
}

/**
 * The deploy port: writes resolved artifacts into a project folder.
 *
 * Contracts: {@link Deployer.checkTarget} throws `deploy_disabled`, then `project_path_invalid`, then
 * `project_path_forbidden`; {@link Deployer.plan} makes the same decisions as {@link Deployer.deploy} and writes
 * nothing at all; one artifact's failure never stops the others and is reported as `failed`; results come in
 * the order of `request.artifacts`.
 */
export interface Deployer {
  /** Checks that deploying into `projectPath` is allowed, or throws the matching core error. */
  checkTarget(projectPath: string): Promise<void>;
  /** Deploys every artifact and reports each. */
  deploy(request: DeployRequest): Promise<readonly DeployResult[]>;
  /** Reports what {@link Deployer.deploy} would do, writing nothing. */
  plan(request: DeployRequest): Promise<readonly DeployResult[]>;
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
  /** `succeeded + skipped + failed`: the number of resolved artifacts. */
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
