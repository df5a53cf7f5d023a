import type { DeploymentSet, DeployProfile, Member } from "../domain/model.js";
import type { DeployedArtifact } from "../ports/deployer.js";

/** A member as the service returns it: the stored row plus the referenced thing's name when known. */
export interface MemberView extends Member {
  /** The artifact's, group's or nested set's name; `null` when the reference is unknown. */
  readonly name: string | null;
}

/** A set as lists return it: the stored set plus its counts. */
export interface SetSummary extends DeploymentSet {
  /** Number of direct members. */
  readonly memberCount: number;
  /** Number of distinct artifacts it resolves to; `null` when it cannot resolve (over the depth limit). */
  readonly resolvedCount: number | null;
}

/** A set with its members, as get, create, update and clone return it. */
export interface SetDetails extends SetSummary {
  /** Members in position order. */
  readonly members: readonly MemberView[];
}

/** One page of a list. */
export interface Page<T> {
  /** The entries of this page. */
  readonly items: readonly T[];
  /** How many entries match, over all pages. */
  readonly total: number;
  /** The page size used. */
  readonly limit: number;
  /** The number of entries skipped. */
  readonly offset: number;
}

/** A set a deployed artifact came with: its id and name. */
export interface SetRef {
  /** The set's id. */
  readonly id: string;
  /** The set's name. */
  readonly name: string;
}

/** One deployed artifact of a project, with the owner's sets that brought it. */
export interface DeployedArtifactView extends Omit<DeployedArtifact, "setIds"> {
  /** The owner's sets that deployed it there (other owners' sets are not shown). */
  readonly sets: readonly SetRef[];
}

/** What is deployed in one project for one profile. */
export interface ProjectInventory {
  /** The project folder. */
  readonly projectPath: string;
  /** The assistant layout. */
  readonly profile: DeployProfile;
  /** Every deployed artifact the project's tracking data records for the profile, in its order. */
  readonly artifacts: readonly DeployedArtifactView[];
}
